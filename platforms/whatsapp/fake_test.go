package whatsapp_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
	"sapa/platforms/platformtest"
	"sapa/platforms/whatsapp"
	"sapa/platforms/whatsapp/whatsapptest"
)

const (
	phoneID     = whatsapptest.PhoneNumberID
	token       = whatsapptest.Token
	appSecret   = "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a"
	verifyToken = "sapa-verify-wa"
)

// fake is the Cloud API fake of whatsapptest whose webhook deliveries go to
// the current connector's ServeWebhook through an HTTP server that hands
// the body over as the relay does.
type fake struct {
	*whatsapptest.Server
	hook *httptest.Server

	mu     sync.Mutex
	conn   platforms.Connector
	pushed []inbox.Inbound
}

func newFake(t *testing.T) *fake {
	f := &fake{Server: whatsapptest.New(t)}
	f.hook = httptest.NewServer(http.HandlerFunc(f.deliver))
	t.Cleanup(f.hook.Close)
	f.SetWebhook(f.hook.URL+"/webhook/whatsapp/pemkab-wa", appSecret)
	return f
}

func (f *fake) account() config.Account {
	return config.Account{Name: "pemkab-wa", Platform: inbox.WhatsApp, BaseURL: f.BaseURL(), Options: &whatsapp.Options{PhoneNumberID: phoneID, Options: meta.Options{Token: config.Secret{Value: token}, AppSecret: config.Secret{Value: appSecret}, VerifyToken: config.Secret{Value: verifyToken}}}}
}

func (f *fake) Connector(t *testing.T) platforms.Connector {
	c, err := whatsapp.New(f.account(), nil)
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.conn = c
	f.mu.Unlock()
	return c
}

// deliver is the relay's side of the webhook: read the body, hand it to
// the current connector (one is made if the test has none yet).
func (f *fake) deliver(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	if f.conn == nil {
		c, err := whatsapp.New(f.account(), nil)
		if err != nil {
			f.mu.Unlock()
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		f.conn = c
	}
	c := f.conn
	f.mu.Unlock()
	items, handled, err := c.(platforms.WebhookReceiver).ServeWebhook(w, r, body)
	if handled {
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	f.mu.Lock()
	f.pushed = append(f.pushed, items...)
	f.mu.Unlock()
}

func (f *fake) AddInbound(t *testing.T, texts ...string) []string {
	return f.Server.AddInbound(texts...)
}
func (f *fake) PageSize() int                                { return 3 }
func (f *fake) Replies(t *testing.T) []platformtest.Received { return f.Server.Replies() }

func (f *fake) MalformedNext(t *testing.T) []string {
	good := []string{"air PDAM mati sejak pagi", "mohon info bansos"}
	_, a := f.TextMessage("6281234567001", good[0])
	_, b := f.TextMessage("6281234567002", good[1])
	bad := json.RawMessage(`{"from":"6281234567003","id":"wamid.bad","timestamp":"kemarin","type":"text","text":{"body":"rusak"}}`)
	f.Deliver(f.Payload([]json.RawMessage{a, bad, b}, whatsapptest.Citizens))
	return good
}

func (f *fake) Pushed(t *testing.T) []inbox.Inbound {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]inbox.Inbound(nil), f.pushed...)
}

package telegram

import (
	"fmt"
	"testing"

	"sapa/config"
	"sapa/platforms"
	"sapa/platforms/platformtest"
	"sapa/platforms/telegram/telegramtest"
)

const (
	fakeToken    = telegramtest.Token
	fakeBotID    = telegramtest.BotID
	fakeBotName  = telegramtest.BotUsername
	fakeChat     = telegramtest.Chat
	fakeWebhook  = telegramtest.WebhookSecret
	fakePageSize = telegramtest.PageSize
)

// fakeAPI is the Bot API fake of telegramtest, with what these tests add:
// the account it serves and connectors that page like it.
type fakeAPI struct{ *telegramtest.Server }

func newFakeAPI(t *testing.T) *fakeAPI { return &fakeAPI{telegramtest.New(t)} }

func (f *fakeAPI) account() config.Account {
	return config.Account{Name: "pemkab-tg", Platform: "telegram", BaseURL: f.URL(), Options: &Options{Token: config.Secret{Value: fakeToken}, WebhookSecret: config.Secret{Value: fakeWebhook}, BotUsername: fakeBotName}}
}

func (f *fakeAPI) connectorFor(t *testing.T, acct config.Account) *Connector {
	t.Helper()
	c, err := New(acct, nil)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	tc := c.(*Connector)
	tc.limit = fakePageSize
	return tc
}

// contractFake adapts fakeAPI to platformtest.Fake.
type contractFake struct{ *fakeAPI }

func (f contractFake) Connector(t *testing.T) platforms.Connector {
	return f.connectorFor(t, f.account())
}

func (f contractFake) AddInbound(t *testing.T, texts ...string) []string {
	var ids []string
	for _, s := range texts {
		ids = append(ids, f.PrivateText(s))
	}
	return ids
}

func (f contractFake) PageSize() int { return fakePageSize }

func (f contractFake) MalformedNext(t *testing.T) []string {
	good := []string{"sebelum rusak", "sesudah rusak"}
	f.PrivateText(good[0])
	f.Queue(func(id int64) string {
		return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":"tujuh","chat":"not a chat","text":7}}`, id)
	})
	f.PrivateText(good[1])
	return good
}

func (f contractFake) Replies(t *testing.T) []platformtest.Received { return f.Server.Replies() }

func TestContract(t *testing.T) {
	platformtest.Run(t, func(t *testing.T) platformtest.Fake { return contractFake{newFakeAPI(t)} })
}

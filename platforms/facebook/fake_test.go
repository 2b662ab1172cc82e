package facebook_test

import (
	"encoding/json"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/facebook"
	"sapa/platforms/facebook/facebooktest"
	"sapa/platforms/meta"
	"sapa/platforms/platformtest"
)

const (
	pageID      = facebooktest.PageID
	token       = facebooktest.Token
	appSecret   = "f00dfacef00dfacef00dfacef00dface"
	verifyToken = "sapa-verify-4321"
)

// fake is the Page fake of facebooktest adapted to platformtest.Fake.
type fake struct {
	*facebooktest.Server
}

func newFake(t *testing.T) *fake { return &fake{facebooktest.New(t)} }

func (f *fake) account() config.Account {
	return config.Account{Name: "pemkab-fb", Platform: inbox.Facebook, BaseURL: f.BaseURL(), Options: &facebook.Options{PageID: pageID, Options: meta.Options{Token: config.Secret{Value: token}, AppSecret: config.Secret{Value: appSecret}, VerifyToken: config.Secret{Value: verifyToken}}}}
}

func (f *fake) Connector(t *testing.T) platforms.Connector {
	c, err := facebook.New(f.account(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fake) AddInbound(t *testing.T, texts ...string) []string {
	return f.Server.AddInbound(texts...)
}
func (f *fake) PageSize() int                                { return facebooktest.PageSize }
func (f *fake) Replies(t *testing.T) []platformtest.Received { return f.Server.Replies() }

func (f *fake) MalformedNext(t *testing.T) []string {
	good := []string{"jalan berlubang di Cibadak", "lampu PJU mati"}
	f.AddComment(facebooktest.Comment{Text: good[0], FromID: "7100", FromName: "A", At: time.Now()})
	// An id that is a number and a time that is no time: unparseable.
	f.AddRawComment(json.RawMessage(`{"id":12345,"message":"rusak","created_time":"kemarin"}`))
	f.AddComment(facebooktest.Comment{Text: good[1], FromID: "7101", FromName: "B", At: time.Now()})
	return good
}

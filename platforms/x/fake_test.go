package x

import (
	"encoding/json"
	"strings"
	"testing"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/platformtest"
	"sapa/platforms/x/xtest"
)

const (
	fakeMe    = xtest.UserID
	fakeToken = xtest.Token
)

// fakeX is the X API fake of xtest, with the account it serves.
type fakeX struct{ *xtest.Server }

func newFakeX(t *testing.T) *fakeX { return &fakeX{xtest.New(t)} }

func (f *fakeX) account() config.Account {
	return config.Account{Name: "humas-x", Platform: inbox.X, BaseURL: f.URL(), Options: &Options{UserID: fakeMe, Token: config.Secret{Value: fakeToken}}}
}

func (f *fakeX) conn(t *testing.T) *Connector {
	t.Helper()
	c, err := New(f.account(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return c.(*Connector)
}

func problemBody(status int, title, detail, typ string) string {
	return xtest.ProblemBody(status, title, detail, typ)
}

// contract adapts fakeX to platformtest.Fake.
type contract struct{ *fakeX }

func (c contract) Connector(t *testing.T) platforms.Connector { return c.conn(t) }

func (c contract) AddInbound(t *testing.T, texts ...string) []string {
	var ids []string
	for _, s := range texts {
		// X escapes these on the wire; the connector must undo it.
		ids = append(ids, c.AddMention(strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)))
	}
	return ids
}

func (c contract) PageSize() int { return xtest.PageSize }

func (c contract) MalformedNext(t *testing.T) []string {
	good := []string{"lampu jalan mati", "sampah belum diangkut"}
	c.AddInbound(t, good[0])
	c.AddRawMention(json.RawMessage(`{"id": 42, "text": ["not", "a", "string"]}`))
	c.AddInbound(t, good[1])
	return good
}

func (c contract) Replies(t *testing.T) []platformtest.Received { return c.Server.Replies() }

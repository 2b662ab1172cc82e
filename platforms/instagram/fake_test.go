package instagram_test

import (
	"encoding/json"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/instagram"
	"sapa/platforms/instagram/instagramtest"
	"sapa/platforms/meta"
	"sapa/platforms/meta/metatest"
	"sapa/platforms/platformtest"
)

const (
	igID        = instagramtest.IGUserID
	token       = instagramtest.Token
	appSecret   = "5ec2e75ec2e75ec2e75ec2e75ec2e700"
	verifyToken = "sapa-verify-ig"
)

// fake is the Instagram fake of instagramtest adapted to platformtest.Fake.
type fake struct{ *instagramtest.Server }

func newFake(t *testing.T, withDMs bool) *fake {
	if withDMs {
		return &fake{instagramtest.New(t)}
	}
	return &fake{instagramtest.New(t, instagramtest.WithoutDMs())}
}

func (f *fake) account() config.Account {
	return config.Account{Name: "pemkab-ig", Platform: inbox.Instagram, BaseURL: f.BaseURL(), Options: &instagram.Options{IGUserID: igID, Options: meta.Options{Token: config.Secret{Value: token}, AppSecret: config.Secret{Value: appSecret}, VerifyToken: config.Secret{Value: verifyToken}}}}
}

func (f *fake) Connector(t *testing.T) platforms.Connector {
	c, err := instagram.New(f.account(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fake) AddInbound(t *testing.T, texts ...string) []string {
	return f.Server.AddInbound(texts...)
}
func (f *fake) PageSize() int                                { return instagramtest.PageSize }
func (f *fake) Replies(t *testing.T) []platformtest.Received { return f.Server.Replies() }

func (f *fake) MalformedNext(t *testing.T) []string {
	good := []string{"jadwal imunisasi?", "lokasi posyandu di mana"}
	f.AddComment(good[0], metatest.Person{ID: "1", Username: "a"}, time.Now())
	f.AddRawComment("bad", json.RawMessage(`{"id":"bad","text":"rusak","timestamp":"tadi"}`))
	f.AddComment(good[1], metatest.Person{ID: "2", Username: "b"}, time.Now())
	return good
}

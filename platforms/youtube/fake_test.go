package youtube

import (
	"encoding/json"
	"testing"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/platformtest"
	"sapa/platforms/youtube/youtubetest"
)

const (
	fakeChannel = youtubetest.ChannelID
	fakeCitizen = youtubetest.CitizenID
	fakeVideo   = youtubetest.VideoID
	fakeToken   = youtubetest.Token
)

// fakeYT is the YouTube fake of youtubetest, with the account it serves.
type fakeYT struct{ *youtubetest.Server }

func newFakeYT(t *testing.T) *fakeYT { return &fakeYT{youtubetest.New(t)} }

func (f *fakeYT) account() config.Account {
	return config.Account{Name: "humas-yt", Platform: inbox.YouTube, BaseURL: f.BaseURL(), Options: &Options{ChannelID: fakeChannel, Token: config.Secret{Value: fakeToken}}}
}

func (f *fakeYT) conn(t *testing.T) *Connector {
	t.Helper()
	c, err := New(f.account(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return c.(*Connector)
}

func googleErr(code int, reason, message string) string {
	return youtubetest.GoogleErr(code, reason, message)
}

// contract adapts fakeYT to platformtest.Fake.
type contract struct{ *fakeYT }

func (c contract) Connector(t *testing.T) platforms.Connector { return c.conn(t) }

func (c contract) AddInbound(t *testing.T, texts ...string) []string {
	var ids []string
	for _, s := range texts {
		ids = append(ids, c.Add(s, ""))
	}
	return ids
}

func (c contract) PageSize() int { return youtubetest.PageSize }

// Redeliver needs nothing: YouTube has no server-side cursor, every list
// returns everything again, and the connector's marks do the filtering.
// Redeliver: YouTube lists every thread of the window on each pass, so
// there is nothing to redeliver.
func (c contract) Redeliver() {}

func (c contract) MalformedNext(t *testing.T) []string {
	good := []string{"lampu jalan mati", "sampah belum diangkut"}
	c.Add(good[0], "")
	c.AddRawThread("UgzBroken", json.RawMessage(`{"kind":"youtube#commentThread","id":"UgzBroken","snippet":"not an object"}`))
	c.Add(good[1], "")
	return good
}

func (c contract) Replies(t *testing.T) []platformtest.Received { return c.Server.Replies() }

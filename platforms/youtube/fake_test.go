package youtube

import (
	"encoding/json"
	"testing"
	"time"

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
	return config.Account{Name: "humas-yt", Platform: inbox.YouTube, BaseURL: f.BaseURL(),
		ChannelID: fakeChannel, Token: config.Secret{Value: fakeToken}}
}

func (f *fakeYT) conn(t *testing.T) *Connector {
	t.Helper()
	c, err := New(f.account())
	if err != nil {
		t.Fatal(err)
	}
	return c.(*Connector)
}

func googleErr(code int, reason, message string) string {
	return youtubetest.GoogleErr(code, reason, message)
}

// contract adapts fakeYT to platformtest.Fake.
type contract struct{ f *fakeYT }

func (c contract) Connector(t *testing.T) platforms.Connector { return c.f.conn(t) }

func (c contract) AddInbound(t *testing.T, texts ...string) []string {
	var ids []string
	for _, s := range texts {
		ids = append(ids, c.f.Add(s, ""))
	}
	return ids
}

func (c contract) PageSize() int { return youtubetest.PageSize }

// Redeliver needs nothing: YouTube has no server-side cursor, every list
// returns everything again, and the connector's marks do the filtering.
func (c contract) Redeliver(t *testing.T) {}

func (c contract) RateLimitNext(t *testing.T, d time.Duration) { c.f.RateLimitNext(d) }

func (c contract) RevokeAuth(t *testing.T) { c.f.RevokeAuth() }

func (c contract) MalformedNext(t *testing.T) []string {
	good := []string{"lampu jalan mati", "sampah belum diangkut"}
	c.f.Add(good[0], "")
	c.f.AddRawThread("UgzBroken", json.RawMessage(`{"kind":"youtube#commentThread","id":"UgzBroken","snippet":"not an object"}`))
	c.f.Add(good[1], "")
	return good
}

func (c contract) Replies(t *testing.T) []platformtest.Received { return c.f.Replies() }

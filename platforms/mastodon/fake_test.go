package mastodon

import (
	"encoding/json"
	"net/http"
	"testing"

	"sapa/config"
	"sapa/platforms"
	"sapa/platforms/mastodon/mastodontest"
	"sapa/platforms/platformtest"
)

const (
	fakeToken    = mastodontest.Token
	fakeMeID     = mastodontest.MeID
	fakePageSize = 3
)

// fakeInstance is the Mastodon fake of mastodontest, with what these tests
// add: the account it serves and connectors that page small.
type fakeInstance struct{ *mastodontest.Server }

func newFakeInstance(t *testing.T) *fakeInstance { return &fakeInstance{mastodontest.New(t)} }

func (f *fakeInstance) account() config.Account {
	return config.Account{Name: "pemkab-mastodon", Platform: "mastodon", BaseURL: f.URL(), Options: &Options{Token: config.Secret{Value: fakeToken}}}
}

func (f *fakeInstance) connectorFor(t *testing.T, acct config.Account) *Connector {
	t.Helper()
	c, err := New(acct, nil)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	mc := c.(*Connector)
	mc.limit = fakePageSize
	return mc
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// contractFake adapts fakeInstance to platformtest.Fake.
type contractFake struct{ *fakeInstance }

func (f contractFake) Connector(t *testing.T) platforms.Connector {
	return f.connectorFor(t, f.account())
}

func (f contractFake) AddInbound(t *testing.T, texts ...string) []string {
	var ids []string
	for i, s := range texts {
		vis := "public"
		if i%2 == 1 {
			vis = "direct"
		}
		ids = append(ids, f.MentionFrom("warga@desa.social", s, "", vis))
	}
	return ids
}

func (f contractFake) PageSize() int { return fakePageSize }

func (f contractFake) MalformedNext(t *testing.T) []string {
	good := []string{"sebelum yang rusak", "sesudah yang rusak"}
	f.MentionFrom("warga", good[0], "", "public")
	f.AddNotification(map[string]any{"type": "mention", "created_at": 12345, "status": "bukan status"})
	f.MentionFrom("warga", good[1], "", "public")
	return good
}

// Replies reports each post as the citizen reads it (see
// mastodontest.Server.Replies); the wire text is checked in
// TestSendWireShape.
func (f contractFake) Replies(t *testing.T) []platformtest.Received { return f.Server.Replies() }

func TestContract(t *testing.T) {
	platformtest.Run(t, func(t *testing.T) platformtest.Fake { return contractFake{newFakeInstance(t)} })
}

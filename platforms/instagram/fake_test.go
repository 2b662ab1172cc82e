package instagram_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/instagram"
	"sapa/platforms/meta/metatest"
	"sapa/platforms/platformtest"
)

const (
	igID        = "17841400000000001"
	token       = "IGQVJInstagramToken0123456789abc"
	appSecret   = "5ec2e75ec2e75ec2e75ec2e75ec2e700"
	verifyToken = "sapa-verify-ig"
)

var owner = metatest.Person{ID: igID, Username: "pemkab.sukamaju"}

// fake is an Instagram account's media, comments and direct messages
// behind a fake Graph host.
type fake struct {
	g        *metatest.Graph
	box      *metatest.Inbox
	pageSize int

	mu       sync.Mutex
	media    []*fakeMedium
	seq      int
	replies  []platformtest.Received
	hidden   map[string]bool
	malMedia string
}

type fakeMedium struct {
	id       string
	caption  string
	posted   time.Time
	comments []*fakeComment // top-level, chronological
}

type fakeComment struct {
	raw     json.RawMessage
	id      string
	replies []json.RawMessage
}

func newFake(t *testing.T, withDMs bool) *fake {
	f := &fake{g: metatest.New(t, token), pageSize: 3, hidden: map[string]bool{}}
	if withDMs {
		f.box = metatest.NewInbox(f.g, owner, "/v23.0/me/conversations", "/v23.0/me/messages", 3)
	} else {
		f.g.Mux.HandleFunc("GET /v23.0/me/conversations", func(w http.ResponseWriter, r *http.Request) {
			metatest.WriteError(w, 403, 10, 0, "OAuthException", "(#10) Requires instagram_manage_messages permission to manage the object")
		})
	}
	f.g.Mux.HandleFunc("GET /v23.0/{id}/media", f.listMedia)
	f.g.Mux.HandleFunc("GET /v23.0/{id}/comments", f.listComments)
	f.g.Mux.HandleFunc("GET /v23.0/{id}/replies", f.listReplies)
	f.g.Mux.HandleFunc("POST /v23.0/{id}/replies", f.reply)
	f.g.Mux.HandleFunc("POST /v23.0/{id}", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.hidden[r.PathValue("id")] = r.PostFormValue("hide") == "true"
		f.mu.Unlock()
		metatest.WriteJSON(w, 200, map[string]bool{"success": true})
	})
	f.g.Mux.HandleFunc("GET /v23.0/{id}", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, m := range f.media {
			if m.id == r.PathValue("id") {
				metatest.WriteJSON(w, 200, map[string]string{"id": m.id, "caption": m.caption, "permalink": "https://www.instagram.com/p/" + m.id})
				return
			}
		}
		metatest.WriteJSON(w, 200, map[string]string{"id": r.PathValue("id"), "username": "pemkab.sukamaju"})
	})
	return f
}

func (f *fake) account() config.Account {
	return config.Account{Name: "pemkab-ig", Platform: inbox.Instagram, BaseURL: f.g.BaseURL(), IGUserID: igID,
		Token: config.Secret{Value: token}, AppSecret: config.Secret{Value: appSecret}, VerifyToken: config.Secret{Value: verifyToken}}
}

func (f *fake) Connector(t *testing.T) platforms.Connector {
	c, err := instagram.New(f.account())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fake) medium() *fakeMedium {
	if len(f.media) == 0 {
		f.media = append(f.media, &fakeMedium{id: "1789560000000001", caption: "Posyandu serentak", posted: time.Now().Add(-time.Hour)})
	}
	return f.media[0]
}

func (f *fake) nextID() string {
	f.seq++
	return "1787344045914" + strconv.Itoa(1000+f.seq)
}

func comment(id, text string, from metatest.Person, parent string, at time.Time) json.RawMessage {
	v := map[string]any{"id": id, "text": text, "username": from.Username, "from": from, "timestamp": metatest.GraphTime(at), "hidden": false}
	if parent != "" {
		v["parent_id"] = parent
	}
	return metatest.Raw(v)
}

func (f *fake) addTop(m *fakeMedium, text string, from metatest.Person, at time.Time) string {
	id := f.nextID()
	m.comments = append(m.comments, &fakeComment{id: id, raw: comment(id, text, from, "", at)})
	return id
}

func (f *fake) addReply(top, text string, from metatest.Person, at time.Time) string {
	for _, m := range f.media {
		for _, c := range m.comments {
			if c.id == top {
				id := f.nextID()
				c.replies = append(c.replies, comment(id, text, from, top, at))
				return id
			}
		}
	}
	return ""
}

func (f *fake) AddInbound(t *testing.T, texts ...string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ids []string
	for i, text := range texts {
		from := metatest.Person{ID: "178414058223" + strconv.Itoa(10000+f.seq), Username: "warga" + strconv.Itoa(i)}
		ids = append(ids, f.addTop(f.medium(), text, from, time.Now()))
	}
	return ids
}

func (f *fake) PageSize() int { return f.pageSize }
func (f *fake) Redeliver(t *testing.T) {
	if f.box != nil {
		f.box.Touch()
	}
}
func (f *fake) RateLimitNext(t *testing.T, d time.Duration) { f.g.RateLimitNext(d) }
func (f *fake) RevokeAuth(t *testing.T)                     { f.g.RevokeAuth() }

func (f *fake) MalformedNext(t *testing.T) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.medium()
	good := []string{"jadwal imunisasi?", "lokasi posyandu di mana"}
	f.addTop(m, good[0], metatest.Person{ID: "1", Username: "a"}, time.Now())
	m.comments = append(m.comments, &fakeComment{id: "bad", raw: json.RawMessage(`{"id":"bad","text":"rusak","timestamp":"tadi"}`)})
	f.addTop(m, good[1], metatest.Person{ID: "2", Username: "b"}, time.Now())
	return good
}

func (f *fake) Replies(t *testing.T) []platformtest.Received {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := append([]platformtest.Received(nil), f.replies...)
	if f.box != nil {
		out = append(out, f.box.Replies()...)
	}
	return out
}

func (f *fake) count(m *fakeMedium) int {
	n := 0
	for _, c := range m.comments {
		n += 1 + len(c.replies)
	}
	return n
}

func (f *fake) listMedia(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var items []json.RawMessage
	for i := len(f.media) - 1; i >= 0; i-- { // newest first
		m := f.media[i]
		items = append(items, metatest.Raw(map[string]any{
			"id": m.id, "caption": m.caption, "permalink": "https://www.instagram.com/p/" + m.id,
			"timestamp": metatest.GraphTime(m.posted), "comments_count": f.count(m),
		}))
	}
	f.g.WritePage(w, r, items, 25)
}

// inlineReplies is how many replies a comments page carries per comment;
// more are paged through /{comment-id}/replies.
const inlineReplies = 2

func (f *fake) listComments(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var items []json.RawMessage
	for _, m := range f.media {
		if m.id != r.PathValue("id") {
			continue
		}
		for _, c := range m.comments {
			var v map[string]any
			if json.Unmarshal(c.raw, &v) != nil || len(c.replies) == 0 {
				items = append(items, c.raw)
				continue
			}
			rep := map[string]any{"data": c.replies[:min(inlineReplies, len(c.replies))]}
			if len(c.replies) > inlineReplies {
				after := base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(inlineReplies)))
				rep["paging"] = map[string]any{"next": f.g.Server.URL + "/v23.0/" + c.id + "/replies?limit=" + strconv.Itoa(inlineReplies) + "&after=" + after + "&access_token=" + token}
			}
			v["replies"] = rep
			items = append(items, metatest.Raw(v))
		}
	}
	f.g.WritePage(w, r, items, f.pageSize)
}

func (f *fake) listReplies(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, m := range f.media {
		for _, c := range m.comments {
			if c.id == r.PathValue("id") {
				f.g.WritePage(w, r, c.replies, inlineReplies)
				return
			}
		}
	}
	metatest.WriteError(w, 400, 100, 33, "GraphMethodException", "Unsupported get request.")
}

func (f *fake) reply(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	top, msg := r.PathValue("id"), r.PostFormValue("message")
	id := f.addReply(top, msg, owner, time.Now())
	if id == "" {
		metatest.WriteError(w, 400, 100, 33, "GraphMethodException", "Unsupported post request.")
		return
	}
	f.replies = append(f.replies, platformtest.Received{ParentID: top, Text: msg})
	metatest.WriteJSON(w, 200, map[string]string{"id": id})
}

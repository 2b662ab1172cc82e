package facebook_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/facebook"
	"sapa/platforms/meta/metatest"
	"sapa/platforms/platformtest"
)

const (
	pageID      = "100064123456789"
	token       = "EAAFBtestPageToken0123456789abcdef"
	appSecret   = "f00dfacef00dfacef00dfacef00dface"
	verifyToken = "sapa-verify-4321"
)

// fake is a Graph API host serving one Page's feed and comments the way
// /{page-id}/feed and /{post-id}/comments?filter=stream do.
type fake struct {
	g        *metatest.Graph
	pageSize int

	mu          sync.Mutex
	posts       []*fakePost
	seq         int
	ignoreSince bool
	replies     []platformtest.Received
	hidden      map[string]bool
	feedCalls   int
}

type fakePost struct {
	id       string
	message  string
	created  time.Time
	updated  time.Time
	comments []fakeComment // chronological
}

type fakeComment struct {
	raw     json.RawMessage
	created time.Time
}

func newFake(t *testing.T) *fake {
	f := &fake{g: metatest.New(t, token), pageSize: 3, hidden: map[string]bool{}}
	f.g.Mux.HandleFunc("GET /v23.0/{id}/feed", f.feed)
	f.g.Mux.HandleFunc("GET /v23.0/{id}/comments", f.listComments)
	f.g.Mux.HandleFunc("POST /v23.0/{id}/comments", f.postComment)
	f.g.Mux.HandleFunc("POST /v23.0/{id}", f.hide)
	f.g.Mux.HandleFunc("GET /v23.0/{id}", f.object)
	f.g.Mux.HandleFunc("GET /v23.0/{id}/subscribed_apps", func(w http.ResponseWriter, r *http.Request) {
		metatest.WriteJSON(w, 200, map[string]any{"data": []any{map[string]any{"name": "Sapa", "id": "42", "subscribed_fields": []string{"feed"}}}})
	})
	return f
}

func (f *fake) account() config.Account {
	return config.Account{
		Name: "pemkab-fb", Platform: inbox.Facebook, BaseURL: f.g.BaseURL(), PageID: pageID,
		Token:       config.Secret{Value: token},
		AppSecret:   config.Secret{Value: appSecret},
		VerifyToken: config.Secret{Value: verifyToken},
	}
}

func (f *fake) Connector(t *testing.T) platforms.Connector {
	c, err := facebook.New(f.account())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// post returns the newest post, making one the first time.
func (f *fake) post() *fakePost {
	if len(f.posts) == 0 {
		now := time.Now().Add(-time.Hour)
		f.posts = append(f.posts, &fakePost{id: pageID + "_900", message: "Info layanan KTP keliling", created: now, updated: now})
	}
	return f.posts[0]
}

func (f *fake) addComment(p *fakePost, v map[string]any, created time.Time) string {
	f.seq++
	id := p.id[len(pageID)+1:] + "_" + strconv.Itoa(f.seq)
	v["id"] = id
	v["created_time"] = metatest.GraphTime(created)
	p.comments = append(p.comments, fakeComment{raw: metatest.Raw(v), created: created})
	if created.After(p.updated) {
		p.updated = created
	}
	return id
}

func (f *fake) AddInbound(t *testing.T, texts ...string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := f.post()
	var ids []string
	for i, text := range texts {
		from := map[string]string{"id": fmt.Sprint(7000 + f.seq + i), "name": "Warga " + strconv.Itoa(i)}
		ids = append(ids, f.addComment(p, map[string]any{"message": text, "from": from}, time.Now()))
	}
	return ids
}

func (f *fake) PageSize() int { return f.pageSize }

func (f *fake) Redeliver(t *testing.T) {
	f.mu.Lock()
	f.ignoreSince = true // everything comes back once, as after a Graph hiccup
	f.mu.Unlock()
}

func (f *fake) RateLimitNext(t *testing.T, d time.Duration) { f.g.RateLimitNext(d) }
func (f *fake) RevokeAuth(t *testing.T)                     { f.g.RevokeAuth() }

func (f *fake) MalformedNext(t *testing.T) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := f.post()
	good := []string{"jalan berlubang di Cibadak", "lampu PJU mati"}
	f.addComment(p, map[string]any{"message": good[0], "from": map[string]string{"id": "7100", "name": "A"}}, time.Now())
	// An id that is a number and a time that is no time: unparseable.
	p.comments = append(p.comments, fakeComment{raw: json.RawMessage(`{"id":12345,"message":"rusak","created_time":"kemarin"}`), created: time.Now()})
	f.addComment(p, map[string]any{"message": good[1], "from": map[string]string{"id": "7101", "name": "B"}}, time.Now())
	return good
}

func (f *fake) Replies(t *testing.T) []platformtest.Received {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]platformtest.Received(nil), f.replies...)
}

func (f *fake) feed(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.feedCalls++
	if r.PathValue("id") != pageID {
		metatest.WriteError(w, 400, 100, 33, "GraphMethodException", "Unsupported get request.")
		return
	}
	posts := append([]*fakePost(nil), f.posts...)
	sort.SliceStable(posts, func(i, j int) bool { return posts[i].created.After(posts[j].created) })
	var items []json.RawMessage
	for _, p := range posts {
		items = append(items, metatest.Raw(map[string]string{
			"id": p.id, "message": p.message, "permalink_url": "https://www.facebook.com/" + p.id,
			"created_time": metatest.GraphTime(p.created), "updated_time": metatest.GraphTime(p.updated),
		}))
	}
	f.g.WritePage(w, r, items, 25)
}

func (f *fake) find(id string) *fakePost {
	for _, p := range f.posts {
		if p.id == id {
			return p
		}
	}
	return nil
}

func (f *fake) listComments(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := r.PathValue("id")
	var list []fakeComment
	if p := f.find(id); p != nil {
		list = p.comments
	} else {
		// Replies of one comment (read back by FindSent).
		for _, p := range f.posts {
			for _, c := range p.comments {
				var v struct{ Parent struct{ ID string } }
				_ = json.Unmarshal(c.raw, &v)
				if v.Parent.ID == id {
					list = append(list, c)
				}
			}
		}
	}
	since := int64(0)
	if s := r.URL.Query().Get("since"); s != "" && !f.ignoreSince {
		since, _ = strconv.ParseInt(s, 10, 64)
	}
	if r.URL.Query().Get("after") == "" {
		f.ignoreSince = false // one redelivery per listing
	}
	var items []json.RawMessage
	for _, c := range list {
		if c.created.Unix() >= since {
			items = append(items, c.raw)
		}
	}
	if r.URL.Query().Get("order") == "reverse_chronological" {
		for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
			items[i], items[j] = items[j], items[i]
		}
	}
	f.g.WritePage(w, r, items, f.pageSize)
}

func (f *fake) postComment(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	parent := r.PathValue("id")
	msg := r.PostFormValue("message")
	f.replies = append(f.replies, platformtest.Received{ParentID: parent, Text: msg})
	p := f.post()
	id := f.addComment(p, map[string]any{"message": msg, "from": map[string]string{"id": pageID, "name": "Pemkab Sukamaju"}, "parent": map[string]string{"id": parent}}, time.Now())
	metatest.WriteJSON(w, 200, map[string]string{"id": id})
}

func (f *fake) hide(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hidden[r.PathValue("id")] = r.PostFormValue("is_hidden") == "true"
	metatest.WriteJSON(w, 200, map[string]bool{"success": true})
}

func (f *fake) object(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if p := f.find(r.PathValue("id")); p != nil {
		metatest.WriteJSON(w, 200, map[string]string{"id": p.id, "message": p.message, "permalink_url": "https://www.facebook.com/" + p.id})
		return
	}
	metatest.WriteJSON(w, 200, map[string]string{"id": r.PathValue("id"), "name": "Pemkab Sukamaju"})
}

package meta_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"sapa/platforms"
	"sapa/platforms/meta"
)

func TestReplyToComment(t *testing.T) {
	var posted []string
	answer := `{"id":"c_9"}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		posted = append(posted, r.URL.Path+" "+r.Form.Get("message")+r.Form.Get("hide"))
		w.Write([]byte(answer))
	}))
	t.Cleanup(srv.Close)
	c := client(t, srv.URL)
	ctx := context.Background()
	ok := meta.CommentReply{Target: "c_1", Edge: "replies", Typed: "Baik", Text: "@warga Baik", Kind: "an Instagram comment", MaxLength: 20}
	if id, err := c.ReplyToComment(ctx, ok); err != nil || id != "c_9" || posted[0] != "/c_1/replies @warga Baik" {
		t.Fatalf("reply: %q, %v, posted %q", id, err, posted)
	}
	for _, tc := range []struct {
		mod  func(*meta.CommentReply)
		want string
	}{
		{func(r *meta.CommentReply) { r.Target = "" }, "no comment to reply to"},
		{func(r *meta.CommentReply) { r.Typed = "  " }, "reply is empty"},
		{func(r *meta.CommentReply) { r.Text = strings.Repeat("a", 21) }, "reply is 21 characters; an Instagram comment takes at most 20"},
	} {
		r := ok
		tc.mod(&r)
		if _, err := c.ReplyToComment(ctx, r); platforms.KindOf(err) != platforms.KindPermanent || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v; want permanent %q", r, err, tc.want)
		}
	}
	if len(posted) != 1 {
		t.Fatalf("refused replies reached Graph: %q", posted)
	}
	answer = `{}`
	if _, err := c.ReplyToComment(ctx, ok); platforms.KindOf(err) != platforms.KindAmbiguous {
		t.Fatalf("answer without id: %v; want ambiguous", err)
	}
	answer = `{"success":false}`
	if err := c.SetHidden(ctx, "c_1", "hide", "Instagram", true); platforms.KindOf(err) != platforms.KindPermanent ||
		!strings.Contains(err.Error(), "Instagram did not change") || posted[len(posted)-1] != "/c_1 true" {
		t.Fatalf("hide refused: %v, posted %q", err, posted)
	}
}

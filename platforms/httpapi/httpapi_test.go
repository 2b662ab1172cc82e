package httpapi

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sapa/config"
	"sapa/platforms"
)

const secret = "sapa-test-token-0123"

// newClient points a Client at srv with a token read by a command from a
// file, so the test can play the refresh helper.
func newClient(t *testing.T, url, token string) (*Client, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "token")
	os.WriteFile(file, []byte(token+"\n"), 0o600)
	tok, err := config.NewToken(context.Background(), config.Secret{Cmd: "cat " + file})
	if err != nil {
		t.Fatal(err)
	}
	return &Client{Platform: "Test", Base: url, HTTP: NewHTTPClient(), Token: tok, Accepted: "the reply",
		Classify: Unless2xx(func(req Request, resp Response) *platforms.Error {
			return &platforms.Error{Kind: platforms.KindPermanent, Message: string(resp.Body)}
		})}, file
}

func TestDoRefreshesTokenOnceOn401(t *testing.T) {
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Get("Authorization"))
		if r.Header.Get("Authorization") != "Bearer "+secret {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte("bad token"))
			return
		}
		w.Write([]byte(`{"id":"7"}`))
	}))
	defer srv.Close()
	c, file := newClient(t, srv.URL, "expired-token-value")
	os.WriteFile(file, []byte(secret+"\n"), 0o600)
	c.Token.(*config.Token).Now = func() time.Time { return time.Now().Add(time.Hour) }
	var out struct{ ID string }
	if err := c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/x", Body: map[string]string{"a": "b"}, Send: true}, &out); err != nil {
		t.Fatal(err)
	}
	if out.ID != "7" || len(seen) != 2 {
		t.Fatalf("out %+v after %d requests; want id 7 after 2", out, len(seen))
	}
}

func TestDoErrorsAreTypedAndRedacted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/refused":
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte("refused"))
		default:
			w.Write([]byte("not json " + secret))
		}
	}))
	defer srv.Close()
	c, _ := newClient(t, srv.URL, secret)
	ctx := context.Background()
	var out struct{}
	for _, tc := range []struct {
		req  Request
		want platforms.Kind
	}{
		{Request{Method: http.MethodGet, Path: "/refused"}, platforms.KindPermanent},
		{Request{Method: http.MethodGet, Path: "/garbled"}, platforms.KindMalformed},
		{Request{Method: http.MethodPost, Path: "/garbled", Send: true}, platforms.KindAmbiguous},
	} {
		err := c.Do(ctx, tc.req, &out)
		if platforms.KindOf(err) != tc.want {
			t.Errorf("%s %s: %v; want kind %v", tc.req.Method, tc.req.Path, err, tc.want)
		}
	}
	// A refused connection never left us: transient even for a write.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	c.Base = "http://" + addr + "/" + secret
	err := c.Do(ctx, Request{Method: http.MethodPost, Path: "/x", Send: true}, nil)
	if platforms.KindOf(err) != platforms.KindTransient || strings.Contains(err.Error(), secret) {
		t.Fatalf("refused connection: %v; want transient without the token", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := c.Do(cctx, Request{Method: http.MethodGet, Path: "/x"}, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled request: %v; want it to unwrap to context.Canceled", err)
	}
}

func TestTruncateKeepsRunesWhole(t *testing.T) {
	if got := Truncate("aduan warga é", 13); got != "aduan warga …" {
		t.Fatalf("Truncate = %q", got)
	}
}

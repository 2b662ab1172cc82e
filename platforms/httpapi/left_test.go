package httpapi

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"strings"
	"testing"

	"sapa/platforms"
)

// hangUp accepts connections, reads each request whole and closes the
// connection without an answer: the request surely reached the server.
func hangUp(t *testing.T) (addr string, got chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	got = make(chan string, 8)
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			if req, err := http.ReadRequest(bufio.NewReader(conn)); err == nil {
				got <- req.Method + " " + req.URL.Path
			}
			conn.Close()
		}
	}()
	return ln.Addr().String(), got
}

// refused is an address where nothing listens.
func refused(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// TestOneRuleForWhetherTheRequestLeft is the rule the outbox's exactly-once
// guarantee rests on: a failure before the request could be written is
// transient (the relay may retry a write), one after it may have been
// applied (ambiguous for a write, never retried blindly), and a read is
// always safe to repeat.
func TestOneRuleForWhetherTheRequestLeft(t *testing.T) {
	hung, seen := hangUp(t)
	for _, tc := range []struct {
		name string
		addr string
		send bool
		want platforms.Kind
	}{
		{"write, connection refused", refused(t), true, platforms.KindTransient},
		{"write, name does not resolve", "sapa-no-such-host.invalid", true, platforms.KindTransient},
		{"write, sent then no answer", hung, true, platforms.KindAmbiguous},
		{"read, sent then no answer", hung, false, platforms.KindTransient},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newClient(t, "http://"+tc.addr, secret)
			// A fresh connection per request, so net/http's own retry of a
			// request on a reused connection plays no part.
			c.HTTP.Transport.(*http.Transport).DisableKeepAlives = true
			c.Auth = InPath("/bot")
			method := http.MethodGet
			if tc.send {
				method = http.MethodPost
			}
			err := c.Do(context.Background(), Request{Method: method, Path: "/sendMessage", Body: map[string]string{"text": "halo"}, Send: tc.send}, nil)
			if got := platforms.KindOf(err); got != tc.want {
				t.Fatalf("%v: kind %v, want %v", err, got, tc.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("error names the token: %v", err)
			}
		})
	}
	if got := <-seen; got != "POST /bot"+secret+"/sendMessage" {
		t.Fatalf("the server saw %q; want the token in the path", got)
	}
}

// TestAuthPlacement checks each place a token can go.
func TestAuthPlacement(t *testing.T) {
	for _, tc := range []struct {
		auth Auth
		path string
		want string
	}{
		{nil, "/me", "/me Bearer " + secret},
		{InQuery("access_token"), "/me", "/me?access_token=" + secret + " "},
		{InPath("/bot"), "/getMe", "/bot" + secret + "/getMe "},
	} {
		c, _ := newClient(t, "https://api.example", secret)
		c.Auth = tc.auth
		c.Header = http.Header{"User-Agent": {"sapa"}}
		req, err := c.build(context.Background(), Request{Method: http.MethodGet, Path: tc.path, Header: http.Header{"Idempotency-Key": {"k1"}}})
		if err != nil {
			t.Fatal(err)
		}
		if got := req.URL.RequestURI() + " " + strings.TrimPrefix(req.Header.Get("Authorization"), ""); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
		if req.Header.Get("User-Agent") != "sapa" || req.Header.Get("Idempotency-Key") != "k1" {
			t.Errorf("headers %v lack the client's or the request's own", req.Header)
		}
	}
}

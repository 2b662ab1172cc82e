package meta_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"sapa/platforms"
	"sapa/platforms/meta"
	"sapa/platforms/meta/metatest"
)

const token = "EAAGtesttoken1234567890secret"

func client(t *testing.T, base string) *meta.Client {
	t.Helper()
	c, err := meta.NewClient(meta.Config{BaseURL: base, Token: token, TokenFix: "generate a new Page access token", PermFix: "grant %s"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// errorServer answers every request with status, headers and body.
func errorServer(t *testing.T, status int, hdr map[string]string, body string) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range hdr {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(s.Close)
	return s
}

func TestClassify(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		write  bool
		kind   platforms.Kind
		fix    string
	}{
		{"invalid token", 400, `{"error":{"message":"Error validating access token","type":"OAuthException","code":190,"error_subcode":460,"fbtrace_id":"A1"}}`, false, platforms.KindAuth, "generate a new Page access token"},
		{"missing permission", 403, `{"error":{"message":"(#200) Requires pages_read_engagement permission to manage the object","type":"OAuthException","code":200}}`, false, platforms.KindAuth, "grant pages_read_engagement"},
		{"permission code 10", 400, `{"error":{"message":"(#10) Application does not have permission for this action","type":"OAuthException","code":10}}`, false, platforms.KindAuth, "grant required"},
		{"app throttle", 400, `{"error":{"message":"(#4) Application request limit reached","type":"OAuthException","code":4,"is_transient":true}}`, false, platforms.KindRateLimited, ""},
		{"page throttle", 400, `{"error":{"message":"(#32) Page request limit reached","code":32}}`, false, platforms.KindRateLimited, ""},
		{"custom throttle", 400, `{"error":{"message":"(#613) Calls to this api have exceeded the rate limit.","code":613}}`, true, platforms.KindRateLimited, ""},
		{"buc throttle", 400, `{"error":{"message":"There have been too many calls","code":80001}}`, false, platforms.KindRateLimited, ""},
		{"whatsapp throughput", 429, `{"error":{"message":"Rate limit hit","code":130429}}`, true, platforms.KindRateLimited, ""},
		{"whatsapp pair rate", 400, `{"error":{"message":"Pair rate limit hit","code":131056}}`, true, platforms.KindRateLimited, ""},
		{"whatsapp window", 400, `{"error":{"message":"Re-engagement message","code":131047}}`, true, platforms.KindPermanent, "template"},
		{"messenger window", 400, `{"error":{"message":"(#10) This message is sent outside of allowed window.","code":10,"error_subcode":2018278}}`, true, platforms.KindPermanent, "window"},
		{"bad parameter", 400, `{"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100}}`, true, platforms.KindPermanent, ""},
		{"unknown on write", 500, `{"error":{"message":"An unknown error occurred","code":1}}`, true, platforms.KindAmbiguous, ""},
		{"unknown on read", 500, `{"error":{"message":"An unknown error occurred","code":1}}`, false, platforms.KindTransient, ""},
		{"bare 502 on write", 502, `<html>bad gateway</html>`, true, platforms.KindAmbiguous, ""},
		{"bare 401", 401, ``, false, platforms.KindAuth, "generate a new Page access token"},
		{"error in a 200", 200, `{"error":{"message":"Unsupported get request","code":100}}`, false, platforms.KindPermanent, ""},
		{"not json", 200, `{"data":[`, false, platforms.KindMalformed, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := errorServer(t, tc.status, nil, tc.body)
			c := client(t, s.URL+"/v23.0")
			var out map[string]any
			var err error
			if tc.write {
				err = c.Post(context.Background(), "/1/comments", nil, &out)
			} else {
				err = c.Get(context.Background(), "/1/feed", nil, &out)
			}
			var pe *platforms.Error
			if !errors.As(err, &pe) || pe.Kind != tc.kind {
				t.Fatalf("err = %v, want kind %v", err, tc.kind)
			}
			if tc.fix != "" && !strings.Contains(pe.Fix, tc.fix) {
				t.Fatalf("fix = %q, want it to mention %q", pe.Fix, tc.fix)
			}
			if pe.Kind == platforms.KindRateLimited && !pe.RetryAt.After(time.Now()) {
				t.Fatalf("rate limit without a retry time: %v", pe.RetryAt)
			}
			if strings.Contains(err.Error(), token) {
				t.Fatalf("token leaked: %v", err)
			}
		})
	}
}

func TestCodeOf(t *testing.T) {
	s := errorServer(t, 400, nil, `{"error":{"message":"x","code":131047,"fbtrace_id":"T9"}}`)
	err := client(t, s.URL).Post(context.Background(), "/1/messages", nil, nil)
	if code, ok := meta.CodeOf(err); !ok || code != 131047 {
		t.Fatalf("CodeOf = %d %v", code, ok)
	}
	if !strings.Contains(err.Error(), "fbtrace_id T9") {
		t.Fatalf("trace id missing from %q", err)
	}
}

func TestThrottleUsesRegainEstimate(t *testing.T) {
	hdr := map[string]string{"X-Business-Use-Case-Usage": `{"99":[{"type":"pages","call_count":100,"total_time":5,"total_cputime":5,"estimated_time_to_regain_access":30}]}`}
	s := errorServer(t, 400, hdr, `{"error":{"message":"limit","code":80001}}`)
	c := client(t, s.URL)
	err := c.Get(context.Background(), "/1", nil, nil)
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindRateLimited {
		t.Fatalf("err = %v", err)
	}
	if d := time.Until(pe.RetryAt); d < 29*time.Minute || d > 31*time.Minute {
		t.Fatalf("retry in %v, want about 30m", d)
	}
}

// Past ReadThreshold, reads stop before Meta is asked again; writes go on
// until the budget is really gone.
func TestUsageBacksOffBeforeTheLimit(t *testing.T) {
	calls := 0
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("X-App-Usage", `{"call_count":93,"total_time":40,"total_cputime":12}`)
		_, _ = w.Write([]byte(`{"id":"1"}`))
	}))
	defer s.Close()
	c := client(t, s.URL)
	if err := c.Get(context.Background(), "/1", nil, nil); err != nil {
		t.Fatal(err)
	}
	err := c.Get(context.Background(), "/1", nil, nil)
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindRateLimited || !pe.RetryAt.After(time.Now()) {
		t.Fatalf("second read: %v, want rate-limited before the call", err)
	}
	if calls != 1 {
		t.Fatalf("Meta was called %d times, want 1", calls)
	}
	if err := c.Post(context.Background(), "/1/comments", nil, nil); err != nil {
		t.Fatalf("write at 93%%: %v", err)
	}
}

func TestUsageAtLimitStopsWrites(t *testing.T) {
	s := errorServer(t, 200, map[string]string{"X-Page-Usage": `{"call_count":100,"total_time":10,"total_cputime":10}`}, `{}`)
	c := client(t, s.URL)
	_ = c.Get(context.Background(), "/1", nil, nil)
	if err := c.Post(context.Background(), "/1/comments", nil, nil); platforms.KindOf(err) != platforms.KindRateLimited {
		t.Fatalf("write at 100%%: %v", err)
	}
}

func TestNextIsRebasedAndTokenStripped(t *testing.T) {
	g := metatest.New(t, token)
	var got string
	g.Mux.HandleFunc("/v23.0/5/feed", func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.RawQuery
		metatest.WriteJSON(w, 200, map[string]any{"data": []any{}})
	})
	c := client(t, g.BaseURL())
	// A next URL naming another host must not receive our token.
	next := "https://evil.example/v23.0/5/feed?after=QQ&access_token=" + token
	if clean := meta.CleanNext(next); strings.Contains(clean, token) {
		t.Fatalf("CleanNext kept the token: %s", clean)
	}
	if err := c.Next(context.Background(), next, &meta.Page{}); err != nil {
		t.Fatal(err)
	}
	if got != "after=QQ" {
		t.Fatalf("query = %q", got)
	}
}

func TestNetworkErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens: connection refused
	c := client(t, "http://"+addr+"/v23.0")
	err = c.Post(context.Background(), "/1/comments", nil, nil)
	if platforms.KindOf(err) != platforms.KindTransient {
		t.Fatalf("refused write: %v, want transient", err)
	}
	if strings.Contains(err.Error(), token) {
		t.Fatalf("token leaked: %v", err)
	}

	// The server reads the request, then hangs up without answering: the
	// write may have been applied.
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hj, _ := w.(http.Hijacker)
		conn, _, _ := hj.Hijack()
		conn.Close()
	}))
	defer hang.Close()
	c = client(t, hang.URL)
	if err := c.Post(context.Background(), "/1/comments", nil, nil); platforms.KindOf(err) != platforms.KindAmbiguous {
		t.Fatalf("write without answer: %v, want ambiguous", err)
	}
	if err := c.Get(context.Background(), "/1", nil, nil); platforms.KindOf(err) != platforms.KindTransient {
		t.Fatalf("read without answer: %v, want transient", err)
	}
}

func TestNewClientRejectsBadBase(t *testing.T) {
	if _, err := meta.NewClient(meta.Config{BaseURL: "graph.facebook.com", Token: token}); err == nil {
		t.Fatal("relative base URL accepted")
	}
	if _, err := meta.NewClient(meta.Config{Token: ""}); err == nil {
		t.Fatal("empty token accepted")
	}
}

func TestParseTime(t *testing.T) {
	want := time.Date(2019, 5, 17, 16, 24, 4, 0, time.UTC)
	for _, s := range []string{"2019-05-17T16:24:04+0000", "2019-05-17T18:24:04+0200", "2019-05-17T16:24:04Z", "1558110244", "1558110244000"} {
		got, err := meta.ParseTime(s)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseTime(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "yesterday", "-5", "0"} {
		if _, err := meta.ParseTime(s); err == nil {
			t.Errorf("ParseTime(%q) accepted", s)
		}
	}
}

func TestSweep(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var s meta.Sweep
	if !s.Begin(now, 0) {
		t.Fatal("first Begin did not start a pass")
	}
	if got := time.Unix(s.Since, 0).UTC(); !got.Equal(now.AddDate(0, 0, -7)) {
		t.Fatalf("first window from %v", got)
	}
	if s.Take("old", now.AddDate(0, 0, -8)) {
		t.Fatal("item older than history taken")
	}
	if !s.Take("a", now.Add(-time.Minute)) || s.Take("a", now.Add(-time.Minute)) {
		t.Fatal("Take must report an id once")
	}
	if s.Begin(now.Add(time.Minute), 0) {
		t.Fatal("Begin restarted a running pass")
	}
	s.End()
	if got := time.Unix(s.Since, 0).UTC(); !got.Equal(now.Add(-meta.Overlap)) {
		t.Fatalf("since after pass = %v", got)
	}
	// "a" falls inside the overlap: it is remembered, so not reported twice.
	s.Begin(now.Add(5*time.Minute), 0)
	if s.Take("a", now.Add(-time.Minute)) {
		t.Fatal("item reported again in the overlap")
	}
	// A pass left running for too long restarts, keeping its window.
	since := s.Since
	if !s.Begin(now.Add(5*time.Minute+meta.StaleAfter), 0) || s.Since != since {
		t.Fatal("stale pass not restarted with the same window")
	}
}

// Package metatest holds what the Meta connectors' fake Graph servers share:
// bearer-token checks, revoked tokens and throttling as Graph reports them,
// cursor paging with paging.next URLs (which, like Graph's, carry the
// access_token), and webhook signing.
package metatest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"

	"sapa/platforms/meta"
	"sapa/platforms/platformtest"
)

// Version is the path prefix the fakes serve under, like Graph's.
const Version = "/v23.0"

// Graph is a fake Graph API host. Tests register handlers on Mux with paths
// under Version; every request passes the guard first.
type Graph struct {
	// Knobs: RevokeAuth, RateLimitNext (a throttling error whose usage
	// header estimates access returns after d, rounded up to minutes, the
	// unit Meta uses), FailNext (a Graph "unknown error" body), Requests.
	*platformtest.Knobs

	Server *httptest.Server
	Mux    *http.ServeMux
	Token  string
	// ThrottleCode and ThrottleStatus shape RateLimitNext's answer: Graph
	// uses code 80001 (Pages) with HTTP 400, WhatsApp 130429 with HTTP 429.
	ThrottleCode   int
	ThrottleStatus int
}

// New starts a fake Graph host that accepts token, closed when t ends.
func New(t testing.TB, token string) *Graph {
	t.Helper()
	g := &Graph{Knobs: &platformtest.Knobs{}, Mux: http.NewServeMux(), Token: token, ThrottleCode: 80001, ThrottleStatus: http.StatusBadRequest}
	g.Server = httptest.NewServer(http.HandlerFunc(g.serve))
	t.Cleanup(g.Server.Close)
	return g
}

// BaseURL is what an account's base_url is set to.
func (g *Graph) BaseURL() string { return g.Server.URL + Version }

func (g *Graph) serve(w http.ResponseWriter, r *http.Request) {
	shot, done := g.Begin(w, r)
	revoked, limit, fail := shot.Revoked, shot.RateLimit, shot.Fail
	switch {
	case done:
	case r.Header.Get("Authorization") != "Bearer "+g.Token || r.URL.Query().Has("access_token"):
		WriteError(w, http.StatusBadRequest, 190, 0, "OAuthException", "Invalid OAuth access token - Cannot parse access token")
	case revoked:
		WriteError(w, http.StatusBadRequest, 190, 460, "OAuthException",
			"Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.")
	case limit > 0:
		mins := int((limit + time.Minute - 1) / time.Minute)
		w.Header().Set("X-Business-Use-Case-Usage", fmt.Sprintf(
			`{"1234567890":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":20,"estimated_time_to_regain_access":%d}]}`, mins))
		WriteError(w, g.ThrottleStatus, g.ThrottleCode, 2446079, "OAuthException", "Application request limit reached")
	case fail > 0:
		WriteError(w, fail, 2, 0, "OAuthException", "Service temporarily unavailable")
	default:
		w.Header().Set("X-App-Usage", `{"call_count":3,"total_time":2,"total_cputime":1}`)
		g.Mux.ServeHTTP(w, r)
	}
}

// WriteJSON answers with v as JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// WriteError answers with a Graph error object.
func WriteError(w http.ResponseWriter, status, code, subcode int, typ, msg string) {
	e := map[string]any{"message": msg, "type": typ, "code": code, "fbtrace_id": "AbCdEfGhIjK"}
	if subcode != 0 {
		e["error_subcode"] = subcode
	}
	WriteJSON(w, status, map[string]any{"error": e})
}

// WritePage answers with items[offset:offset+size] as a Graph page, where
// offset comes from the opaque "after" cursor, and a paging.next URL while
// items remain. Like Graph's, the next URL carries the access_token.
func (g *Graph) WritePage(w http.ResponseWriter, r *http.Request, items []json.RawMessage, size int) {
	off := 0
	if a := r.URL.Query().Get("after"); a != "" {
		b, err := base64.RawURLEncoding.DecodeString(a)
		if err == nil {
			off, _ = strconv.Atoi(string(b))
		}
	}
	off = min(off, len(items))
	end := min(off+size, len(items))
	page := map[string]any{"data": items[off:end]}
	if end < len(items) {
		after := base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(end)))
		q := r.URL.Query()
		q.Set("after", after)
		q.Set("access_token", g.Token)
		page["paging"] = map[string]any{
			"cursors": map[string]string{"after": after},
			"next":    g.Server.URL + r.URL.Path + "?" + q.Encode(),
		}
	}
	WriteJSON(w, http.StatusOK, page)
}

// Raw marshals v for a page of items.
func Raw(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// GraphTime formats t the way Graph objects do.
func GraphTime(t time.Time) string { return t.UTC().Format(meta.GraphLayout) }

// Sign returns the X-Hub-Signature-256 value for body.
func Sign(appSecret string, body []byte) string { return meta.Signature(appSecret, body) }

// File answers with testdata/name of the calling test's package, a
// documented example; the file is read now, so a missing one fails t at
// once.
func File(t testing.TB, name string) http.HandlerFunc {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(b)
	}
}

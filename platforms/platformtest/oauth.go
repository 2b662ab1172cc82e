package platformtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sapa/platforms"
)

// OAuth is a fake OAuth 2.0 token endpoint for the refresh_token grant. Like
// X, it rotates the refresh token on every use: only the newest one works,
// so a client that loses it is locked out, which is what the tests check.
type OAuth struct {
	ClientID string

	mu      sync.Mutex
	refresh string // the one refresh token accepted now
	access  string // the one access token accepted now ("" before the first refresh)
	n       int
}

// NewOAuth is a token endpoint for clientID whose first refresh token is refresh.
func NewOAuth(clientID, refresh string) *OAuth {
	return &OAuth{ClientID: clientID, refresh: refresh}
}

// ServeHTTP answers POST grant_type=refresh_token with a new access token
// and a new refresh token; the client may authenticate in the header or the
// body.
func (o *OAuth) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	id, _, basic := r.BasicAuth()
	if !basic {
		id = r.PostFormValue("client_id")
	}
	switch {
	case r.Method != http.MethodPost || r.PostFormValue("grant_type") != "refresh_token":
		w.WriteHeader(400)
		fmt.Fprint(w, `{"error":"unsupported_grant_type"}`)
		return
	case id != o.ClientID:
		w.WriteHeader(401)
		fmt.Fprint(w, `{"error":"invalid_client"}`)
		return
	case r.PostFormValue("refresh_token") != o.refresh:
		w.WriteHeader(400)
		fmt.Fprint(w, `{"error":"invalid_grant","error_description":"Value passed for the token was invalid."}`)
		return
	}
	o.n++
	o.access = fmt.Sprintf("access-SECRET-%d", o.n)
	o.refresh = fmt.Sprintf("refresh-SECRET-%d", o.n)
	_ = json.NewEncoder(w).Encode(map[string]any{"token_type": "bearer", "expires_in": 7200,
		"access_token": o.access, "refresh_token": o.refresh})
}

// Accepts reports whether authorization ("Bearer …") carries the access
// token issued last.
func (o *OAuth) Accepts(authorization string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.access != "" && authorization == "Bearer "+o.access
}

// Revoke makes the current access token invalid before its expiry, as a
// platform may.
func (o *OAuth) Revoke() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.access = ""
}

// RefreshToken is the refresh token that works now.
func (o *OAuth) RefreshToken() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.refresh
}

// Refreshes counts the refreshes granted.
func (o *OAuth) Refreshes() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.n
}

// CheckRefresh is the shared test of a connector that refreshes its own
// token: open builds the connector from a token_file path. An expired
// access token is refreshed before the first request, the rotated refresh
// token is saved with mode 0600, a restart reads it back and spends it when
// the platform revokes the access token, and a file others can read is
// refused with the chmod that fixes it.
func CheckRefresh(t *testing.T, o *OAuth, open func(tokenFile string) (platforms.Connector, error)) {
	t.Helper()
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "x-token.json")
	first := o.RefreshToken()
	saved := fmt.Sprintf(`{"access_token":"stale-SECRET","token_type":"bearer","expiry":"2020-01-01T00:00:00Z","refresh_token":%q}`, first)
	if err := os.WriteFile(file, []byte(saved), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := open(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Fetch(ctx, ""); err != nil {
		t.Fatalf("fetch with an expired access token: %v", err)
	}
	if o.Refreshes() != 1 {
		t.Fatalf("refreshes = %d, want 1", o.Refreshes())
	}
	checkSaved(t, file, o.RefreshToken(), first)

	// A restart: the old refresh token no longer works, so only the saved
	// one can bring the revoked access token back.
	c, err = open(file)
	if err != nil {
		t.Fatal(err)
	}
	o.Revoke()
	if _, err := c.Fetch(ctx, ""); err != nil {
		t.Fatalf("fetch after restart with the access token revoked: %v", err)
	}
	if o.Refreshes() != 2 {
		t.Fatalf("refreshes = %d, want 2 (the saved refresh token spent)", o.Refreshes())
	}
	checkSaved(t, file, o.RefreshToken(), first)

	if err := os.Chmod(file, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := open(file); err == nil || !strings.Contains(err.Error(), "chmod 600 "+file) {
		t.Fatalf("a token_file others can read: err = %v, want the chmod 600 fix", err)
	}
}

// checkSaved asserts file holds want as its refresh token, mode 0600, and
// none of the token's values reached an error.
func checkSaved(t *testing.T, file, want, old string) {
	t.Helper()
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if m := info.Mode().Perm(); m != 0o600 {
		t.Errorf("token_file mode %04o, want 0600", m)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		Refresh string `json:"refresh_token"`
	}
	if err := json.Unmarshal(b, &tok); err != nil {
		t.Fatal(err)
	}
	if tok.Refresh != want || want == old {
		t.Errorf("token_file refresh_token = %q, want the rotated %q", tok.Refresh, want)
	}
}

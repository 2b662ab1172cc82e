package config

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tokenFile makes a command-sourced secret whose value the test can change,
// as a refresh helper would.
func tokenFile(t *testing.T, v string) (Secret, func(string)) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "token")
	write := func(v string) {
		if err := os.WriteFile(file, []byte(v+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(v)
	return Secret{Cmd: "cat " + file}, write
}

func TestTokenRefreshRunsCommandAgain(t *testing.T) {
	ctx := context.Background()
	s, write := tokenFile(t, "old-token-value")
	tok, err := NewToken(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if got := tok.Value(); got != "old-token-value" {
		t.Fatalf("Value = %q", got)
	}
	write("new-token-value")
	if tok.Refresh(ctx) {
		t.Fatal("Refresh ran the command again within a minute of the last run")
	}
	later := time.Now().Add(TokenRefreshGap + time.Second)
	tok.Now = func() time.Time { return later }
	if !tok.Refresh(ctx) {
		t.Fatal("Refresh after the gap did not pick up the new value")
	}
	if got := tok.Value(); got != "new-token-value" {
		t.Fatalf("Value after refresh = %q", got)
	}
	if tok.Refresh(ctx) {
		t.Fatal("a second Refresh at the same moment ran the command again")
	}
	later = later.Add(TokenRefreshGap)
	if tok.Refresh(ctx) {
		t.Fatal("Refresh reported a change although the command printed the same value")
	}
	msg := tok.Redact("sent old-token-value, then new-token-value")
	if strings.Contains(msg, "token-value") || strings.Count(msg, Redacted) != 2 {
		t.Fatalf("Redact = %q; want both values redacted", msg)
	}
}

func TestTokenRefreshOnlyForCommands(t *testing.T) {
	ctx := context.Background()
	t.Setenv("SAPA_TEST_TOKEN", topSecret)
	for _, s := range []Secret{{Env: "SAPA_TEST_TOKEN"}, {Value: topSecret}} {
		tok, err := NewToken(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		tok.Now = func() time.Time { return time.Now().Add(time.Hour) }
		t.Setenv("SAPA_TEST_TOKEN", "another-value")
		if tok.Refresh(ctx) || tok.Value() != topSecret {
			t.Errorf("%v: Refresh changed a secret that is not a command", s)
		}
		t.Setenv("SAPA_TEST_TOKEN", topSecret)
	}
}

func TestTokenRefreshFailureKeepsValue(t *testing.T) {
	ctx := context.Background()
	s, _ := tokenFile(t, "old-token-value")
	tok, err := NewToken(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	tok.secret.Cmd = "exit 1" // the helper broke after start
	tok.Now = func() time.Time { return time.Now().Add(time.Hour) }
	if tok.Refresh(ctx) || tok.Value() != "old-token-value" {
		t.Fatalf("a failed refresh must keep the old value, got %q", tok.Value())
	}
}

func TestNewTokenReportsSourceError(t *testing.T) {
	if _, err := NewToken(context.Background(), Secret{Env: "SAPA_TEST_UNSET"}); err == nil ||
		!strings.Contains(err.Error(), "SAPA_TEST_UNSET") {
		t.Fatalf("NewToken error = %v; want the variable named", err)
	}
}

package config

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

const topSecret = "hunter2-topsecret"

func TestSecretResolve(t *testing.T) {
	ctx := context.Background()
	t.Setenv("SAPA_TEST_TOKEN", topSecret)
	t.Setenv("SAPA_TEST_EMPTY", "")
	for _, tc := range []struct {
		name    string
		s       Secret
		want    string
		wantErr string
	}{
		{"env", Secret{Env: "SAPA_TEST_TOKEN"}, topSecret, ""},
		{"value", Secret{Value: topSecret}, topSecret, ""},
		{"cmd", Secret{Cmd: "printf '%s\\n' " + topSecret}, topSecret, ""},
		{"cmd keeps inner spaces", Secret{Cmd: "printf 'a b \\r\\n'"}, "a b ", ""},
		{"env unset", Secret{Env: "SAPA_TEST_UNSET"}, "", "environment variable SAPA_TEST_UNSET is not set"},
		{"env empty", Secret{Env: "SAPA_TEST_EMPTY"}, "", "environment variable SAPA_TEST_EMPTY is empty"},
		{"cmd fails", Secret{Cmd: "echo " + topSecret + "; echo " + topSecret + " >&2; exit 3"}, "", `command "echo hunter2-topsecret; echo hunter2-topsecret >&2; exit 3" failed: exit status 3`},
		{"cmd prints nothing", Secret{Cmd: "true"}, "", `command "true" printed nothing`},
		{"none", Secret{}, "", "no source configured"},
		{"two sources", Secret{Env: "SAPA_TEST_TOKEN", Value: topSecret}, "", "set only one of env, cmd and value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.s.Resolve(ctx)
			if tc.wantErr == "" {
				if err != nil || got != tc.want {
					t.Fatalf("Resolve = %q, %v; want %q", got, err, tc.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
			// The only place the secret may appear is the command text the
			// admin wrote; output (stdout or stderr) never does.
			if strings.Count(err.Error(), topSecret) > strings.Count(tc.s.Cmd, topSecret) {
				t.Errorf("error leaks the secret: %v", err)
			}
		})
	}
}

func TestSecretCmdCancelled(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Secret{Cmd: "sleep 5; echo " + topSecret}.Resolve(ctx)
	if err == nil || !strings.Contains(err.Error(), "deadline exceeded") {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("cancelled command took %s", d)
	}
}

func TestSecretNeverFormatted(t *testing.T) {
	s := Secret{Value: topSecret}
	a := Account{Name: "tg", Options: &testOptions{Token: s}}
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		for _, v := range []any{s, &s, a, &a, []Secret{s}} {
			out := fmt.Sprintf(f, v)
			if strings.Contains(out, topSecret) {
				t.Errorf("Sprintf(%q) shows the secret: %s", f, out)
			}
		}
	}
	if got := fmt.Sprint(Secret{Env: "X", Cmd: "pass x"}); got != "env:X,cmd:pass x" {
		t.Errorf("String = %q", got)
	}
	if got := fmt.Sprint(s); got != "value:[REDACTED]" {
		t.Errorf("String = %q", got)
	}
}

func TestRedact(t *testing.T) {
	tok := "123456:AAH-bot/token+x"
	url := "https://api.telegram.org/bot" + tok + "/getUpdates?offset=4"
	if got := Redact("Get \""+url+"\": EOF", tok); got != "Get \"https://api.telegram.org/bot[REDACTED]/getUpdates?offset=4\": EOF" {
		t.Errorf("Redact = %q", got)
	}
	if got := Redact("q=123456%3AAAH-bot%2Ftoken%2Bx", tok); got != "q=[REDACTED]" {
		t.Errorf("query-escaped: %q", got)
	}
	if got := Redact("abc abc", "abc", ""); got != "abc abc" {
		t.Errorf("short secrets must be ignored: %q", got)
	}
	if got := Redact("xx secret-long yy secret", "secret", "secret-long"); got != "xx [REDACTED] yy [REDACTED]" {
		t.Errorf("overlapping: %q", got)
	}
	if got := Redact("nothing here"); got != "nothing here" {
		t.Errorf("no secrets: %q", got)
	}
}

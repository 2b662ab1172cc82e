package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"
)

// SecretCmdTimeout bounds how long a secret command may run.
const SecretCmdTimeout = 10 * time.Second

// Redacted replaces a secret wherever Sapa prints text that may contain one.
const Redacted = "[REDACTED]"

// sources counts how many of env, cmd and value are set.
func (s Secret) sources() int {
	n := 0
	for _, v := range []string{s.Env, s.Cmd, s.Value} {
		if v != "" {
			n++
		}
	}
	return n
}

// Resolve returns the secret. Env reads the environment variable, Cmd runs
// the command with `sh -c` (at most SecretCmdTimeout) and takes its standard
// output without the trailing newline, Value is used as written. Errors name
// the variable or the command, never the secret, and never include the
// command's output.
func (s Secret) Resolve(ctx context.Context) (string, error) {
	switch {
	case s.sources() == 0:
		return "", errors.New("secret: no source configured (set env, cmd or value)")
	case s.sources() > 1:
		return "", errors.New("secret: set only one of env, cmd and value")
	case s.Env != "":
		v, ok := os.LookupEnv(s.Env)
		if !ok {
			return "", &SecretError{Msg: "environment variable " + s.Env + " is not set", Fix: envFix(s.Env)}
		}
		if v == "" {
			return "", &SecretError{Msg: "environment variable " + s.Env + " is empty", Fix: envFix(s.Env)}
		}
		return v, nil
	case s.Cmd != "":
		return runSecretCmd(ctx, s.Cmd)
	default:
		return s.Value, nil
	}
}

// SecretError says why a secret could not be read, naming the variable or
// the command, never the value, and what to do about it. A connector that
// wraps it keeps it reachable with errors.As, so the fix shown is this one
// rather than a guess from the platform (an unset variable is not a
// revoked token).
type SecretError struct {
	Msg string // "environment variable X is not set"
	Fix string
}

func (e *SecretError) Error() string { return "secret: " + e.Msg }

func envFix(name string) string {
	return "set " + name + " in the environment Sapa runs in (the shell, or the service's EnvironmentFile), or point env at the variable that holds the secret"
}

// cmdFix is the fix for a secret command that failed.
const cmdFix = "run the command yourself as the user Sapa runs as, and make it print the secret"

// runSecretCmd runs command and returns its standard output, trimmed of the
// trailing line break. Its standard error is discarded: a failing password
// manager may echo what it was given.
func runSecretCmd(parent context.Context, command string) (string, error) {
	ctx, cancel := context.WithTimeout(parent, SecretCmdTimeout)
	defer cancel()
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	cmd.Stdin = nil
	cmd.Stdout = &out
	cmd.Stderr = nil
	cmd.WaitDelay = time.Second // a background child keeping stdout open cannot hang us
	err := cmd.Run()
	switch {
	case parent.Err() != nil:
		return "", fmt.Errorf("secret: command %q: %w", command, parent.Err())
	case ctx.Err() != nil:
		return "", &SecretError{Msg: fmt.Sprintf("command %q timed out after %s", command, SecretCmdTimeout), Fix: cmdFix}
	case err != nil:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", &SecretError{Msg: fmt.Sprintf("command %q failed: %s", command, ee.ProcessState), Fix: cmdFix}
		}
		return "", &SecretError{Msg: fmt.Sprintf("command %q could not run: %v", command, err), Fix: cmdFix}
	}
	v := strings.TrimRight(out.String(), "\r\n")
	if v == "" {
		return "", &SecretError{Msg: fmt.Sprintf("command %q printed nothing", command), Fix: cmdFix}
	}
	return v, nil
}

// String describes where the secret comes from without revealing an inline
// value: "env:NAME", "cmd:pass show x", "value:[REDACTED]" or "none".
func (s Secret) String() string {
	var parts []string
	if s.Env != "" {
		parts = append(parts, "env:"+s.Env)
	}
	if s.Cmd != "" {
		parts = append(parts, "cmd:"+s.Cmd)
	}
	if s.Value != "" {
		parts = append(parts, "value:"+Redacted)
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ",")
}

// GoString is String, so %#v does not reveal an inline value either.
func (s Secret) GoString() string { return "config.Secret(" + s.String() + ")" }

// Format makes every fmt verb (%v, %+v, %#v, %s, %q…) print String or
// GoString, never the fields.
func (s Secret) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		fmt.Fprint(f, s.GoString())
	case verb == 'q':
		fmt.Fprintf(f, "%q", s.String())
	default:
		fmt.Fprint(f, s.String())
	}
}

// Redact replaces every occurrence of each secret in s with "[REDACTED]",
// also in its URL-escaped forms (a Telegram token sits in the request path).
// Secrets shorter than four bytes are ignored: replacing them would mangle
// ordinary text without protecting anything.
func Redact(s string, secrets ...string) string {
	var forms []string
	for _, sec := range secrets {
		if len(sec) < 4 {
			continue
		}
		forms = append(forms, sec, url.PathEscape(sec), url.QueryEscape(sec))
	}
	// Longest first, so a secret containing another is replaced whole.
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	for _, f := range forms {
		s = strings.ReplaceAll(s, f, Redacted)
	}
	return s
}

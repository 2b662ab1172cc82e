package config

import (
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const (
	inlineAccount = `
[[account]]
name = "pemkab-tg"
platform = "tiktok"
token = { value = "123456:ABCdef" }
`
	cmdAccount = `
[[account]]
name = "pemkab-tg"
platform = "tiktok"
token = { cmd = "pass show sapa/telegram" }
`
	envAccount = `
[[account]]
name = "pemkab-tg"
platform = "tiktok"
token = { env = "SAPA_TG_TOKEN" }
`
)

// writeMode writes text to a config file in a directory of its own and
// sets the file's mode exactly (the umask does not narrow it).
func writeMode(t *testing.T, text string, mode os.FileMode) string {
	t.Helper()
	p := writeConfig(t, text)
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

// A config that others can read while it holds an inline secret, or write
// while it holds a command, is refused with the chmod that fixes it; the
// same file at 0600, and an env secret at any mode, are fine.
func TestLoadRefusesExposedSecrets(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		mode       os.FileMode
		refused    bool
	}{
		{"inline, readable by others", inlineAccount, 0o644, true},
		{"inline, readable by the group", inlineAccount, 0o640, true},
		{"inline, private", inlineAccount, 0o600, false},
		{"cmd, writable by the group", cmdAccount, 0o660, true},
		{"cmd, writable by others", cmdAccount, 0o606, true},
		{"cmd, readable by others", cmdAccount, 0o644, false},
		{"env, readable and writable by others", envAccount, 0o666, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeMode(t, tc.text, tc.mode)
			_, err := Load(p, testKinds())
			if !tc.refused {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("mode %04o accepted", tc.mode)
			}
			if !strings.Contains(err.Error(), "chmod 600 "+p) || !strings.Contains(err.Error(), "account[0].token") {
				t.Fatalf("the error does not name the secret and the fix: %v", err)
			}
		})
	}
}

// A command secret in a directory others can write to is refused too:
// they could put another file in its place.
func TestLoadRefusesCommandInOpenDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "open")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(p, []byte(cmdAccount), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p, testKinds()); err == nil || !strings.Contains(err.Error(), "chmod go-w "+dir) {
		t.Fatalf("want a refusal with chmod go-w %s, got %v", dir, err)
	}
}

// database.group must name a group that exists.
func TestDatabaseGroupMustExist(t *testing.T) {
	p := writeConfig(t, "[database]\ngroup = \"tidak-ada-grup-ini\"\n")
	if _, err := Load(p, testKinds()); err == nil || !strings.Contains(err.Error(), `no group "tidak-ada-grup-ini"`) {
		t.Fatalf("a missing group: %v", err)
	}
	g, err := user.LookupGroupId(strconv.Itoa(os.Getgid()))
	if err != nil {
		t.Skip("this user's group has no name:", err)
	}
	p = writeConfig(t, "[database]\ngroup = \""+g.Name+"\"\n")
	if _, err := Load(p, testKinds()); err != nil {
		t.Fatalf("group %s refused: %v", g.Name, err)
	}
}

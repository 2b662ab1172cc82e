package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ensurePeer returns the path of a peer client, installing its Debian
// package with apt-get when it is missing and install is set.
func ensurePeer(ctx context.Context, name string, install bool) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	if !install {
		return "", errors.New("not installed (and -install=false)")
	}
	if os.Geteuid() != 0 {
		return "", fmt.Errorf("not installed; run `apt-get install -y %s` as root", name)
	}
	logf("installing %s with apt-get ...", name)
	aptGet := func(args ...string) error {
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		return cmd.Run()
	}
	if err := aptGet("install", "-y", "--no-install-recommends", name); err != nil {
		// The package lists may be missing or stale: refresh them once.
		if err := aptGet("update"); err != nil {
			return "", fmt.Errorf("apt-get update: %w", err)
		}
		if err := aptGet("install", "-y", "--no-install-recommends", name); err != nil {
			return "", fmt.Errorf("apt-get install %s: %w", name, err)
		}
	}
	return exec.LookPath(name)
}

// peerVersion is the first line of the peer's version output.
func peerVersion(ctx context.Context, path string) string {
	if path == "" {
		return ""
	}
	out, _ := exec.CommandContext(ctx, path, "-v").CombinedOutput()
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return strings.TrimSpace(line)
}

// neomuttConfig writes a minimal neomuttrc that opens the Maildir: no
// system configuration (-n), no sidebar, newest first like Sapa, nothing
// that asks a question. Everything else is neomutt's default look.
func neomuttConfig(work, mailRoot string) (string, error) {
	path := filepath.Join(work, "neomuttrc")
	rc := fmt.Sprintf(`# neomutt for the Sapa byte benchmark (bench/compare); run with -n -F.
set mbox_type = Maildir
set folder = "%[1]s"
set spoolfile = "%[1]s/%[2]s"
set sort = reverse-date
set sidebar_visible = no
set header_cache = ""
set message_cachedir = ""
set quit = yes
set move = no
set mark_old = no
set wait_key = no
`, mailRoot, mailFolder)
	return path, os.WriteFile(path, []byte(rc), 0o600)
}

// aercConfig writes a configuration directory for aerc with one Maildir
// account: no sidebar (Sapa has none), newest first like Sapa; everything
// else is aerc's default look and key bindings.
func aercConfig(work, mailRoot string) (string, error) {
	dir := filepath.Join(work, "aerc-config", "aerc")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	accounts := fmt.Sprintf(`[sukamaju]
source = maildir://%s
default = %s
from = Admin Desa <admin.desa@sukamajukab.go.id>
`, mailRoot, mailFolder)
	// aerc's own default aerc.conf (it carries the text/plain filter that
	// shows a message body), with two [ui] settings added.
	conf := "# aerc for the Sapa byte benchmark (bench/compare).\n[ui]\nsidebar-width = 0\nsort = -r date\n"
	if def, err := os.ReadFile("/usr/share/aerc/aerc.conf"); err == nil {
		conf = strings.Replace(string(def), "\n[ui]\n", "\n[ui]\n# Added by bench/compare:\nsidebar-width = 0\nsort = -r date\n", 1)
	}
	binds, err := os.ReadFile("/usr/share/aerc/binds.conf")
	if err != nil {
		binds = nil // aerc falls back to its built-in bindings
	}
	for name, body := range map[string][]byte{"accounts.conf": []byte(accounts), "aerc.conf": []byte(conf), "binds.conf": binds} {
		if body == nil {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o600); err != nil {
			return "", err
		}
	}
	return filepath.Dir(dir), nil
}

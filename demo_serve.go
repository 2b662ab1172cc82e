package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"sapa/sshd"
)

// serveDemo is `sapa demo --serve`: the demo's relay and an SSH service on
// localhost, with a key pair per demo admin kept in the demo's directory,
// so a newcomer opens two admins side by side with two ssh commands.
func (e *env) serveDemo(stdout io.Writer) error {
	ctx := context.Background()
	dir := filepath.Join(filepath.Dir(e.cfg.Database.Path), "demo-keys")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("demo keys: %w", err)
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(e.opts.port))
	if l, err := net.Listen("tcp", addr); err != nil {
		return fmt.Errorf("port %d on localhost is taken (%v): choose another with --port", e.opts.port, err)
	} else {
		l.Close()
	}
	e.cfg.SSH.Listen = addr
	e.cfg.Serve.Listen = "" // no webhooks: the simulator is polled
	fmt.Fprintf(stdout, "Sapa demo over SSH on localhost port %d (ctrl+c stops it).\n"+
		"Each admin of the demo team has a key: run two of these lines in two terminals.\n\n", e.opts.port)
	for _, m := range e.team() {
		key, err := e.demoKey(ctx, dir, m.name)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "  %s — %s\n    ssh -i %s -p %d localhost\n", m.name, m.describe(e.units), key, e.opts.port)
	}
	fmt.Fprintln(stdout)
	return e.runRelay(true)
}

// demoKey returns the private key file of a demo admin in dir, making the
// key pair (0600) the first time, and registers its public key.
func (e *env) demoKey(ctx context.Context, dir, name string) (string, error) {
	path := filepath.Join(dir, name)
	pub, err := os.ReadFile(path + ".pub")
	if errors.Is(err, os.ErrNotExist) {
		pub, err = writeKeyPair(path, name+"@sapa-demo")
	}
	if err != nil {
		return "", fmt.Errorf("demo key of %s: %w", name, err)
	}
	k, err := sshd.ParseKey(string(pub))
	if err != nil {
		return "", fmt.Errorf("demo key of %s: %w", name, err)
	}
	a, err := e.st.Admin(ctx, name)
	if err != nil {
		return "", err
	}
	for _, have := range a.Keys {
		if have.Fingerprint == k.Fingerprint {
			return path, nil
		}
	}
	return path, e.st.AddAdminKey(ctx, "sapa demo", name, k)
}

// writeKeyPair makes an ed25519 key pair as ssh-keygen writes it: the
// private key in OpenSSH format at path (0600), the public key at
// path.pub. It returns the public key line.
func writeKeyPair(path, comment string) ([]byte, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, comment)
	if err != nil {
		return nil, err
	}
	sshPub, err := gossh.NewPublicKey(pub)
	if err != nil {
		return nil, err
	}
	line := []byte(strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sshPub))) + " " + comment + "\n")
	if err := writeFileAtomic(path, pem.EncodeToMemory(block)); err != nil {
		return nil, err
	}
	if err := writeFileAtomic(path+".pub", line); err != nil {
		return nil, err
	}
	return line, nil
}

// writeFileAtomic writes data to path with mode 0600 through a temporary
// file, so an interrupted run leaves no half key.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".key-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

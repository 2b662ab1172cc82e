package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"sapa/bench/gen/synth"
)

// rig is one prepared store, config and admin key, and the `sapa serve`
// running on them.
type rig struct {
	sapa, dir, cfg string
	port           string
	signer         gossh.Signer
	keyFile        string // the private key, for the ssh binary
	serve          *exec.Cmd
	log            bytes.Buffer
	// cpuProfile, when set, is where serve writes its CPU profile
	// ($SAPA_CPUPROFILE), from start to stop.
	cpuProfile string
}

// prepare builds a store of n conversations and a config whose SSH service
// takes sessions sessions of one admin, "root" (so Sapa in a shell account
// as root is the same admin, seeing the same screen).
func prepare(ctx context.Context, sapa, dir string, n, sessions int, lowBandwidth bool) (*rig, error) {
	r := &rig{sapa: sapa, dir: dir, cfg: filepath.Join(dir, "sapa.toml")}
	db := filepath.Join(dir, "sapa.db")
	if _, err := synth.Build(ctx, db, synth.Options{Conversations: n, Seed: 1}); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	r.port = port
	text := fmt.Sprintf(`[database]
path = %q

[ui]
language = "en"
low_bandwidth = %v

[ssh]
listen = "127.0.0.1:%s"
max_sessions = %d
max_sessions_per_admin = %d
`, db, lowBandwidth, port, sessions+10, sessions+10)
	if err := os.WriteFile(r.cfg, []byte(text), 0o600); err != nil {
		return nil, err
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	if r.signer, err = gossh.NewSignerFromKey(priv); err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "bench")
	if err != nil {
		return nil, err
	}
	r.keyFile = filepath.Join(dir, "id_bench")
	if err := os.WriteFile(r.keyFile, pem.EncodeToMemory(block), 0o600); err != nil {
		return nil, err
	}
	sshPub, err := gossh.NewPublicKey(pub)
	if err != nil {
		return nil, err
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sshPub)))
	if err := os.WriteFile(r.keyFile+".pub", []byte(line+"\n"), 0o644); err != nil {
		return nil, err
	}
	out, err := exec.CommandContext(ctx, sapa, "--config", r.cfg, "admin", "add", "root", "--unit", "32.01",
		"--role", "supervisor", "--key", line).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("sapa admin add: %v\n%s", err, out)
	}
	return r, nil
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port, nil
}

// start runs `sapa serve` and waits for its SSH port.
func (r *rig) start(ctx context.Context) error {
	r.serve = exec.CommandContext(ctx, r.sapa, "--config", r.cfg, "serve")
	r.serve.Stdout, r.serve.Stderr = &r.log, &r.log
	if r.cpuProfile != "" {
		r.serve.Env = append(os.Environ(), "SAPA_CPUPROFILE="+r.cpuProfile)
	}
	if err := r.serve.Start(); err != nil {
		return err
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.Dial("tcp", "127.0.0.1:"+r.port); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("sapa serve did not listen:\n%s", r.log.String())
}

// stop ends `sapa serve`.
func (r *rig) stop() {
	if r.serve != nil && r.serve.Process != nil {
		r.serve.Process.Signal(os.Interrupt)
		r.serve.Wait()
	}
}

// rssKB is the resident set of pid in kB (VmRSS).
func rssKB(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			return strconv.ParseInt(strings.Fields(v)[0], 10, 64)
		}
	}
	return 0, fmt.Errorf("no VmRSS for %d", pid)
}

// cpuTicks is the user+system CPU of pid, in clock ticks (1/100 s).
func cpuTicks(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// Fields after the command name, which is in parentheses.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	u, err := strconv.ParseInt(f[11], 10, 64)
	if err != nil {
		return 0, err
	}
	s, err := strconv.ParseInt(f[12], 10, 64)
	return u + s, err
}

// loadavg is the first three fields of /proc/loadavg.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

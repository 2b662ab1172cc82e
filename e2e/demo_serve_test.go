package e2e

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"

	"sapa/bench/ptymeter"
)

// demoLine is one admin's line that `sapa demo --serve` prints.
var demoLine = regexp.MustCompile(`^\s+ssh -i (\S+) -p (\d+) localhost$`)

// TestDemoServeOpensTwoAdminsSideBySide: `sapa demo --serve` prints an ssh
// command per demo admin; run as printed (plus options that keep the test
// away from the user's own ssh files), the kabupaten's supervisor and a desa
// admin each get their own inbox at once, the desa's list the shorter.
func TestDemoServeOpensTwoAdminsSideBySide(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Skip("skipping the demo over SSH: ssh is not installed (apt-get install openssh-client)")
	}
	d := newDirs(t)
	port := freePort(t)
	cmd := exec.Command(sapaBin, "demo", "--serve", "--no-live", "--seed", "1", "--lang", "en", "--port", port)
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+d.data, "XDG_CONFIG_HOME="+d.config, "SAPA_CONFIG=")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var printed []string
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			mu.Lock()
			printed = append(printed, sc.Text())
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	keys := map[string]string{} // admin → key file
	eventually(t, startTimeout, "an ssh line for every demo admin", func() (bool, error) {
		mu.Lock()
		defer mu.Unlock()
		for i := 1; i < len(printed); i++ {
			m := demoLine.FindStringSubmatch(printed[i])
			if m == nil || m[2] != port {
				continue
			}
			name, _, _ := strings.Cut(strings.TrimSpace(printed[i-1]), " ")
			keys[name] = m[1]
		}
		return keys["rina.humas"] != "" && keys["dedi.bendungan"] != "", nil
	})
	waitListening(t, port) // the lines come before the relay starts the service
	for name, key := range keys {
		info, err := os.Stat(key)
		if err != nil {
			t.Fatalf("%s's key: %v", name, err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s's key %s has mode %v, want 0600", name, key, info.Mode().Perm())
		}
	}
	open := func(name string) *ptymeter.Session {
		t.Helper()
		args := []string{"-i", keys[name], "-p", port, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
			"-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-tt", "localhost"}
		s, err := ptymeter.StartOptions(context.Background(), exec.Command("ssh", args...), ptymeter.Options{Cols: cols, Rows: rows})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if err := s.WaitFor(name+" │", startTimeout); err != nil {
			t.Fatalf("%s: %v; screen:\n%s", name, err, s.Screen())
		}
		return s
	}
	sup, desa := open("rina.humas"), open("dedi.bendungan")
	// The supervisor's list fills as the relay ingests the history; the
	// desa's holds its own Page's conversations only.
	total := func(s *ptymeter.Session) int {
		first, _, _ := strings.Cut(s.Screen(), "\n")
		f := strings.Fields(first)
		n := 0
		for _, c := range f[len(f)-1] {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	eventually(t, startTimeout, "the supervisor's list longer than the desa's", func() (bool, error) {
		a, b := total(sup), total(desa)
		return a > 0 && b > 0 && b < a, nil
	})
}

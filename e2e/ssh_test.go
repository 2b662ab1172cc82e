package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sapa/bench/ptymeter"
)

// sshServe is one `sapa serve` with its SSH service on a free port, an
// admin registered with a key made by ssh-keygen, and a second key nobody
// registered.
type sshServe struct {
	port           string
	key, strangers string
	cfg, dir       string
}

// startSSHServe needs the system ssh and ssh-keygen; without them the test
// is skipped and says why.
func startSSHServe(t *testing.T, sshConfig ...string) sshServe {
	t.Helper()
	for _, bin := range []string{"ssh", "ssh-keygen"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Skipf("skipping the SSH service test: %s is not installed (apt-get install openssh-client)", bin)
		}
	}
	dir := t.TempDir()
	s := sshServe{port: freePort(t), key: filepath.Join(dir, "id_siti"), strangers: filepath.Join(dir, "id_other")}
	for _, k := range []string{s.key, s.strangers} {
		if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", k).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
	}
	cfg := filepath.Join(dir, "sapa.toml")
	s.cfg, s.dir = cfg, dir
	text := fmt.Sprintf("[database]\npath = %q\n\n[ui]\nlanguage = \"en\"\n\n[ssh]\nlisten = \"127.0.0.1:%s\"\n", filepath.Join(dir, "sapa.db"), s.port)
	text += strings.Join(sshConfig, "\n") + "\n"
	if err := os.WriteFile(cfg, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	pub, err := os.ReadFile(s.key + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	add := exec.Command(sapaBin, "--config", cfg, "admin", "add", "siti", "--unit", "32.01", "--role", "supervisor", "--key", strings.TrimSpace(string(pub)))
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("sapa admin add: %v\n%s", err, out)
	}
	serve := exec.Command(sapaBin, "--config", cfg, "serve")
	var log bytes.Buffer
	serve.Stdout, serve.Stderr = &log, &log
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		serve.Process.Signal(os.Interrupt)
		serve.Wait()
		if t.Failed() {
			t.Logf("sapa serve said:\n%s", log.String())
		}
	})
	waitListening(t, s.port)
	info, err := os.Stat(filepath.Join(dir, "ssh_host_ed25519_key"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %v, want 0600", info.Mode().Perm())
	}
	return s
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

// sshArgs are the client options of every connection of the tests.
func (s sshServe) sshArgs(key string, more ...string) []string {
	return append([]string{"-i", key, "-p", s.port, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
		"-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none"}, more...)
}

// runSSH runs ssh to the end and returns its output and error.
func runSSH(s sshServe, key string, more ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, "ssh", s.sshArgs(key, more...)...).CombinedOutput()
	return string(out), err
}

func TestSSHAdminGetsTheInbox(t *testing.T) {
	t.Parallel()
	s := startSSHServe(t)
	cmd := exec.Command("ssh", s.sshArgs(s.key, "-tt", "localhost")...)
	sess, err := ptymeter.StartOptions(context.Background(), cmd, ptymeter.Options{Cols: cols, Rows: rows})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	if err := sess.WaitFor("Open", startTimeout); err != nil {
		t.Fatalf("%v; screen:\n%s", err, sess.Screen())
	}
	if err := sess.WaitFor("siti", stepTimeout); err != nil {
		t.Fatalf("the status bar does not name the admin of the key: %v; screen:\n%s", err, sess.Screen())
	}
	if err := sess.Send("q"); err != nil {
		t.Fatal(err)
	}
	if err := sess.WaitExit(stepTimeout); err != nil {
		t.Logf("ssh after q: %v", err)
	}
}

func TestSSHRefusesStrangersCommandsAndForwarding(t *testing.T) {
	t.Parallel()
	s := startSSHServe(t)

	out, err := runSSH(s, s.strangers, "-tt", "localhost")
	if err == nil || !strings.Contains(out, "Permission denied") {
		t.Errorf("an unregistered key got in: err %v, output:\n%s", err, out)
	}

	out, err = runSSH(s, s.key, "localhost", "cat", "/etc/passwd")
	if err == nil || strings.Contains(out, "root:") || !strings.Contains(out, "not accepted") {
		t.Errorf("a command ran: err %v, output:\n%s", err, out)
	}

	// A local forward: ssh listens here, the service must refuse the channel.
	local := freePort(t)
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	fwd := exec.CommandContext(ctx, "ssh", s.sshArgs(s.key, "-N", "-L", local+":127.0.0.1:"+s.port, "localhost")...)
	var stderr syncBuffer
	fwd.Stderr = &stderr
	if err := fwd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { fwd.Process.Kill(); fwd.Wait() }()
	eventually(t, stepTimeout, "the refused forward reported by ssh", func() (bool, error) {
		c, err := net.Dial("tcp", "127.0.0.1:"+local)
		if err != nil {
			return false, nil
		}
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		n, _ := c.Read(make([]byte, 64))
		c.Close()
		if n > 0 {
			return false, fmt.Errorf("the forward reached the service: %d bytes came back", n)
		}
		return strings.Contains(stderr.String(), "open failed"), nil
	})
}

// syncBuffer is a buffer a process writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// invite runs `sapa admin invite name` and returns the code it printed.
func (s sshServe) invite(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command(sapaBin, "--config", s.cfg, "admin", "invite", name).CombinedOutput()
	if err != nil {
		t.Fatalf("sapa admin invite: %v\n%s", err, out)
	}
	_, rest, ok := strings.Cut(string(out), "one-time code for "+name+": ")
	if !ok {
		t.Fatalf("no code in:\n%s", out)
	}
	return strings.Fields(rest)[0]
}

// newKeyFile makes one more key pair with ssh-keygen.
func (s sshServe) newKeyFile(t *testing.T, name string) string {
	t.Helper()
	k := filepath.Join(s.dir, name)
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", k).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	return k
}

// terminal opens an interactive ssh session with key at 80x24.
func (s sshServe) terminal(t *testing.T, key string) *ptymeter.Session {
	t.Helper()
	cmd := exec.Command("ssh", s.sshArgs(key, "-tt", "localhost")...)
	sess, err := ptymeter.StartOptions(context.Background(), cmd, ptymeter.Options{Cols: cols, Rows: rows})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	return sess
}

func waitScreen(t *testing.T, sess *ptymeter.Session, text string, max time.Duration) {
	t.Helper()
	if err := sess.WaitFor(text, max); err != nil {
		t.Fatalf("%q: %v; screen:\n%s", text, err, sess.Screen())
	}
}

func TestSSHInvitedAdminEnrolsAKeyOnce(t *testing.T) {
	t.Parallel()
	s := startSSHServe(t)
	code := s.invite(t, "siti")
	// A second invitation keeps one pending after the first is spent, so
	// an unknown key still reaches the screen that refuses the spent code.
	s.invite(t, "siti")

	enrol := s.terminal(t, s.strangers)
	waitScreen(t, enrol, "This key is not registered yet", startTimeout)
	if strings.Contains(enrol.Screen(), "Open") {
		t.Fatalf("the enrolment screen shows the inbox:\n%s", enrol.Screen())
	}
	if err := enrol.Send(code + "\r"); err != nil {
		t.Fatal(err)
	}
	waitScreen(t, enrol, "Key registered for siti", stepTimeout)
	if err := enrol.Send("\r"); err != nil {
		t.Fatal(err)
	}
	if err := enrol.WaitExit(stepTimeout); err != nil {
		t.Logf("ssh after leaving the enrolment screen: %v", err)
	}

	if audit := s.audit(t); !strings.Contains(audit, "admin.enroll") || !strings.Contains(audit, fingerprint(t, s.strangers)) {
		t.Errorf("the enrolment is not audited with the key:\n%s", audit)
	}

	inbox := s.terminal(t, s.strangers)
	waitScreen(t, inbox, "Open", startTimeout)
	waitScreen(t, inbox, "siti", stepTimeout)
	if err := inbox.Send("q"); err != nil {
		t.Fatal(err)
	}
	inbox.WaitExit(stepTimeout)

	again := s.terminal(t, s.newKeyFile(t, "id_third"))
	waitScreen(t, again, "This key is not registered yet", startTimeout)
	if err := again.Send(code + "\r"); err != nil {
		t.Fatal(err)
	}
	waitScreen(t, again, "wrong, used or expired", stepTimeout)
}

// audit is `sapa audit`'s CSV.
func (s sshServe) audit(t *testing.T) string {
	t.Helper()
	out, err := exec.Command(sapaBin, "--config", s.cfg, "audit").CombinedOutput()
	if err != nil {
		t.Fatalf("sapa audit: %v\n%s", err, out)
	}
	return string(out)
}

func fingerprint(t *testing.T, key string) string {
	t.Helper()
	out, err := exec.Command("ssh-keygen", "-l", "-f", key+".pub").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(out))[1]
}

func TestSSHSessionsOverTheAdminsCapAreRefusedAndLogoutsAudited(t *testing.T) {
	t.Parallel()
	s := startSSHServe(t, "max_sessions_per_admin = 1")
	first := s.terminal(t, s.key)
	waitScreen(t, first, "Open", startTimeout)

	out, err := runSSH(s, s.key, "-tt", "localhost")
	if err == nil || !strings.Contains(out, "siti already has 1 sessions open") {
		t.Errorf("a second session of siti: err %v, output:\n%s", err, out)
	}

	if err := first.Send("q"); err != nil {
		t.Fatal(err)
	}
	first.WaitExit(stepTimeout)
	fp := fingerprint(t, s.key)
	eventually(t, stepTimeout, "the logout in the audit log", func() (bool, error) {
		return strings.Contains(s.audit(t), "ssh.logout"), nil
	})
	var logins, logouts int
	for _, l := range strings.Split(s.audit(t), "\n") {
		if strings.Contains(l, "ssh.log") && !(strings.Contains(l, fp) && strings.Contains(l, "127.0.0.1:")) {
			t.Errorf("audit row without the key's fingerprint and the address: %s", l)
		}
		if strings.Contains(l, "ssh.login") {
			logins++
		}
		if strings.Contains(l, "ssh.logout") {
			logouts++
		}
	}
	if logins != 1 || logouts != 1 {
		t.Errorf("%d logins and %d logouts audited, want 1 and 1 (the refused session is neither):\n%s", logins, logouts, s.audit(t))
	}
}

// TestSSHSessionsResolveNoSecret: the service's relay resolves a platform
// secret once at start; an admin's SSH session, its screen and its quitting
// never run the secret's command again.
func TestSSHSessionsResolveNoSecret(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	runs := filepath.Join(dir, "secret-runs")
	s := startSSHServe(t, "[[account]]\nname = \"tg\"\nplatform = \"telegram\"\n"+
		"token = { cmd = \"echo run >> '"+runs+"'; echo 123456:AAtoken\" }")
	before := countLines(t, runs)
	if before == 0 {
		t.Fatal("the service's relay never resolved the secret: the test would prove nothing")
	}
	cmd := exec.Command("ssh", s.sshArgs(s.key, "-tt", "localhost")...)
	sess, err := ptymeter.StartOptions(context.Background(), cmd, ptymeter.Options{Cols: cols, Rows: rows})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	if err := sess.WaitFor("siti", startTimeout); err != nil {
		t.Fatalf("%v; screen:\n%s", err, sess.Screen())
	}
	if err := sess.Send("q"); err != nil {
		t.Fatal(err)
	}
	if err := sess.WaitExit(stepTimeout); err != nil {
		t.Logf("ssh after q: %v", err)
	}
	if after := countLines(t, runs); after != before {
		t.Fatalf("the secret's command ran %d times before the session and %d after: a session resolved it", before, after)
	}
}

// countLines counts the lines of path, 0 when it does not exist yet.
func countLines(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(b, []byte("\n"))
}

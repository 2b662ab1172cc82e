package sshd

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"sapa/inbox"
)

// fakeRegistry is the store as the service sees it, in memory.
type fakeRegistry struct {
	mu     sync.Mutex
	admins map[string]inbox.Admin // by key fingerprint
	codes  map[string]string      // unused code → admin name
	audit  []string               // "admin action fingerprint from"
}

func newFakeRegistry() *fakeRegistry {
	return &fakeRegistry{admins: map[string]inbox.Admin{}, codes: map[string]string{}}
}

func (r *fakeRegistry) register(name string, key gossh.PublicKey) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.admins[gossh.FingerprintSHA256(key)] = inbox.Admin{Name: name, Role: inbox.Operator}
}

func (r *fakeRegistry) invite(name, code string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.codes[code] = name
}

func (r *fakeRegistry) AdminByKey(_ context.Context, fp string) (inbox.Admin, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if a, ok := r.admins[fp]; ok {
		return a, nil
	}
	return inbox.Admin{}, inbox.ErrNotFound
}

func (r *fakeRegistry) InvitePending(context.Context) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.codes) > 0, nil
}

func (r *fakeRegistry) Enroll(_ context.Context, code string, k inbox.AdminKey, from string) (inbox.Admin, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	name, ok := r.codes[code]
	if !ok {
		return inbox.Admin{}, ErrBadCode
	}
	delete(r.codes, code)
	a := inbox.Admin{Name: name, Role: inbox.Operator}
	r.admins[k.Fingerprint] = a
	r.audit = append(r.audit, fmt.Sprintf("%s admin.enroll %s %s", name, k.Fingerprint, from))
	return a, nil
}

func (r *fakeRegistry) LogSession(_ context.Context, admin string, action inbox.AuditAction, fp, from string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.audit = append(r.audit, strings.Join([]string{admin, string(action), fp, from}, " "))
	return nil
}

func (r *fakeRegistry) auditLog() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.audit...)
}

// fakeInbox stands for the inbox screen: it names the admin and quits on q.
type fakeInbox struct{ name string }

func (m fakeInbox) Init() tea.Cmd { return nil }
func (m fakeInbox) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "q" {
		return m, tea.Quit
	}
	return m, nil
}
func (m fakeInbox) View() tea.View { return tea.NewView("INBOX of " + m.name) }

// startServer serves o on a free local port and returns its address.
func startServer(t *testing.T, reg Registry, o Options) string {
	t.Helper()
	o.HostKey = filepath.Join(t.TempDir(), "host_key")
	for _, d := range []*time.Duration{&o.IdleTimeout, &o.KeepAlive, &o.FailWindow} {
		if *d == 0 {
			*d = time.Hour
		}
	}
	for _, n := range []*int{&o.MaxFailures, &o.MaxSessions, &o.MaxPerAdmin} {
		if *n == 0 {
			*n = 10
		}
	}
	screen := func(_ context.Context, a inbox.Admin) (tea.Model, func(tea.Model), error) {
		return fakeInbox{name: a.Name}, nil, nil
	}
	s, err := New(reg, screen, o)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	return l.Addr().String()
}

func newKey(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func dial(addr string, key gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "anyone",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
}

// term is one interactive session seen through a terminal emulator.
type term struct {
	t      *testing.T
	client *gossh.Client
	sess   *gossh.Session
	in     io.WriteCloser
	mu     sync.Mutex
	emu    *vt.Emulator
	raw    strings.Builder
	ended  chan struct{}
}

// open logs in with key and starts a shell at 80x24.
func open(t *testing.T, addr string, key gossh.Signer) *term {
	t.Helper()
	c, err := dial(addr, key)
	if err != nil {
		t.Fatalf("login refused: %v", err)
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	tm := &term{t: t, client: c, sess: sess, emu: vt.NewEmulator(80, 24), ended: make(chan struct{})}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if tm.in, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errs, err := sess.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	go tm.read(out)
	go tm.readErrs(errs)
	go tm.replies()
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return tm
}

func (tm *term) read(out io.Reader) {
	defer close(tm.ended)
	buf := make([]byte, 4096)
	for {
		n, err := out.Read(buf)
		tm.mu.Lock()
		tm.raw.Write(buf[:n])
		tm.emu.Write(buf[:n])
		tm.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// readErrs keeps what the service writes on stderr: its refusals.
func (tm *term) readErrs(errs io.Reader) {
	buf := make([]byte, 4096)
	for {
		n, err := errs.Read(buf)
		tm.mu.Lock()
		tm.raw.Write(buf[:n])
		tm.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// replies answers the program's terminal queries as a terminal would.
func (tm *term) replies() {
	buf := make([]byte, 256)
	for {
		n, err := tm.emu.Read(buf)
		if n > 0 {
			tm.in.Write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

func (tm *term) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	var b strings.Builder
	for y := 0; y < 24; y++ {
		for x := 0; x < 80; x++ {
			if c := tm.emu.CellAt(x, y); c != nil && c.Content != "" {
				b.WriteString(c.Content)
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteByte('\n')
	}
	return b.String() + tm.raw.String()
}

// waitFor waits until the screen (or the plain text written before the
// session ended) shows text.
func (tm *term) waitFor(text string) {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(tm.screen(), text) {
		if time.Now().After(deadline) {
			tm.t.Fatalf("%q never shown; screen:\n%s", text, tm.screen())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (tm *term) send(keys string) {
	tm.t.Helper()
	if _, err := tm.in.Write([]byte(keys)); err != nil {
		tm.t.Fatal(err)
	}
}

// waitEnd waits until the server ends the session.
func (tm *term) waitEnd() {
	tm.t.Helper()
	select {
	case <-tm.ended:
	case <-time.After(15 * time.Second):
		tm.t.Fatalf("the session did not end; screen:\n%s", tm.screen())
	}
}

// refused reports whether err is an authentication refusal.
func refused(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "unable to authenticate") || errors.Is(err, io.EOF))
}

// count is how many audit rows contain s.
func (r *fakeRegistry) count(s string) int {
	n := 0
	for _, l := range r.auditLog() {
		if strings.Contains(l, s) {
			n++
		}
	}
	return n
}

// newKeyOf makes a key and registers it to name.
func newKeyOf(t *testing.T, r *fakeRegistry, name string) gossh.Signer {
	k := newKey(t)
	r.register(name, k.PublicKey())
	return k
}

// eventually waits until ok holds (the service writes the logout after the
// client sees the end).
func eventually(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("condition never held")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

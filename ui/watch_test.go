package ui

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
	"sapa/store"
)

// otherProcess opens a second handle on the same database file, as another
// admin's session or the relay would.
func otherProcess(t *testing.T, e *env) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), e.path, store.Options{Now: e.clk.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// runAsync runs a command in its own goroutine.
func runAsync(cmd tea.Cmd) <-chan tea.Msg {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	return ch
}

func TestWatcherIsSilentWhileIdle(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	ctx, cancel := context.WithCancel(context.Background())
	n, _ := e.st.ChangeCounter(ctx)
	ch := runAsync(watchCmd(ctx, e.st, n, time.Time{}, e.clk.now, 20*time.Millisecond))
	select {
	case msg := <-ch:
		t.Fatalf("the watcher spoke while nothing changed: %#v", msg)
	case <-time.After(500 * time.Millisecond):
	}
	cancel()
	if msg := <-ch; msg != nil {
		t.Fatalf("a cancelled watcher returned %#v", msg)
	}
}

func TestAnotherProcessChangeShowsWithinASecond(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m.noWatch = false
	cmd := m.watch()
	m.noWatch = true // the helper below must not block on the re-armed watcher

	other := otherProcess(t, e)
	siti := convByName(t, e, "Siti Rahma")
	start := time.Now()
	ch := runAsync(cmd)
	if _, err := other.Apply(context.Background(), siti.ID, "ani", storeChangeDone()); err != nil {
		t.Fatal(err)
	}
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(time.Second):
		t.Fatal("no change seen within a second")
	}
	m = send(t, m, msg)
	if time.Since(start) > time.Second {
		t.Fatalf("took %v", time.Since(start))
	}
	if strings.Contains(screenText(m), "Siti Rahma") {
		t.Fatalf("the list still shows a conversation done elsewhere:\n%s", screenText(m))
	}
}

func TestRelayHealthAndAccountsInStatusBar(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	ok, err := e.st.AcquireLease(context.Background(), "relay@server", 10*time.Second)
	if err != nil || !ok {
		t.Fatal("lease", err)
	}
	e.st.SetAccountHealth(context.Background(), e.accts["fb-pemkab"], false, "token kedaluwarsa: buat token baru di Meta Business")
	e.st.SetAccountHealth(context.Background(), e.accts["x-pemkab"], false, "429 rate limited")
	conv := convByName(t, e, "Siti Rahma")
	e.st.Enqueue(context.Background(), conv.ID, "budi", "a", time.Time{}, "pending", true)
	m := newModel(t, e, testConfig())
	status := rowsOf(m)[22]
	for _, want := range []string{"budi", "antre 1", "2 akun bermasalah, fb-pemkab: token kedaluwarsa"} {
		if !strings.Contains(status, want) {
			t.Errorf("status bar lacks %q: %q", want, status)
		}
	}
	if strings.Contains(status, "relay: ok") {
		t.Errorf("status bar says the relay is ok while two accounts fail: %q", status)
	}

	// The relay dies: no more commits, yet the lease's end still shows.
	m.noWatch = false
	cmd := m.watch()
	m.noWatch = true
	e.clk.add(11 * time.Second)
	var msg tea.Msg
	select {
	case msg = <-runAsync(cmd):
	case <-time.After(time.Second):
		t.Fatal("the watcher did not notice the lease running out")
	}
	m = send(t, m, msg)
	if status := rowsOf(m)[22]; !strings.Contains(status, "relay: tidak aktif") {
		t.Fatalf("status bar: %q", status)
	}
}

func TestEditorFileRoundTrip(t *testing.T) {
	msg := editorFileCmd(3, "Halo\nBu")().(editorFileMsg)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	fi, err := os.Stat(msg.path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("temp file mode %v (%v)", fi.Mode().Perm(), err)
	}
	if err := os.WriteFile(msg.path, []byte("Halo Bu,\nsudah kami cek.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	done := readEditorFile(3, msg.path, nil).(editorDoneMsg)
	if done.text != "Halo Bu,\nsudah kami cek." || done.err != nil {
		t.Fatalf("read back %q %v", done.text, done.err)
	}
	if _, err := os.Stat(msg.path); !os.IsNotExist(err) {
		t.Fatal("the temp file was not removed")
	}
}

func TestEditorTextReturnsToComposer(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, "r")
	m = typeText(t, m, "draf")
	_, cmd := m.Update(press("ctrl+e"))
	if cmd == nil {
		t.Fatal("ctrl+e asked for nothing")
	}
	fm, ok := cmd().(editorFileMsg)
	if !ok || fm.err != nil {
		t.Fatalf("ctrl+e: %#v", fm)
	}
	b, _ := os.ReadFile(fm.path)
	os.Remove(fm.path)
	if string(b) != "draf" {
		t.Fatalf("temp file holds %q", b)
	}
	m = send(t, m, editorDoneMsg{convID: m.thread.conv.ID, text: "Teks dari editor\nbaris dua"})
	if m.composer.value() != "Teks dari editor\nbaris dua" {
		t.Fatalf("composer = %q", m.composer.value())
	}
	if d, _ := e.st.LoadDraft(context.Background(), m.thread.conv.ID, "budi"); d.Text != "Teks dari editor\nbaris dua" {
		t.Fatalf("draft = %q", d.Text)
	}
}

func TestQuitSavesTheDraftFirst(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, "r")
	m.batch = time.Hour
	next, _ := m.Update(press("o"))
	m = next.(Model)
	next, _ = m.Update(press("k"))
	m = next.(Model)
	m = keys(t, m, "ctrl+c")
	if !quits[t.Name()] {
		t.Fatal("ctrl+c did not quit")
	}
	if d, _ := e.st.LoadDraft(context.Background(), m.thread.conv.ID, "budi"); d.Text != "ok" {
		t.Fatalf("draft at quit = %q", d.Text)
	}
}

func TestShutdownSavesTheDraft(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, "r")
	m.batch = time.Hour
	next, _ := m.Update(press("y"))
	m = send(t, next.(Model), ShutdownMsg{})
	if !quits[t.Name()] {
		t.Fatal("no quit")
	}
	if d, _ := e.st.LoadDraft(context.Background(), m.thread.conv.ID, "budi"); d.Text != "y" {
		t.Fatalf("draft = %q", d.Text)
	}
}

// TestStatusBarSaysTheRelayCannotWrite: while this process's relay fails
// its lease checks (a full disk), the status bar says so, not "relay: ok",
// even though the lease row still names a live holder.
func TestStatusBarSaysTheRelayCannotWrite(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	if ok, err := e.st.AcquireLease(context.Background(), "relay@server", 10*time.Second); err != nil || !ok {
		t.Fatal("lease", err)
	}
	full := errors.New("database or disk is full")
	d := testDeps(e, testConfig())
	d.Relay = newFakeRelay(inbox.RelayState{Checked: true, Held: true, Err: full})
	m := startWith(t, d, 80, 24)
	status := rowsOf(m)[22]
	if strings.Contains(status, "relay: ok") || !strings.Contains(status, "gagal menulis") || !strings.Contains(status, "disk is full") {
		t.Fatalf("status bar while the relay cannot write: %q", status)
	}
}

// TestRenewedLeaseDoesNotFlashNotRunning: at the lease's deadline the frame
// drawn before the lease is read again still says the relay runs; a relay
// that renewed its lease never flashes "tidak aktif", so an idle session
// writes nothing at each deadline.
func TestRenewedLeaseDoesNotFlashNotRunning(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	ctx := context.Background()
	if ok, err := e.st.AcquireLease(ctx, "relay@server", 10*time.Second); err != nil || !ok {
		t.Fatal("lease", err)
	}
	m := newModel(t, e, testConfig())
	if status := rowsOf(m)[22]; !strings.Contains(status, "relay: ok") {
		t.Fatalf("status bar before the deadline: %q", status)
	}
	e.clk.add(5 * time.Second)
	if ok, err := e.st.AcquireLease(ctx, "relay@server", 10*time.Second); err != nil || !ok {
		t.Fatal("renewing the lease", err)
	}
	e.clk.add(6 * time.Second) // past the deadline the screen read first
	next, _ := m.Update(changedMsg{counter: m.counter})
	m = next.(Model)
	if status := rowsOf(m)[22]; strings.Contains(status, "tidak aktif") {
		t.Fatalf("the frame at the deadline says the renewed relay is not running: %q", status)
	}
}

// TestNoEditorOverTheSSHService: a screen built with NoEditor (an SSH
// service session, whose admin has no shell) refuses ctrl+e in words and
// starts no editor, which would be a shell on the server.
func TestNoEditorOverTheSSHService(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m.deps.NoEditor = true
	m = openFirst(t, m)
	m = keys(t, m, "r")
	m = typeText(t, m, "draf")
	next, cmd := m.Update(press("ctrl+e"))
	m = next.(Model)
	if cmd != nil {
		if _, ok := cmd().(editorFileMsg); ok {
			t.Fatal("ctrl+e prepared an editor over the SSH service")
		}
	}
	if s := screenText(m); !strings.Contains(s, "ctrl+e tidak tersedia lewat layanan SSH") || m.composer.value() != "draf" {
		t.Fatalf("ctrl+e over SSH (composer %q):\n%s", m.composer.value(), s)
	}
}

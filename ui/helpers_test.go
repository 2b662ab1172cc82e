package ui

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"sapa/config"
	"sapa/inbox"
	"sapa/store"
	"sapa/workhours"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// wib is the zone the fixed clock runs in, so golden files do not depend on
// the machine's zone.
var wib = time.FixedZone("WIB", 7*3600)

// t0 is the fixed "now" of every test.
var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, wib)

// clock is a settable clock shared by the store and the UI.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is a temp store with accounts, and the clock both share.
type env struct {
	st    *store.Store
	clk   *clock
	accts map[string]int64
	path  string
}

func newEnv(t testing.TB) *env {
	t.Helper()
	return newEnvWith(t, officeHours(t))
}

// newEnvWith is newEnv with response targets d (nil: none, no deadlines).
func newEnvWith(t testing.TB, d store.Deadlines) *env {
	t.Helper()
	clk := &clock{t: t0}
	path := filepath.Join(t.TempDir(), "sapa.db")
	st, err := store.Open(context.Background(), path, store.Options{Now: clk.now, Deadlines: d})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{st: st, clk: clk, accts: map[string]int64{}, path: path}
	e.account(t, "fb-pemkab", inbox.Facebook, inbox.Capabilities{Reply: true, PublicComments: true, MaxLength: 8000, Counting: inbox.CountUTF16})
	e.account(t, "wa-pemkab", inbox.WhatsApp, inbox.Capabilities{Reply: true, DirectMessages: true, MaxLength: 4096, Counting: inbox.CountUTF16, ReplyWindow: 24 * time.Hour})
	e.account(t, "x-pemkab", inbox.X, inbox.Capabilities{Reply: true, PublicComments: true, MaxLength: 280, Counting: inbox.CountXWeighted})
	return e
}

func (e *env) account(t testing.TB, name string, p inbox.Platform, caps inbox.Capabilities) {
	t.Helper()
	id, err := e.st.EnsureAccount(context.Background(), name, p, caps)
	if err != nil {
		t.Fatal(err)
	}
	e.accts[name] = id
}

// units loads the unit tree rows, as `sapa units sync` does.
func (e *env) units(t testing.TB, rows []store.UnitRow) {
	t.Helper()
	if err := e.st.SyncUnits(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
}

// msg ingests one inbound message into a thread of an account.
func (e *env) msg(t testing.TB, acct, thread, title, author, id, text string, at time.Time) {
	t.Helper()
	if err := e.ingest(seedMsg{acct, thread, title, author, id, text, at}); err != nil {
		t.Fatal(err)
	}
}

// seedMsg is one inbound message of a test inbox.
type seedMsg struct {
	acct, thread, title, author, id, text string
	at                                    time.Time
}

// ingest stores inbound messages as the relay would; safe off the test's
// goroutine (it returns the error rather than failing the test).
func (e *env) ingest(msgs ...seedMsg) error {
	for _, s := range msgs {
		kind := inbox.KindComment
		if strings.HasPrefix(s.acct, "wa") {
			kind = inbox.KindDM
		}
		it := inbox.Inbound{
			Thread: inbox.Thread{ExternalKey: s.thread, Kind: kind, Title: s.title},
			Message: inbox.Message{ExternalID: s.id, Direction: inbox.In, Text: s.text, SentAt: s.at,
				Author: inbox.Contact{ExternalID: "u-" + s.author, Name: s.author, Handle: "@" + strings.ToLower(strings.Fields(s.author)[0])}},
		}
		if _, err := e.st.Ingest(context.Background(), e.accts[s.acct], []inbox.Inbound{it}, ""); err != nil {
			return err
		}
	}
	return nil
}

// seedInbox is the small, fixed inbox of seed.
func seedInbox() []seedMsg {
	return []seedMsg{
		{"fb-pemkab", "post1/c1", "Perbaikan jalan Cibadak 2026", "Siti Rahma", "c1",
			"Jalan di depan pasar Cibadak rusak parah, kapan diperbaiki?", t0.Add(-5 * time.Minute)},
		{"wa-pemkab", "6281234", "", "Budi Santoso", "w1",
			"Selamat pagi, saya mau tanya syarat bikin KTP baru.", t0.Add(-3 * time.Hour)},
		{"x-pemkab", "tw1", "", "Andi Wijaya", "x1",
			"@pemkab banjir lagi di Jl. Merdeka, mohon dibantu", t0.Add(-26 * time.Hour)},
		{"fb-pemkab", "post2/c9", "Jadwal vaksinasi", "Dewi Lestari", "c9",
			"Vaksin booster ada di puskesmas mana saja?", t0.Add(-50 * time.Hour)},
		{"fb-pemkab", "post0/c0", "Pembangunan jembatan", "Rudi Hartono", "c0",
			"Kapan jembatan gantung di desa kami selesai dibangun?", t0.Add(-40 * 24 * time.Hour)},
	}
}

// seed fills the store with a small, fixed inbox.
func (e *env) seed(t *testing.T) {
	t.Helper()
	if err := e.ingest(seedInbox()...); err != nil {
		t.Fatal(err)
	}
}

// testConfig is the default configuration in Indonesian.
func testConfig() config.Config {
	cfg := config.Default()
	cfg.Admin.Name = "budi"
	cfg.UI.Language = "id"
	cfg.Keys = map[string]config.KeySpec{}
	cfg.Binds = map[string]string{}
	return cfg
}

// newModel builds a model on the env's store at 80x24, with the watcher off
// and a short debounce, and runs its start-up commands.
func newModel(t testing.TB, e *env, cfg config.Config) Model {
	t.Helper()
	return startWith(t, testDeps(e, cfg), 80, 24)
}

// testDeps are the screen's dependencies for cfg's admin on the env's
// store and clock; a test sets what else it needs (Relay, Seat, …).
func testDeps(e *env, cfg config.Config) Deps {
	return Deps{Store: e.st, Admin: cfg.Admin.Name, Config: cfg, Now: e.clk.now, Ctx: context.Background(), Platforms: testPlatforms()}
}

// startWith builds a model from d with the watcher off and a short
// debounce, runs its start-up commands and gives it a cols×rows window.
func startWith(t testing.TB, d Deps, cols, rows int) Model {
	t.Helper()
	m := New(d)
	m.noWatch = true
	m.batch = time.Millisecond
	m.restAfter = time.Millisecond
	m = run(t, m, m.Init())
	return send(t, m, tea.WindowSizeMsg{Width: cols, Height: rows})
}

// send feeds one message to the model and runs the commands that follow.
func send(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	next, cmd := m.Update(msg)
	return run(t, next.(Model), cmd)
}

// run executes cmd synchronously, flattening batches and sequences, and
// feeds every resulting message back, until no command is left. Quit and
// $EDITOR are not run.
func run(t testing.TB, m Model, cmd tea.Cmd) Model {
	t.Helper()
	return runUntil(t, m, cmd, nil)
}

// runUntil is run that looks at the model after every message it feeds
// back, and stops as soon as stop reports true (nil: never).
func runUntil(t testing.TB, m Model, cmd tea.Cmd, stop func(Model) bool) Model {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			t.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if msg == nil {
			continue
		}
		if _, ok := msg.(tea.QuitMsg); ok {
			quits[t.Name()] = true
			continue
		}
		if b, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, b...)
			continue
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := 0; i < v.Len(); i++ {
				queue = append(queue, v.Index(i).Interface().(tea.Cmd))
			}
			continue
		}
		if reflect.TypeOf(msg).String() == "tea.execMsg" {
			continue
		}
		next, more := m.Update(msg)
		m = next.(Model)
		queue = append(queue, more)
		if stop != nil && stop(m) {
			break
		}
	}
	return m
}

// quits records which tests saw tea.Quit.
var quits = map[string]bool{}

// keys sends key presses named as in config ("j", "enter", "ctrl+s", "G").
func keys(t testing.TB, m Model, names ...string) Model {
	t.Helper()
	for _, n := range names {
		m = send(t, m, press(n))
	}
	return m
}

// typeText types text one character at a time ('\n' is enter).
func typeText(t *testing.T, m Model, text string) Model {
	t.Helper()
	for _, r := range text {
		if r == '\n' {
			m = send(t, m, press("enter"))
			continue
		}
		m = send(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// key builds the key press a terminal would send for a key name.
func press(name string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"space": tea.KeySpace,
	}
	var mod tea.KeyMod
	base := name
	for _, p := range []struct {
		prefix string
		mod    tea.KeyMod
	}{{"ctrl+", tea.ModCtrl}, {"alt+", tea.ModAlt}, {"shift+", tea.ModShift}} {
		if strings.HasPrefix(base, p.prefix) {
			mod |= p.mod
			base = strings.TrimPrefix(base, p.prefix)
		}
	}
	if r, ok := special[base]; ok {
		k := tea.KeyPressMsg{Code: r, Mod: mod}
		if r == tea.KeySpace && mod == 0 {
			k.Text = " "
		}
		return k
	}
	r, _ := utf8.DecodeRuneInString(base)
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	return tea.KeyPressMsg{Code: r, Text: base}
}

// screenText is the view with ANSI sequences removed.
func screenText(m Model) string { return ansi.Strip(m.View().Content) }

// golden compares got with testdata/<name>.golden, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file:\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

// rowsOf returns the screen's rows.
func rowsOf(m Model) []string { return strings.Split(screenText(m), "\n") }

// checkFrame asserts the screen is exactly the terminal's size.
func checkFrame(t *testing.T, m Model) {
	t.Helper()
	rows := rowsOf(m)
	if len(rows) != m.height {
		t.Fatalf("screen has %d rows, want %d:\n%s", len(rows), m.height, screenText(m))
	}
	for i, r := range rows {
		if w := ansi.StringWidth(r); w != m.width {
			t.Fatalf("row %d is %d cells wide, want %d: %q", i, w, m.width, r)
		}
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func splitLines(s string) []string { return strings.Split(s, "\n") }

func pasteMsg(s string) tea.PasteMsg { return tea.PasteMsg{Content: s} }

func ansiStrip(s string) string { return ansi.Strip(s) }

func storeChangeDone() inbox.Change { return inbox.Change{Status: inbox.StatusDone} }

// seedManyExtra adds three newer conversations at the top of the list.
func seedManyExtra(t *testing.T, e *env) {
	t.Helper()
	for i := 0; i < 3; i++ {
		e.msg(t, "fb-pemkab", fmt.Sprintf("new%d", i), "", fmt.Sprintf("Baru %d", i), fmt.Sprintf("n%d", i), "baru", t0.Add(time.Duration(i+1)*time.Second))
	}
}

// testDeadlines are the default response targets in an office open Monday
// to Friday, 08:00–16:00 WIB, without holidays.
type testDeadlines struct{ cal *workhours.Calendar }

func officeHours(t testing.TB) testDeadlines {
	t.Helper()
	days := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	cal, err := workhours.New(wib, days, workhours.Hours{Start: 8 * time.Hour, End: 16 * time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return testDeadlines{cal}
}

func (d testDeadlines) Due(p int, pl inbox.Platform, since time.Time, answered bool) (time.Time, bool) {
	return workhours.Due(d.cal, workhours.DefaultTargets, workhours.Waiting{Priority: p, Platform: string(pl), Since: since, Answered: answered})
}

func (d testDeadlines) Policy() string { return "test" }

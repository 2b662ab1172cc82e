package main

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"sapa/config"
	"sapa/inbox"
	"sapa/relay"
	"sapa/store"
	"sapa/ui"
)

// session runs a screen as bubbletea would, inside a synctest bubble: each
// command in its own goroutine, each message back through Update. It counts
// both, so a test sees any wake-up of an idle session: a timer firing, a
// store query returning, a watcher waking all come back as a message.
type session struct {
	m       tea.Model
	msgs    chan tea.Msg
	cmds    int // commands started
	updates int // messages delivered to Update
	end     func()
}

func newSession(m tea.Model, w, h int) *session {
	s := &session{m: m, msgs: make(chan tea.Msg, 1024)}
	s.exec(m.Init())
	s.deliver(tea.WindowSizeMsg{Width: w, Height: h})
	return s
}

func (s *session) exec(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	s.cmds++
	go func() { s.msgs <- cmd() }()
}

// deliver hands msg to the model, unpacking batches and sequences.
func (s *session) deliver(msg tea.Msg) {
	if msg == nil {
		return
	}
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			s.exec(c)
		}
		return
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		for i := range v.Len() { // a sequence: run in order in one goroutine
			c := v.Index(i).Interface().(tea.Cmd)
			if c != nil {
				s.cmds++
				s.msgs <- c()
			}
		}
		return
	}
	s.updates++
	next, cmd := s.m.Update(msg)
	s.m = next
	s.exec(cmd)
}

// run lets the bubble's clock go on for d, delivering what arrives.
func (s *session) run(d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); {
		time.Sleep(50 * time.Millisecond)
		s.drain()
	}
}

// drain delivers every message that has arrived once the bubble is idle.
func (s *session) drain() {
	for {
		synctest.Wait()
		select {
		case msg := <-s.msgs:
			s.deliver(msg)
		default:
			return
		}
	}
}

// statusBar is the screen's status row, without styling.
func (s *session) statusBar() string {
	rows := strings.Split(ansi.Strip(s.m.View().Content), "\n")
	return rows[len(rows)-2]
}

// inProcessService opens a store with a few conversations and starts a
// relay (lease 3 s) on its own handle of it, as `sapa serve` runs one
// beside its sessions; stop ends the relay.
func inProcessService(t *testing.T) (st, relaySt *store.Store, rl *relay.Relay, stop func()) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sapa.db")
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	acc, err := st.EnsureAccount(ctx, "tg", inbox.Telegram, inbox.Capabilities{Reply: true, DirectMessages: true, MaxLength: 4096})
	if err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"Siti", "Budi", "Andi"} {
		it := inbox.Inbound{Thread: inbox.Thread{ExternalKey: who, Kind: inbox.KindDM},
			Message: inbox.Message{ExternalID: who + "-1", Direction: inbox.In, Text: "halo dari " + who,
				SentAt: time.Now().Add(-time.Hour), Author: inbox.Contact{ExternalID: who, Name: who}}}
		if _, err := st.Ingest(ctx, acc, []inbox.Inbound{it}, ""); err != nil {
			t.Fatal(err)
		}
	}
	if relaySt, err = store.Open(ctx, path, store.Options{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { relaySt.Close() })
	rl = relay.New(relaySt, nil, relay.Options{Holder: "serve", LeaseTTL: 3 * time.Second})
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); rl.Run(rctx) }()
	return st, relaySt, rl, func() { cancel(); <-done }
}

// screenOf builds a session's screen as the SSH service does, following rl.
func screenOf(t *testing.T, st ui.Store, rl ui.Relay) *session {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cfg := config.Default()
	cfg.Admin.Name, cfg.UI.Language = "budi", "en"
	s := newSession(ui.New(ui.Deps{Store: st, Admin: "budi", Config: cfg, Ctx: ctx, Relay: rl}), 80, 24)
	s.end = cancel
	s.run(2 * time.Second) // start-up: list, status, the kept screen saved
	return s
}

// servedScreen is one session's screen on an in-process service, started
// and saying the relay is fine; finish(s, stop) ends both.
func servedScreen(t *testing.T) (s *session, relaySt *store.Store, rl *relay.Relay, stop func()) {
	t.Helper()
	st, relaySt, rl, stop := inProcessService(t)
	s = screenOf(t, st, rl)
	if bar := s.statusBar(); !strings.Contains(bar, "relay: ok") {
		finish(s, stop)
		t.Fatalf("status bar after start-up: %q", bar)
	}
	return s, relaySt, rl, stop
}

// finish ends the session and the relay, then lets the bubble's clock run
// out every timer left (the screen's next-midnight redraw, the change
// poller's grace), so every goroutine of the bubble has ended.
func finish(s *session, stopRelay func()) {
	s.end()
	stopRelay()
	time.Sleep(25 * time.Hour)
	synctest.Wait()
}

// TestIdleSessionMakesNoQueryAndNoWake: a session of the SSH service, idle
// for several lease periods (the relay renews its lease every second, and
// its housekeeping pass runs), gets not one message: no lease deadline, no
// status reload, no store query, no timer.
func TestIdleSessionMakesNoQueryAndNoWake(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, _, _, stop := servedScreen(t)
		defer finish(s, stop)
		cmds, updates := s.cmds, s.updates
		// Past the lease's deadline as first read, 20 renewals, one
		// housekeeping pass (every 15 s).
		time.Sleep(20 * time.Second)
		synctest.Wait()
		if n := len(s.msgs); n > 0 || s.cmds != cmds {
			t.Fatalf("an idle session woke: %d messages waiting, %d commands started", n, s.cmds-cmds)
		}
		s.drain()
		if s.updates != updates {
			t.Fatalf("an idle session got %d messages", s.updates-updates)
		}
		if bar := s.statusBar(); !strings.Contains(bar, "relay: ok") {
			t.Fatalf("status bar after 20 s idle: %q", bar)
		}
	})
}

// TestLostLeaseReachesTheStatusBarInProcess: when this process's relay can
// no longer renew its lease (its writes fail, as on a full disk) the idle
// session's status bar says so, told by the relay itself: the session has
// no timer of its own that would find it.
func TestLostLeaseReachesTheStatusBarInProcess(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, relaySt, rl, stop := servedScreen(t)
		defer finish(s, stop)
		relaySt.Close() // the relay's lease checks fail from now on
		s.run(5 * time.Second)
		if bar := s.statusBar(); !strings.Contains(bar, "relay: cannot write to the store") {
			t.Fatalf("status bar after the relay lost its lease: %q", bar)
		}
		if state, _ := rl.State(); state.Held {
			t.Fatalf("the relay still holds its lease after its deadline: %+v", state)
		}
	})
}

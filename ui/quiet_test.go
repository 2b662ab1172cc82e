package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// Things the screen leaves alone so that a slow link carries no bytes for
// them: the relay's state before it is known, and the low-bandwidth
// composer's counter far from the limit.

// TestRelayStateHiddenUntilFirstStatusLoad: a frame drawn before the lease
// has been read says nothing about the relay (it used to say "tidak aktif"
// and redraw a moment later); once read, the state shows either way.
func TestRelayStateHiddenUntilFirstStatusLoad(t *testing.T) {
	for _, held := range []bool{false, true} {
		e := newEnv(t)
		e.seed(t)
		if held {
			if ok, err := e.st.AcquireLease(context.Background(), "relay@server", 10*time.Second); err != nil || !ok {
				t.Fatal("lease", ok, err)
			}
		}
		cfg := testConfig()
		m := New(Deps{Store: e.st, Admin: cfg.Admin.Name, Config: cfg, Now: e.clk.now, Ctx: context.Background(), Platforms: testPlatforms()})
		m.noWatch = true
		// The window size arrives before Init's commands have answered.
		m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
		bar := rowsOf(m)[22]
		if !strings.Contains(bar, "budi") || strings.Contains(bar, "relay") {
			t.Fatalf("before the first status load the status bar is %q; want the admin and nothing about the relay", bar)
		}
		checkFrame(t, m)

		m = run(t, m, m.Init())
		want := "relay: tidak aktif"
		if held {
			want = "relay: ok"
		}
		if bar := rowsOf(m)[22]; !strings.Contains(bar, want) {
			t.Fatalf("after the first status load (lease held: %v) the status bar is %q; want %q", held, bar, want)
		}
		checkFrame(t, m)
	}
}

// TestStatusWaitsForTheSessionsLeaseCheck: with a relay in the same process,
// the status load reads the lease only after that relay's first check, so it
// finds the lease the relay just took instead of an empty row; a relay that
// never checks delays it only by the wait.
func TestStatusWaitsForTheSessionsLeaseCheck(t *testing.T) {
	e := newEnv(t)
	rl := newFakeRelay(inbox.RelayState{})
	got := runAsync(statusCmd(context.Background(), e.st, rl, time.Minute))
	select {
	case msg := <-got:
		t.Fatalf("the status loaded before the relay's first lease check: %#v", msg)
	case <-time.After(100 * time.Millisecond):
	}
	if ok, err := e.st.AcquireLease(context.Background(), "sapa@server:42", 10*time.Second); err != nil || !ok {
		t.Fatal("lease", ok, err)
	}
	rl.set(inbox.RelayState{Checked: true, Held: true})
	select {
	case msg := <-got:
		if s := msg.(statusLoadedMsg); s.err != nil || s.holder != "sapa@server:42" {
			t.Fatalf("status after the check: holder %q, err %v", s.holder, s.err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the status did not load after the relay's first lease check")
	}

	never := newFakeRelay(inbox.RelayState{})
	select {
	case msg := <-runAsync(statusCmd(context.Background(), e.st, never, 50*time.Millisecond)):
		if s := msg.(statusLoadedMsg); s.err != nil || s.holder != "sapa@server:42" {
			t.Fatalf("status after the wait: holder %q, err %v", s.holder, s.err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the status waited past its bound for a relay that never checked")
	}

	// Through the model: once the relay has checked, Init's load shows it.
	never.set(inbox.RelayState{Checked: true, Held: true})
	d := testDeps(e, testConfig())
	d.Relay = never
	m := startWith(t, d, 80, 24)
	if bar := rowsOf(m)[22]; !strings.Contains(bar, "relay: ok") {
		t.Fatalf("status bar %q; want relay: ok", bar)
	}
}

// TestRelayStateHiddenWhileStatusFails: a first status load that fails
// shows its error, not a guess about the relay.
func TestRelayStateHiddenWhileStatusFails(t *testing.T) {
	e := newEnv(t)
	m := newModel(t, e, testConfig())
	fresh := statusModel{c: m.c}
	fresh.set(statusLoadedMsg{err: context.DeadlineExceeded})
	if bar := ansiStrip(fresh.View(80)); strings.Contains(bar, "relay") {
		t.Fatalf("status bar after a failed first load: %q", bar)
	}
}

// TestLowBandwidthCounterOnlyNearTheLimit: in the low-bandwidth look the
// counter is blank until the text is within 10 % of the limit (here 90 of
// 100), then shows, and is marked over it; the row around it does not move.
// The default look counts from the first character.
func TestLowBandwidthCounterOnlyNearTheLimit(t *testing.T) {
	caps := inbox.Capabilities{Reply: true, MaxLength: 100, Counting: inbox.CountRunes}
	info := func(c composerModel) string { return strings.SplitN(c.View(), "\n", 2)[0] }

	low := newComposer(testCommon(true))
	low.SetSize(80)
	var far string
	for _, n := range []int{0, 1, 50, 89} {
		low.load(1, caps, time.Time{}, strings.Repeat("a", n))
		row := info(low)
		if strings.Contains(row, "/100") {
			t.Fatalf("low-bandwidth counter shown at %d of 100: %q", n, row)
		}
		if far != "" && row != far {
			t.Fatalf("the info row changed with the text far from the limit:\n%q\n%q", far, row)
		}
		far = row
	}
	for n, want := range map[int]string{90: " 90/100 ", 100: " 100/100 ", 101: " ! 101/100 "} {
		low.load(1, caps, time.Time{}, strings.Repeat("a", n))
		row := info(low)
		if !strings.Contains(row, want) {
			t.Fatalf("low-bandwidth counter at %d of 100: %q; want %q", n, row, want)
		}
		if len(row) != len(far) || row[:len(row)-12] != far[:len(far)-12] {
			t.Fatalf("the counter moved the rest of the row:\n%q\n%q", far, row)
		}
	}
	// Without a limit there is nothing to be near.
	low.load(1, inbox.Capabilities{Reply: true}, time.Time{}, strings.Repeat("a", 5000))
	if row := info(low); strings.Contains(row, "5000") {
		t.Fatalf("low-bandwidth counter without a limit: %q", row)
	}

	def := newComposer(testCommon(false))
	def.SetSize(80)
	def.load(1, caps, time.Time{}, "a")
	if row := ansiStrip(info(def)); !strings.Contains(row, " 1/100 ") {
		t.Fatalf("default-look counter at 1 of 100: %q", row)
	}
	def.load(1, inbox.Capabilities{Reply: true}, time.Time{}, "abcde")
	if row := ansiStrip(info(def)); !strings.HasSuffix(row, " 5 ") {
		t.Fatalf("default-look counter without a limit: %q", row)
	}
}

// TestLowBandwidthTypingLeavesTheInfoRow: typing a reply in the
// low-bandwidth look redraws only the text, not the composer's info row.
func TestLowBandwidthTypingLeavesTheInfoRow(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	cfg := testConfig()
	cfg.UI.LowBandwidth = true
	m := newModel(t, e, cfg)
	m = keys(t, m, "enter", "r")
	infoRow := func(m Model) string {
		rows := rowsOf(m)
		return rows[m.thread.height]
	}
	before := infoRow(m)
	if !strings.Contains(before, "ctrl+s") {
		t.Fatalf("row %d is not the composer's info row: %q\n%s", m.thread.height, before, screenText(m))
	}
	m = typeText(t, m, "Baik pak, segera kami cek.")
	if after := infoRow(m); after != before {
		t.Fatalf("typing changed the info row:\n%q\n%q", before, after)
	}
	if !strings.Contains(screenText(m), "Baik pak, segera kami cek.") {
		t.Fatalf("typed text not shown:\n%s", screenText(m))
	}
}

// TestCounterCatchesUpWhenTypingRests: in the default look the counter
// holds its value while keys change the text (each key would otherwise move
// the cursor to it and back) and shows the length once the last key's rest
// message arrives; an older key's rest changes nothing. Near the limit it
// follows every key.
func TestCounterCatchesUpWhenTypingRests(t *testing.T) {
	caps := inbox.Capabilities{Reply: true, MaxLength: 100, Counting: inbox.CountRunes}
	info := func(c composerModel) string { return ansiStrip(strings.SplitN(c.View(), "\n", 2)[0]) }
	c := newComposer(testCommon(false))
	c.SetSize(80)
	c.load(1, caps, time.Time{}, "halo")
	c.Focus()
	start := info(c)
	if !strings.Contains(start, " 4/100 ") {
		t.Fatalf("counter after load: %q", start)
	}
	var gens []int
	for _, r := range "pak" {
		c, _ = c.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		gens = append(gens, c.restGen)
		if row := info(c); row != start {
			t.Fatalf("the info row changed while typing:\n%q\n%q", start, row)
		}
	}
	c.rested(gens[0])
	if row := info(c); row != start {
		t.Fatalf("the rest of an earlier key changed the counter: %q", row)
	}
	c.rested(gens[2])
	if row := info(c); !strings.Contains(row, " 7/100 ") {
		t.Fatalf("counter after typing rested: %q", row)
	}
	c.load(1, caps, time.Time{}, strings.Repeat("a", 89))
	c, _ = c.Update(tea.KeyPressMsg{Code: 'b', Text: "b"})
	if row := info(c); !strings.Contains(row, " 90/100 ") {
		t.Fatalf("counter near the limit while typing: %q", row)
	}
}

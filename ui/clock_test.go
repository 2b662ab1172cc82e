package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/store"
)

// A draft's reply-window note shows when the window closes, as a clock time;
// the model arms one redraw for the moment it closes, so the note turns
// into the refusal on an idle screen without any tick before it.
func TestReplyWindowNoteRedrawsWhenTheWindowCloses(t *testing.T) {
	e := newEnv(t)
	e.msg(t, "wa-pemkab", "6281288", "", "Euis Komariah", "w8", "Kapan posyandu buka?", t0.Add(-23*time.Hour))
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, "r")
	m = typeText(t, m, "Setiap Selasa.")
	if s := screenText(m); !strings.Contains(s, "batas waktu balas sampai 11:00") {
		t.Fatalf("note does not say when the window closes:\n%s", s)
	}
	m.noWatch = false
	m.armWake()
	end := t0.Add(time.Hour)
	if !m.wakeAt.After(end) || m.wakeAt.After(end.Add(time.Second)) {
		t.Fatalf("redraw armed for %v, want just after the window closes at %v", m.wakeAt, end)
	}
	idle := screenText(m)
	e.clk.add(time.Hour)
	if screenText(m) != idle {
		t.Fatal("the note changed before the armed moment")
	}
	e.clk.add(time.Second)
	m.noWatch = true
	m = send(t, m, wakeMsg{gen: m.wakeGen})
	if s := screenText(m); !strings.Contains(s, "batas waktu balas sudah lewat") {
		t.Fatalf("after the window closed the note still offers a reply:\n%s", s)
	}
}

// The Indonesian strings read as an admin in Bogor writes them.
func TestIndonesianWording(t *testing.T) {
	id := localeTables()["id"]
	for k, v := range id {
		low := strings.ToLower(v)
		for _, bad := range []string{"antri", "(y/n)", "sebutan", "kirim tetap", "jendela"} {
			if strings.Contains(low, bad) {
				t.Errorf("id %s = %q uses %q", k, v, bad)
			}
		}
		if strings.HasSuffix(low, "sebelum") {
			t.Errorf("id %s = %q: say \"sebelumnya\"", k, v)
		}
	}
	for k, want := range map[string]string{
		"confirm.send_anyway": "Tetap kirim? (y/t)", "delivery.queued": "antre",
		"key.prev_view": "tampilan sebelumnya", "kind.mention": "Mention",
	} {
		if id[k] != want {
			t.Errorf("id %s = %q, want %q", k, id[k], want)
		}
	}
}

// With no account the screen says so and how to start, instead of
// "relay: ok" over an empty inbox.
func TestNoAccountsPointsToDemoAndDoctor(t *testing.T) {
	e := newEnv(t)
	e.accts = nil
	m := New(Deps{Store: emptyStore(t), Admin: "budi", Config: testConfig(), Now: e.clk.now})
	m.noWatch = true
	m = run(t, m, m.Init())
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	s := screenText(m)
	for _, want := range []string{"Belum ada akun", "sapa demo", "sapa doctor"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "relay: ok") {
		t.Errorf("an inbox with no account says relay: ok:\n%s", s)
	}
	checkFrame(t, m)
}

// emptyStore is a fresh store with no account at all.
func emptyStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "empty.db"), store.Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/store"
)

// approverModel is the screen of a registered admin, through the scoped
// store as sapa serve builds it.
func approverModel(t *testing.T, e *env, a inbox.Admin) Model {
	t.Helper()
	sc, err := e.st.Scope(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.Admin.Name = a.Name
	d := testDeps(e, cfg)
	d.Store = e.st.As(sc)
	return startWith(t, d, 80, 24)
}

func TestReplyWaitsForTheSupervisorWhoEditsAndApproves(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.units(t, []store.UnitRow{
		{Code: "32.01", Parent: "32", Level: "kabupaten", Name: "Kabupaten Bogor"},
		{Code: "32.01.05", Parent: "32.01", Level: "kecamatan", Name: "Babakan Madang"},
		{Code: "32.01.05.2001", Parent: "32.01.05", Level: "desa", Name: "Cijayanti"},
	})
	e.st.SetAccountUnit(ctx, e.accts["wa-pemkab"], "32.01.05.2001")
	e.msg(t, "wa-pemkab", "6281234", "", "Budi Santoso", "w1", "Pak, bantuan sembako kapan dibagi?", t0.Add(-time.Hour))
	dewi := inbox.Admin{Name: "dewi", Unit: "32.01.05.2001", Role: inbox.Operator, NeedsApproval: true}
	camat := inbox.Admin{Name: "camat", Unit: "32.01.05", Role: inbox.Supervisor}
	for _, a := range []inbox.Admin{dewi, camat} {
		if err := e.st.AddAdmin(ctx, "root", a); err != nil {
			t.Fatal(err)
		}
	}

	m := approverModel(t, e, dewi)
	m = keys(t, m, "enter", "r")
	m = typeText(t, m, "Minggu depan Pak")
	m = keys(t, m, "ctrl+s")
	screen := screenText(m)
	if !strings.Contains(screen, "menunggu persetujuan atasan") || !strings.Contains(screen, "dewi") {
		t.Fatalf("the author's screen after sending:\n%s", screen)
	}
	if c, _ := e.st.OutboxCounts(ctx); len(c) != 0 {
		t.Fatalf("a reply needing approval reached the outbox: %v", c)
	}

	s := approverModel(t, e, camat)
	s = keys(t, s, "A")
	screen = screenText(s)
	if !strings.Contains(screen, "persetujuan") || !strings.Contains(screen, "Budi Santoso") {
		t.Fatalf("camat's approvals view:\n%s", screen)
	}
	s = keys(t, s, "enter")
	// The bottom row names the keys that decide the waiting reply.
	if rows := rowsOf(s); !strings.Contains(rows[len(rows)-1], "Y setujui") || !strings.Contains(rows[len(rows)-1], "e sunting") ||
		!strings.Contains(rows[len(rows)-1], "N tolak") {
		t.Fatalf("the approval thread's bottom row: %q", rows[len(rows)-1])
	}
	s = keys(t, s, "e")
	if !s.prompt.active() || string(s.prompt.input) != "Minggu depan Pak" {
		t.Fatalf("edit prompt holds %q", string(s.prompt.input))
	}
	s = typeText(t, s, ", Senin 8 Desember di kantor desa.\n")
	if !strings.Contains(screenText(s), "balasan disetujui") {
		t.Fatalf("camat's screen after approving:\n%s", screenText(s))
	}
	claims, _ := e.st.ClaimDue(ctx, "", nil, 5)
	if len(claims) != 1 || claims[0].Reply.Text != "Minggu depan Pak, Senin 8 Desember di kantor desa." {
		t.Fatalf("queued after approval: %+v", claims)
	}
}

// TestRejectWithNothingWaitingSaysSoAtOnce: N in a conversation holding no
// reply that waits for approval says so, as Y and e do, instead of asking
// for a note and refusing it after.
func TestRejectWithNothingWaitingSaysSoAtOnce(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "enter", "N")
	if m.prompt.active() || !strings.Contains(screenText(m), "tidak ada balasan yang menunggu persetujuan") {
		t.Fatalf("N with nothing waiting: prompt %v:\n%s", m.prompt.active(), screenText(m))
	}
}

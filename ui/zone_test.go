package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// On a server whose clock runs in UTC the screen still shows the office's
// clock (Deps.Location, from [hours] timezone): message times, deadlines
// and the thread's stamps in WIB, not seven hours early.
func TestScreenShowsTheOfficeZoneOnAUTCServer(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	cfg := testConfig()
	utc := func() time.Time { return e.clk.now().UTC() }
	m := New(Deps{Store: e.st, Admin: cfg.Admin.Name, Config: cfg, Now: utc, Location: wib, Ctx: t.Context(), Platforms: testPlatforms()})
	m.noWatch = true
	m.batch = time.Millisecond
	m.restAfter = time.Millisecond
	m = run(t, m, m.Init())
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	for name, want := range map[string][]string{
		"Siti Rahma":   {" 09:55 ", " →Sen 09:55 "}, // 02:55 UTC
		"Budi Santoso": {" 07:00 ", " →16:00 "},     // 00:00 UTC, due 09:00 UTC
	} {
		row := rowOf(t, m, name)
		for _, w := range want {
			if !strings.Contains(row, w) {
				t.Errorf("%s's row lacks %q: %q", name, w, row)
			}
		}
	}
	m = keys(t, m, "enter") // Siti Rahma's, the newest
	if s := screenText(m); !strings.Contains(s, "09:55") || strings.Contains(s, "02:55") {
		t.Errorf("the thread does not stamp in WIB:\n%s", s)
	}
}

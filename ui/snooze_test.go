package ui

import (
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

func TestParseWhen(t *testing.T) {
	now := t0 // Friday 20 Nov 2026, 10:00 WIB
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, wib) }
	for in, want := range map[string]time.Time{
		"2h":         now.Add(48 * time.Hour), // hari, as the screen says it
		"30m":        now.Add(30 * time.Minute),
		"1j30m":      now.Add(90 * time.Minute),
		"3hari":      now.Add(72 * time.Hour),
		"2j":         now.Add(2 * time.Hour),
		"2 jam":      now.Add(2 * time.Hour),
		"besok":      at(21, 8, 0),
		"Tomorrow":   at(21, 8, 0),
		"lusa":       at(22, 8, 0),
		"16:00":      at(20, 16, 0),
		"09:30":      at(21, 9, 30),
		"2026-11-25": at(25, 8, 0),
		"25/11":      at(25, 8, 0),
		"25/11/2026": at(25, 8, 0),
		"1/1":        time.Date(2027, 1, 1, 8, 0, 0, 0, wib),
	} {
		got, err := parseWhen(in, now, newLocale("id"))
		if err != nil || !got.Equal(want) {
			t.Errorf("%q: %v %v, want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "kapan", "2x", "0m", "2026-11-19", "-3h", "25/13"} {
		if got, err := parseWhen(bad, now, newLocale("id")); err == nil {
			t.Errorf("%q parsed as %v", bad, got)
		}
	}
}

// One unit vocabulary: the letters the snooze prompt reads are the ones the
// screen writes in that language, so "2h" is two days in Indonesian (hari)
// and two hours in English.
func TestSnoozeUnitsFollowTheLanguage(t *testing.T) {
	cases := []struct {
		lang, in string
		want     time.Duration
	}{
		{"id", "2h", 48 * time.Hour}, {"id", "2j", 2 * time.Hour}, {"id", "45m", 45 * time.Minute},
		{"id", "2 jam", 2 * time.Hour}, {"id", "1h2j", 26 * time.Hour},
		{"en", "2h", 2 * time.Hour}, {"en", "2d", 48 * time.Hour}, {"en", "45m", 45 * time.Minute},
		{"en", "3 hours", 3 * time.Hour}, {"en", "1d2h", 26 * time.Hour},
	}
	for _, tc := range cases {
		got, err := parseWhen(tc.in, t0, newLocale(tc.lang))
		if err != nil || got.Sub(t0) != tc.want {
			t.Errorf("%s %q: %v %v, want +%v", tc.lang, tc.in, got.Sub(t0), err, tc.want)
		}
	}
	for _, tc := range []struct{ lang, in string }{{"id", "2d"}, {"en", "2j"}} {
		if got, err := parseWhen(tc.in, t0, newLocale(tc.lang)); err != nil || got.Sub(t0) != 48*time.Hour && got.Sub(t0) != 2*time.Hour {
			t.Errorf("%s %q: %v %v", tc.lang, tc.in, got, err)
		}
	}
}

// The snooze prompt shows the time it read before enter applies it.
func TestSnoozePromptShowsTheParsedTime(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "z")
	m = typeText(t, m, "2j")
	last := rowsOf(m)[23]
	if !strings.Contains(last, "2j  → 12:00") {
		t.Fatalf("snooze prompt does not show the parsed time: %q", last)
	}
	m = typeText(t, m, "x")
	if last := rowsOf(m)[23]; !strings.Contains(last, "→ ?") {
		t.Fatalf("unreadable input shows no question: %q", last)
	}
	m = keys(t, m, "backspace", "backspace", "backspace")
	m = typeText(t, m, "besok")
	if last := rowsOf(m)[23]; !strings.Contains(last, "→ 21 Nov 08:00") {
		t.Fatalf("besok: %q", last)
	}
	m = keys(t, m, "enter")
	if c, _ := m.list.selected(); c.Status != inbox.StatusSnoozed && !strings.Contains(screenText(m), "21 Nov 08:00") {
		t.Fatalf("snooze not applied:\n%s", screenText(m))
	}
}

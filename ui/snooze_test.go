package ui

import (
	"testing"
	"time"
)

func TestParseWhen(t *testing.T) {
	now := t0 // Friday 20 Nov 2026, 10:00 WIB
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, wib) }
	for in, want := range map[string]time.Time{
		"2h":         now.Add(2 * time.Hour),
		"30m":        now.Add(30 * time.Minute),
		"1h30m":      now.Add(90 * time.Minute),
		"3d":         now.Add(72 * time.Hour),
		"2j":         now.Add(2 * time.Hour),
		"2 jam":      now.Add(2 * time.Hour),
		"3hari":      now.Add(72 * time.Hour),
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
		got, err := parseWhen(in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("%q: %v %v, want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "kapan", "2x", "0m", "2026-11-19", "-3h", "25/13"} {
		if got, err := parseWhen(bad, now); err == nil {
			t.Errorf("%q parsed as %v", bad, got)
		}
	}
}

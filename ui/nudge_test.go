package ui

import (
	"testing"
	"time"

	"sapa/inbox"
)

// TestNudgeTextIsLocalized: the nudge an admin reads by Telegram or email
// comes from the locale tables, in the screen's language, with the deadline
// on the office's clock whatever zone the server runs in.
func TestNudgeTextIsLocalized(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	due := time.Date(2026, 8, 17, 2, 30, 0, 0, time.UTC) // 09:30 WIB
	sum := inbox.NudgeSummary{Admin: "siti", Count: 1200, ID: 42, Title: "Jalan rusak\x1b[2J di Cibinong", Due: due}
	for lang, want := range map[string]string{
		"id": "Sapa: 1.200 percakapan menunggu di unit Anda. Paling mendesak: #42 Jalan rusak di Cibinong, tenggat 17 Agu 09:30.",
		"en": "Sapa: 1,200 conversation(s) waiting in your unit. Most urgent: #42 Jalan rusak di Cibinong, due 17 Aug 09:30.",
	} {
		if got := NudgeText(lang, wib)(sum); got != want {
			t.Errorf("%s:\n got %q\nwant %q", lang, got, want)
		}
	}
	if got, want := NudgeText("id", wib)(inbox.NudgeSummary{Count: 1, ID: 7}), "Sapa: 1 percakapan menunggu di unit Anda. Paling mendesak: #7."; got != want {
		t.Errorf("without title or deadline:\n got %q\nwant %q", got, want)
	}
}

package ui

import (
	"fmt"
	"time"

	"sapa/inbox"
	"sapa/sanitize"
)

// NudgeText words the nudge an opted-in admin reads by Telegram or email, in
// the language the screen uses (lang, as config.Language picks it), with the
// deadline on the office's clock (zone), as the list shows deadlines.
func NudgeText(lang string, zone *time.Location) func(inbox.NudgeSummary) string {
	l := newLocale(lang)
	return func(s inbox.NudgeSummary) string {
		top := fmt.Sprintf("#%d", s.ID)
		if title := sanitize.Line(s.Title); title != "" {
			top += " " + title
		}
		text := l.F("nudge.waiting", l.number(s.Count)) + " " + l.F("nudge.urgent", top)
		if !s.Due.IsZero() {
			d := s.Due.In(zone)
			text += l.F("nudge.due", fmt.Sprintf("%d %s %s", d.Day(), l.month(d.Month()), d.Format("15:04")))
		}
		return text + "."
	}
}

// localeNudgeID are the Indonesian words of a nudge.
func localeNudgeID() map[string]string {
	return map[string]string{
		"nudge.waiting": "Sapa: %s percakapan menunggu di unit Anda.",
		"nudge.urgent":  "Paling mendesak: %s",
		"nudge.due":     ", tenggat %s",
	}
}

// localeNudgeEN are the English words of a nudge.
func localeNudgeEN() map[string]string {
	return map[string]string{
		"nudge.waiting": "Sapa: %s conversation(s) waiting in your unit.",
		"nudge.urgent":  "Most urgent: %s",
		"nudge.due":     ", due %s",
	}
}

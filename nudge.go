package main

import (
	"fmt"
	"strings"

	"sapa/store"
)

// nudgeText words a nudge in the office's language (lang: "id…" or "en…").
func nudgeText(lang string) func(store.NudgeSummary) string {
	id := !strings.HasPrefix(strings.ToLower(lang), "en")
	return func(s store.NudgeSummary) string {
		var b strings.Builder
		if id {
			fmt.Fprintf(&b, "Sapa: %d percakapan menunggu di unit Anda.", s.Count)
			if s.Title != "" {
				fmt.Fprintf(&b, " Paling mendesak: #%d %s", s.ID, s.Title)
			} else {
				fmt.Fprintf(&b, " Paling mendesak: #%d", s.ID)
			}
			if !s.Due.IsZero() {
				fmt.Fprintf(&b, ", tenggat %s", s.Due.Local().Format("02/01 15:04"))
			}
			return b.String() + "."
		}
		fmt.Fprintf(&b, "Sapa: %d conversation(s) waiting in your unit.", s.Count)
		fmt.Fprintf(&b, " Most urgent: #%d", s.ID)
		if s.Title != "" {
			b.WriteString(" " + s.Title)
		}
		if !s.Due.IsZero() {
			fmt.Fprintf(&b, ", due %s", s.Due.Local().Format("Jan 2 15:04"))
		}
		return b.String() + "."
	}
}

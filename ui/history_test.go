package ui

import (
	"strings"
	"testing"
)

// TestHistoryShowsWhoDidWhat: H (and :history) shows the audit trail of the
// selected conversation, with the admin and the action in words, and any
// other key closes it.
func TestHistoryShowsWhoDidWhat(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "!", "t")
	m = typeText(t, m, "pdam")
	m = keys(t, m, "enter", "H")
	scr := screenText(m)
	for _, want := range []string{"Riwayat: ", "prioritas", "label", "pdam", "budi"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("history lacks %q:\n%s", want, scr)
		}
	}
	if strings.Index(scr, "prioritas") > strings.Index(scr, "pdam") {
		t.Fatalf("history is not oldest first:\n%s", scr)
	}
	checkFrame(t, m)
	m = keys(t, m, "x")
	if strings.Contains(screenText(m), "Riwayat: ") {
		t.Fatalf("a key did not close the history:\n%s", screenText(m))
	}
	m = keys(t, m, ":")
	m = typeText(t, m, "history")
	m = keys(t, m, "enter")
	if !strings.Contains(screenText(m), "Riwayat: ") {
		t.Fatalf(":history shows nothing:\n%s", screenText(m))
	}
}

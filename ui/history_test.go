package ui

import (
	"strings"
	"testing"

	"sapa/inbox"
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

// TestHistoryWordsTheDetails: the history screen words what the audit log
// keeps in the store's own form: a status in the admin's language, a label
// without the empty "-", a snooze time on the office's clock rather than
// RFC 3339, a priority by name.
func TestHistoryWordsTheDetails(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "enter", "!", "t")
	m = typeText(t, m, "pdam")
	m = keys(t, m, "enter", "z")
	m = typeText(t, m, "besok")
	m = keys(t, m, "enter", "o", "d", "H")
	scr := screenText(m)
	for _, want := range []string{"prioritas  tinggi", "status  terbuka", "status  selesai", "label  +pdam", "ditunda  21 Nov 08:00"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("history lacks %q:\n%s", want, scr)
		}
	}
	for _, bad := range []string{"+pdam -", "T08:00", "+07:00", "  open", "  done"} {
		if strings.Contains(scr, bad) {
			t.Fatalf("history shows the store's raw detail %q:\n%s", bad, scr)
		}
	}
}

// TestHistoryWordsTheRelaysReasons: the reasons the store writes beside a
// status change the relay made are worded in the screen's language.
func TestHistoryWordsTheRelaysReasons(t *testing.T) {
	e := newEnv(t)
	m := newModel(t, e, testConfig())
	for detail, want := range map[string]string{
		"open (citizen wrote)":                         "terbuka (warga menulis lagi)",
		"pending (reply made on the platform)":         "menunggu (dibalas langsung di platform)",
		"open (reply outbox 12 failed)":                "terbuka (balasan gagal terkirim)",
		"pending (reply outbox 3 sent after all)":      "menunggu (balasan ternyata terkirim)",
		"something a later build writes (with reason)": "something a later build writes (with reason)",
	} {
		if got := m.historyDetail(inbox.AuditEntry{Action: "status", Detail: detail}); got != want {
			t.Errorf("%q shows as %q, want %q", detail, got, want)
		}
	}
}

// TestHistoryLongDetailKeepsTheColumns: an entry too long for the screen
// is cut at its end, its columns spaced as every other row's.
func TestHistoryLongDetailKeepsTheColumns(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "enter", "n")
	m = typeText(t, m, strings.Repeat("mohon dibantu cek ke BPJS ", 4)+"\n")
	m = keys(t, m, "!", "H")
	scr := screenText(m)
	for _, want := range []string{"  budi  catatan internal  mohon dibantu", "  budi  prioritas  tinggi"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("history lacks %q:\n%s", want, scr)
		}
	}
	checkFrame(t, m)
}

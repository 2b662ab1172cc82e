package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sapa/config"
	"sapa/workhours"
)

func TestCalendarFromConfig(t *testing.T) {
	h := config.Default().Hours
	c, err := loadCalendar(h)
	if err != nil {
		t.Fatal(err)
	}
	// Friday 24 December 2026 15:00 WIB is cuti bersama: 2 working hours on
	// reach Monday 28 December 10:00 (the 25th is Natal, then the weekend).
	from := time.Date(2026, 12, 24, 15, 0, 0, 0, c.Location())
	if got := c.Add(from, 2*time.Hour); got.Format("2006-01-02 15:04") != "2026-12-28 10:00" {
		t.Errorf("due %s", got)
	}
	if w := holidaysWarning(c, h, from); w != "" {
		t.Errorf("2026 is covered, warned %q", w)
	}
	if w := holidaysWarning(c, h, time.Date(2028, 1, 3, 9, 0, 0, 0, c.Location())); !strings.Contains(w, "2028") {
		t.Errorf("no warning for 2028: %q", w)
	}

	dir := t.TempDir()
	h.Holidays = filepath.Join(dir, "libur.txt")
	if err := os.WriteFile(h.Holidays, []byte("2028-01-01 Tahun Baru\nnot a line\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadCalendar(h); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("a bad holidays file: %v", err)
	}
	h.Days, h.Start, h.End = []string{"sat"}, "09:00", "12:00"
	if err := os.WriteFile(h.Holidays, []byte("2028-01-01 Tahun Baru\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err = loadCalendar(h)
	if err != nil {
		t.Fatal(err)
	}
	sat := time.Date(2028, 1, 8, 9, 0, 0, 0, c.Location())
	if got := c.Add(sat, 4*time.Hour); got.Format("2006-01-02 15:04") != "2028-01-15 10:00" {
		t.Errorf("Saturdays only, 09–12: due %s", got)
	}
}

func TestTargetsFromConfig(t *testing.T) {
	h := config.Hours{Targets: []config.Target{{Priority: "urgent", Platform: "whatsapp", First: config.Duration{Duration: time.Hour}}}}
	ts := loadTargets(h)
	if got, ok := ts.For(2, "whatsapp"); !ok || got.First != time.Hour {
		t.Errorf("%+v %v", got, ok)
	}
	if _, ok := ts.For(0, "whatsapp"); ok {
		t.Error("a target for urgent applied to normal")
	}
	if len(loadTargets(config.Hours{})) == 0 {
		t.Error("no default targets")
	}
}

func TestCannedRepliesFromConfig(t *testing.T) {
	rs, err := cannedReplies(config.Canned{Replies: []config.CannedReply{{Name: "pdam", Text: "Hubungi Perumda, Kak {nama}."}}})
	if err != nil || rs[len(rs)-1].Name != "pdam" {
		t.Fatalf("%v %+v", err, rs)
	}
	if _, err := cannedReplies(config.Canned{Replies: []config.CannedReply{{Name: "x", Text: "Halo {name}"}}}); err == nil || !strings.Contains(err.Error(), "canned.reply") {
		t.Fatalf("a bad variable: %v", err)
	}
}

func TestBadDeskConfigStopsStart(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.toml")
	cfg := "[database]\npath = \"" + filepath.Join(dir, "sapa.db") + "\"\n\n[[canned.reply]]\nname = \"x\"\ntext = \"Halo {name}\"\n"
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"doctor", "--config", cfgPath}, &out, &errb); code == 0 || !strings.Contains(errb.String(), "canned.reply") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

// The store stamps due times again when anything they depend on changes:
// the policy's name changes with the targets, the hours and the holidays.
func TestDeadlinePolicyNamesEverythingADueTimeDependsOn(t *testing.T) {
	base := config.Default().Hours
	d, err := loadDeadlines(base)
	if err != nil {
		t.Fatal(err)
	}
	fri := time.Date(2026, 11, 20, 15, 0, 0, 0, workhours.WIB())
	if due, ok := d.Due(0, "facebook", fri, false); !ok || due.Format("Mon 15:04") != "Mon 15:00" {
		t.Errorf("Friday 15:00 + 8 working hours = %v %v", due, ok)
	}
	other := base
	other.End = "17:00"
	urgent := base
	urgent.Targets = []config.Target{{Priority: "urgent", First: config.Duration{Duration: 30 * time.Minute}}}
	holidays := base
	holidays.Holidays = filepath.Join(t.TempDir(), "libur.txt")
	os.WriteFile(holidays.Holidays, []byte("2026-11-23 Libur daerah\n"), 0o600)
	seen := map[string]bool{d.Policy(): true}
	for _, h := range []config.Hours{other, urgent, holidays} {
		e, err := loadDeadlines(h)
		if err != nil {
			t.Fatal(err)
		}
		if seen[e.Policy()] {
			t.Errorf("policy unchanged by %+v", h)
		}
		seen[e.Policy()] = true
	}
	if again, _ := loadDeadlines(base); again.Policy() != d.Policy() {
		t.Error("the same [hours] named another policy")
	}
}

package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/store"
)

// reportEnv holds a kecamatan with two desa, a conversation in each (the
// one in Cijayanti answered after two hours) and one at the kabupaten, all
// on Thursday 19 November 2026.
func reportEnv(t *testing.T) *env {
	t.Helper()
	e := newEnv(t)
	ctx := context.Background()
	e.units(t, []store.UnitRow{
		{Code: "32.01", Parent: "32", Level: "kabupaten", Name: "Kabupaten Bogor"},
		{Code: "32.01.05", Parent: "32.01", Level: "kecamatan", Name: "Babakan Madang"},
		{Code: "32.01.05.2001", Parent: "32.01.05", Level: "desa", Name: "Cijayanti"},
		{Code: "32.01.05.2002", Parent: "32.01.05", Level: "desa", Name: "Bojong Koneng"},
	})
	day := time.Date(2026, 11, 19, 9, 0, 0, 0, wib)
	for i, u := range []string{"32.01.05.2001", "32.01.05.2002", ""} {
		name := "fb-" + u
		e.account(t, name, inbox.Facebook, inbox.Capabilities{Reply: true, PublicComments: true})
		if u != "" {
			if err := e.st.SetAccountUnit(ctx, e.accts[name], u); err != nil {
				t.Fatal(err)
			}
		}
		th := string(rune('a' + i))
		e.msg(t, name, th, "Jalan", "Warga "+th, th+"1", "jalan rusak", day)
	}
	reply := inbox.Inbound{Thread: inbox.Thread{ExternalKey: "a", Kind: inbox.KindComment},
		Message: inbox.Message{ExternalID: "a2", Direction: inbox.Out, Text: "Baik", SentAt: day.Add(2 * time.Hour), SentBy: "siti"}}
	if _, err := e.st.Ingest(ctx, e.accts["fb-32.01.05.2001"], []inbox.Inbound{reply}, ""); err != nil {
		t.Fatal(err)
	}
	return e
}

// scopedModel is the screen of an operator registered on unit.
func scopedModel(t *testing.T, e *env, name, unit string) Model {
	return adminModel(t, e, inbox.Admin{Name: name, Unit: unit, Role: inbox.Operator})
}

// TestReportScreen: R opens this month's report of the admin's scope with
// a bar a unit, tab changes the breakdown, w the period, esc returns to
// the list; every frame fits 80x24.
func TestReportScreen(t *testing.T) {
	e := reportEnv(t)
	m := scopedModel(t, e, "camat", "32.01.05")
	m = keys(t, m, "R")
	s := screenText(m)
	checkFrame(t, m)
	for _, want := range []string{"Laporan Babakan Madang · 2026-11-01 – 2026-11-30", "Masuk 2 · dijawab 1 (50%)",
		"median 2,0 j kerja (2,0 j)", "Cijayanti", "Bojong Koneng", "█", "░"} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "Kabupaten Bogor") {
		t.Errorf("the camat's report names the kabupaten:\n%s", s)
	}
	if !strings.Contains(s, "tombol lain menutup laporan") {
		t.Errorf("the bottom row does not say other keys close the report:\n%s", s)
	}
	// The keys line says what tab brings next, as it does for every other key.
	if !strings.Contains(s, "tab menurut admin") {
		t.Errorf("the keys line does not say tab brings the admins:\n%s", s)
	}
	m = keys(t, m, "tab")
	if s := screenText(m); !strings.Contains(s, " admin ") || !strings.Contains(s, "siti") || !strings.Contains(s, "tab menurut platform") {
		t.Errorf("tab: by admin:\n%s", s)
	}
	// Platforms are named as people write them, not by their ids.
	m = keys(t, m, "tab")
	if s := screenText(m); !strings.Contains(s, " Facebook ") || strings.Contains(s, " facebook ") {
		t.Errorf("tab: by platform:\n%s", s)
	}
	m = keys(t, m, "w") // Friday 20 November: the week from Monday 16
	if s := screenText(m); !strings.Contains(s, "2026-11-16 – 2026-11-22") || !strings.Contains(s, "tab menurut label") {
		t.Errorf("w: this week, same breakdown:\n%s", s)
	}
	m = keys(t, m, "[")
	if s := screenText(m); !strings.Contains(s, "2026-11-09 – 2026-11-15") || !strings.Contains(s, "Masuk 0") {
		t.Errorf("[: the week before:\n%s", s)
	}
	checkFrame(t, m)
	m = keys(t, m, "esc")
	if m.report != nil || m.help || strings.Contains(screenText(m), "Laporan") {
		t.Errorf("esc leaves the report open:\n%s", screenText(m))
	}
	m = keys(t, m, "?")
	if s := screenText(m); !strings.Contains(s, "tombol lain menutup bantuan") {
		t.Errorf("help after the report does not say other keys close help:\n%s", s)
	}
}

// TestReportScope: a desa admin's report holds its own desa only, by
// :report with days or by R; the kabupaten's holds everything.
func TestReportScope(t *testing.T) {
	e := reportEnv(t)
	m := scopedModel(t, e, "ujang", "32.01.05.2002")
	m = send(t, m, press(":"))
	m = typeText(t, m, "report 2026-11-01 2026-11-30\n")
	s := screenText(m)
	if !strings.Contains(s, "Laporan Bojong Koneng · 2026-11-01 – 2026-11-30") || !strings.Contains(s, "Masuk 1 · dijawab 0") {
		t.Fatalf("ujang's report:\n%s", s)
	}
	for _, other := range []string{"Cijayanti", "Babakan Madang", "siti", "Masuk 2", "Masuk 3"} {
		if strings.Contains(s, other) {
			t.Errorf("ujang's report shows %q:\n%s", other, s)
		}
	}
	m = keys(t, m, "tab", "tab", "tab")
	if s := screenText(m); strings.Contains(s, "Cijayanti") || strings.Contains(s, "siti") {
		t.Errorf("another breakdown shows another desa:\n%s", s)
	}
	b := scopedModel(t, e, "bupati", "32.01")
	b = keys(t, b, "R")
	if s := screenText(b); !strings.Contains(s, "Masuk 3 · dijawab 1") || !strings.Contains(s, "Babakan Madang") {
		t.Errorf("the kabupaten's report:\n%s", s)
	}
}

// TestReportPeriods: :report's arguments and a clear refusal.
func TestReportPeriods(t *testing.T) {
	now := time.Date(2026, 12, 9, 15, 0, 0, 0, wib) // a Wednesday
	day := func(s string) time.Time { d, _ := time.ParseInLocation("2006-01-02", s, wib); return d }
	for _, tc := range []struct {
		args     []string
		from, to string
	}{
		{nil, "2026-12-01", "2027-01-01"},
		{[]string{"minggu"}, "2026-12-07", "2026-12-14"},
		{[]string{"week"}, "2026-12-07", "2026-12-14"},
		{[]string{"2026-11-01", "2026-11-30"}, "2026-11-01", "2026-12-01"},
		{[]string{"2026-12-08"}, "2026-12-08", "2026-12-10"},
	} {
		p, ok := parsePeriod(tc.args, now)
		if !ok || !p.from.Equal(day(tc.from)) || !p.to.Equal(day(tc.to)) {
			t.Errorf("%v: %v %v–%v", tc.args, ok, p.from, p.to)
		}
	}
	if p := thisPeriod("month", now).step(-1); !p.from.Equal(day("2026-11-01")) || !p.to.Equal(day("2026-12-01")) {
		t.Errorf("the month before: %v–%v", p.from, p.to)
	}
	for _, bad := range [][]string{{"kemarin"}, {"2026-11-30", "2026-11-01"}, {"1/11/2026", "2026-11-30"}} {
		if _, ok := parsePeriod(bad, now); ok {
			t.Errorf("%v accepted", bad)
		}
	}
	m := newModel(t, newEnv(t), testConfig())
	m = send(t, m, press(":"))
	m = typeText(t, m, "report kemarin\n")
	if s := screenText(m); !strings.Contains(s, `periode "kemarin"`) || m.report != nil {
		t.Errorf("a bad period:\n%s", s)
	}
	m = keys(t, m, "?")
	if s := ansiStrip(strings.Join(m.helpLines(), "\n")); !strings.Contains(s, "R ") || !strings.Contains(s, "laporan waktu tanggap") ||
		!strings.Contains(s, ":report\u00a0<minggu|bulan|DARI") {
		t.Errorf("help does not list the report:\n%s", s)
	}
}

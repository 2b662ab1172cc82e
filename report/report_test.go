package report

import (
	"testing"
	"time"

	"sapa/inbox"
	"sapa/workhours"
)

var wib = time.FixedZone("WIB", 7*3600)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, wib)
	if err != nil {
		panic(err)
	}
	return t
}

func rules(t *testing.T, now string) Rules {
	t.Helper()
	c, err := workhours.New(wib, []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		workhours.Hours{Start: 8 * time.Hour, End: 16 * time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return Rules{Calendar: c, Targets: workhours.DefaultTargets, Now: at(now)}
}

// tree is a kabupaten with two kecamatan and three desa.
var tree = []inbox.ReportUnit{
	{Code: "32.01", Parent: "32", Level: "kabupaten", Name: "Kabupaten Bogor"},
	{Code: "32.01.01", Parent: "32.01", Level: "kecamatan", Name: "Cibinong"},
	{Code: "32.01.01.2001", Parent: "32.01.01", Level: "desa", Name: "Ciri Mekar"},
	{Code: "32.01.01.2002", Parent: "32.01.01", Level: "desa", Name: "Cijujung"},
	{Code: "32.01.02", Parent: "32.01", Level: "kecamatan", Name: "Gunungputri"},
	{Code: "32.01.02.2001", Parent: "32.01.02", Level: "desa", Name: "Wanaherang"},
	{Code: "32.01.02.2002", Parent: "32.01.02", Level: "desa", Name: "Bojong Nangka"},
}

// conv is a normal-priority conversation (target: 8 working hours).
func conv(unit, in, answered string) inbox.ReportConv {
	c := inbox.ReportConv{Unit: unit, Platform: "facebook", In: at(in)}
	if answered != "" {
		c.FirstResponse = at(answered)
	}
	return c
}

// fixture: Monday 7 to Thursday 10 December 2026, office hours 08–16,
// now Thursday 10:00. Working / clock hours to the first response:
//
//	A 32.01.01.2001 Mon 09:00 → Mon 10:00    1 h /  1 h   met
//	B 32.01.01.2001 Mon 15:00 → Tue 09:00    2 h / 18 h   met (due Tue 15:00)
//	C 32.01.01.2001 Fri 14:00 → Mon 10:00    4 h / 68 h   met (due Mon 14:00)
//	D 32.01.01.2002 Mon 09:00 → Wed 09:00   16 h / 48 h   breach (due Tue 09:00)
//	E 32.01.02.2001 Tue 10:00, unanswered                 breach (due Wed 10:00)
//	F 32.01.02.2001 Tue 10:00, closed without a reply     neither
//	G 32.01 urgent  Wed 08:00 → Wed 08:30  0.5 h / 0.5 h  met (1 h target)
//	H 32.01.02.2001 Thu 09:00, unanswered                 not yet due (Fri 09:00)
func fixture() inbox.ReportFacts {
	f := conv("32.01.02.2001", "2026-12-08 10:00", "")
	f.ClosedUnanswered = true
	g := conv("32.01", "2026-12-09 08:00", "2026-12-09 08:30")
	g.Priority = 2
	return inbox.ReportFacts{Units: tree, Convs: []inbox.ReportConv{
		conv("32.01.01.2001", "2026-12-07 09:00", "2026-12-07 10:00"),
		conv("32.01.01.2001", "2026-12-07 15:00", "2026-12-08 09:00"),
		conv("32.01.01.2001", "2026-12-04 14:00", "2026-12-07 10:00"),
		conv("32.01.01.2002", "2026-12-07 09:00", "2026-12-09 09:00"),
		conv("32.01.02.2001", "2026-12-08 10:00", ""),
		f, g,
		conv("32.01.02.2001", "2026-12-10 09:00", ""),
	}, Backlog: []inbox.ReportBacklog{
		{Unit: "32.01.02.2001", Platform: "facebook", N: 2},
		{Unit: "32.01.02.2002", Platform: "whatsapp", N: 1},
	}}
}

func h(x float64) time.Duration { return time.Duration(x * float64(time.Hour)) }

func TestBuildHandComputed(t *testing.T) {
	f := fixture()
	f.Handoffs = []inbox.ReportHandoffs{{Unit: "32.01.01.2001", Admin: "siti", Up: true, N: 2}, {Unit: "32.01", Admin: "bupati", N: 1}}
	rep := Build(f, ByUnit, at("2026-12-01 00:00"), at("2026-12-11 00:00"), rules(t, "2026-12-10 10:00"))
	tot := rep.Total
	// Handoffs count where they left from, and in every unit above.
	if tot.EscUp != 2 || tot.EscDown != 1 || rep.Rows[1].EscUp != 2 || rep.Rows[1].EscDown != 0 || rep.Rows[2].EscUp != 2 {
		t.Errorf("handoffs: total %d up %d down, Cibinong %+v, Ciri Mekar %+v", tot.EscUp, tot.EscDown, rep.Rows[1], rep.Rows[2])
	}
	siti := false
	for _, r := range Build(f, ByAdmin, at("2026-12-01 00:00"), at("2026-12-11 00:00"), rules(t, "2026-12-10 10:00")).Rows {
		siti = siti || (r.Key == "siti" && r.EscUp == 2 && r.In == 0)
	}
	if !siti {
		t.Error("by admin: siti, who escalated twice and answered nothing, has no row of her own")
	}
	want := Row{In: 8, Answered: 5, Closed: 1, Met: 4, Breaches: 2, Backlog: 3,
		Work: Stats{5, h(2), h(16)}, Clock: Stats{5, h(18), h(68)}}
	// Working hours sorted: 0.5 1 2 4 16 → median the 3rd (2 h), p90 the
	// 5th (16 h); clock hours: 0.5 1 18 48 68 → 18 h and 68 h.
	checkRow(t, "total", tot, want)
	if p, _ := tot.AnsweredPct(); p < 71.42 || p > 71.43 { // 5 of 7 that wanted an answer
		t.Errorf("answered %% = %v", p)
	}
	if p, _ := tot.MetPct(); p < 66.66 || p > 66.67 { // 4 of 6 with a known outcome
		t.Errorf("met %% = %v", p)
	}
	var keys []string
	for _, r := range rep.Rows {
		keys = append(keys, r.Key)
	}
	// The root and the kecamatan always; desa only when they saw anything.
	wantKeys := []string{"32.01", "32.01.01", "32.01.01.2001", "32.01.01.2002", "32.01.02", "32.01.02.2001", "32.01.02.2002"}
	if len(keys) != len(wantKeys) {
		t.Fatalf("rows %v, want %v", keys, wantKeys)
	}
	for i := range keys {
		if keys[i] != wantKeys[i] {
			t.Fatalf("rows %v, want %v", keys, wantKeys)
		}
	}
	checkRow(t, "kabupaten", rep.Rows[0], want)
	if rep.Rows[0].Depth != 0 || rep.Rows[1].Depth != 1 || rep.Rows[2].Depth != 2 || rep.Rows[1].Level != "kecamatan" || rep.Rows[1].Name != "Cibinong" {
		t.Errorf("tree shape: %+v", rep.Rows[:3])
	}
	// Cibinong: A B C D → 1 2 4 16: median the 2nd (2 h), p90 the 4th (16 h).
	checkRow(t, "Cibinong", rep.Rows[1], Row{In: 4, Answered: 4, Met: 3, Breaches: 1,
		Work: Stats{4, h(2), h(16)}, Clock: Stats{4, h(18), h(68)}})
	checkRow(t, "Gunungputri", rep.Rows[4], Row{In: 3, Closed: 1, Breaches: 1, Backlog: 3})
	checkRow(t, "Bojong Nangka", rep.Rows[6], Row{Backlog: 1})
	if _, ok := rep.Rows[4].MetPct(); !ok {
		t.Error("Gunungputri has a breach: its met % is 0, not unknown")
	}
	if _, ok := rep.Rows[6].AnsweredPct(); ok {
		t.Error("Bojong Nangka had nothing in: no answered %")
	}
}

// TestBuildPeriodEnd: an answer after the period counts as none; a target
// due after the period's end, or after now while it runs, is not breached.
func TestBuildPeriodEnd(t *testing.T) {
	to := at("2026-12-09 00:00") // Wednesday: G and H arrive after it
	f := fixture()
	var in []inbox.ReportConv
	for _, c := range f.Convs {
		if c.In.Before(to) {
			in = append(in, c)
		}
	}
	f.Convs = in
	tot := Build(f, ByPlatform, at("2026-12-01 00:00"), to, rules(t, "2026-12-20 10:00")).Total
	// D is answered only after the period, past its target (Tuesday 09:00);
	// E's target (Wednesday 10:00) lies after the period's end.
	checkRow(t, "ended Wednesday", tot, Row{In: 6, Answered: 3, Closed: 1, Met: 3, Breaches: 1, Backlog: 3,
		Work: Stats{3, h(2), h(4)}, Clock: Stats{3, h(18), h(68)}})

	e := inbox.ReportFacts{Convs: []inbox.ReportConv{conv("32.01.02.2001", "2026-12-08 10:00", "")}}
	for now, want := range map[string]int{"2026-12-08 12:00": 0, "2026-12-09 10:00": 0, "2026-12-09 10:01": 1} {
		if b := Build(e, ByUnit, at("2026-12-01 00:00"), at("2027-01-01 00:00"), rules(t, now)).Total.Breaches; b != want {
			t.Errorf("E unanswered, now %s: %d breaches, want %d", now, b, want)
		}
	}
}

func checkRow(t *testing.T, name string, got, want Row) {
	t.Helper()
	if got.In != want.In || got.Answered != want.Answered || got.Closed != want.Closed || got.Met != want.Met ||
		got.Breaches != want.Breaches || got.Backlog != want.Backlog || got.Work != want.Work || got.Clock != want.Clock {
		t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
	}
}

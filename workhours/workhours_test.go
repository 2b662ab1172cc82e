package workhours

import (
	"strings"
	"testing"
	"time"
)

var wib = time.FixedZone("WIB", 7*3600)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, wib)
	if err != nil {
		panic(err)
	}
	return t
}

func office(t *testing.T, holidays ...Holiday) *Calendar {
	t.Helper()
	c, err := New(wib, []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		Hours{8 * time.Hour, 16 * time.Hour}, holidays)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestAddSkipsNightsWeekendsAndHolidays(t *testing.T) {
	c := office(t, Holiday{at("2026-08-17 00:00"), "Hari Kemerdekaan"})
	cases := []struct {
		from string
		d    time.Duration
		want string
	}{
		{"2026-12-07 09:00", 4 * time.Hour, "2026-12-07 13:00"},  // Monday, within the day
		{"2026-12-07 14:00", 4 * time.Hour, "2026-12-08 10:00"},  // over the night
		{"2026-12-04 15:00", 4 * time.Hour, "2026-12-07 11:00"},  // Friday to Monday
		{"2026-12-05 10:00", 1 * time.Hour, "2026-12-07 09:00"},  // arrives on Saturday
		{"2026-12-07 06:30", 1 * time.Hour, "2026-12-07 09:00"},  // before office hours
		{"2026-12-07 16:00", 1 * time.Hour, "2026-12-08 09:00"},  // at closing time
		{"2026-08-14 15:00", 2 * time.Hour, "2026-08-18 09:00"},  // Friday, then Monday 17 August
		{"2026-12-07 08:00", 40 * time.Hour, "2026-12-11 16:00"}, // a whole working week
		{"2026-12-07 09:00", 0, "2026-12-07 09:00"},
	}
	for _, tc := range cases {
		if got := c.Add(at(tc.from), tc.d); !got.Equal(at(tc.want)) {
			t.Errorf("Add(%s, %s) = %s, want %s", tc.from, tc.d, got.Format("2006-01-02 15:04 Mon"), tc.want)
		}
	}
}

func TestBetweenCountsOnlyWorkingTime(t *testing.T) {
	c := office(t, Holiday{at("2026-08-17 00:00"), "Hari Kemerdekaan"})
	cases := []struct {
		a, b string
		want time.Duration
	}{
		{"2026-12-07 09:00", "2026-12-07 13:30", 4*time.Hour + 30*time.Minute},
		{"2026-12-04 15:00", "2026-12-07 11:00", 4 * time.Hour},
		{"2026-12-05 10:00", "2026-12-06 20:00", 0},
		{"2026-08-14 15:00", "2026-08-18 09:00", 2 * time.Hour},
		{"2026-12-07 13:00", "2026-12-07 09:00", 0},
	}
	for _, tc := range cases {
		if got := c.Between(at(tc.a), at(tc.b)); got != tc.want {
			t.Errorf("Between(%s, %s) = %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
	// Add and Between agree.
	from := at("2026-12-03 11:17")
	for _, d := range []time.Duration{time.Minute, 5 * time.Hour, 13 * time.Hour, 50 * time.Hour} {
		if got := c.Between(from, c.Add(from, d)); got != d {
			t.Errorf("Between(from, Add(from, %s)) = %s", d, got)
		}
	}
}

func TestNewRefusesNonsense(t *testing.T) {
	days := []time.Weekday{time.Monday}
	if _, err := New(wib, days, Hours{16 * time.Hour, 8 * time.Hour}, nil); err == nil {
		t.Error("working hours that end before they start accepted")
	}
	if _, err := New(wib, nil, Hours{8 * time.Hour, 16 * time.Hour}, nil); err == nil {
		t.Error("no working days accepted")
	}
	if _, err := New(nil, days, Hours{8 * time.Hour, 16 * time.Hour}, nil); err == nil {
		t.Error("no time zone accepted")
	}
}

func TestHolidaysFile(t *testing.T) {
	hs, err := ReadHolidays(strings.NewReader("# libur\n\n2026-12-25 Hari Raya Natal\n2026-12-24 Cuti bersama Natal\n"), wib)
	if err != nil || len(hs) != 2 || hs[0].Description != "Cuti bersama Natal" {
		t.Fatalf("%v %+v", err, hs)
	}
	for in, want := range map[string]string{
		"2026-12-25 Natal\n25-12-2026 Natal\n": "line 2:",
		"2026-02-30 tanggal salah\n":           "line 1:",
		"2026-12-25\n":                         "line 1: 2026-12-25 has no description",
	} {
		if _, err := ReadHolidays(strings.NewReader(in), wib); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
}

func TestShippedHolidays(t *testing.T) {
	hs := IndonesianHolidays(wib)
	c := office(t, hs...)
	for _, y := range []int{2026, 2027} {
		if !c.Covers(y) {
			t.Errorf("the shipped file does not cover %d", y)
		}
	}
	if c.Covers(2028) {
		t.Error("covers 2028")
	}
	if d, ok := c.Holiday(at("2026-03-23 10:00")); !ok || !strings.Contains(d, "Cuti bersama Idulfitri") {
		t.Errorf("23 March 2026: %q %v", d, ok)
	}
	// A message on the Thursday before Idulfitri 2026 waits until Wednesday 25 March.
	if got := c.Add(at("2026-03-19 09:00"), time.Hour); !got.Equal(at("2026-03-25 09:00")) {
		t.Errorf("over Nyepi and Idulfitri: %s", got)
	}
}

func TestTargetsMostSpecificWins(t *testing.T) {
	ts := Targets{
		{Priority: -1, First: 8 * time.Hour, Next: 8 * time.Hour},
		{Priority: -1, Platform: "whatsapp", First: 2 * time.Hour},
		{Priority: 2, First: time.Hour},
		{Priority: 2, Platform: "whatsapp", First: 30 * time.Minute},
	}
	for _, tc := range []struct {
		prio     int
		platform string
		want     time.Duration
	}{
		{0, "facebook", 8 * time.Hour}, {0, "whatsapp", 2 * time.Hour}, {2, "x", time.Hour}, {2, "whatsapp", 30 * time.Minute},
	} {
		got, ok := ts.For(tc.prio, tc.platform)
		if !ok || got.First != tc.want {
			t.Errorf("For(%d, %s) = %v, want %s", tc.prio, tc.platform, got.First, tc.want)
		}
	}
	if _, ok := (Targets{{Priority: 1, First: time.Hour}}).For(0, "x"); ok {
		t.Error("a target for another priority applied")
	}
}

func TestDuePausedWhileWaitingForTheCitizen(t *testing.T) {
	c := office(t)
	w := Waiting{Priority: 0, Platform: "facebook", Since: at("2026-12-07 14:00")}
	if due, ok := Due(c, DefaultTargets, w); !ok || !due.Equal(at("2026-12-08 14:00")) {
		t.Errorf("first response due %s %v", due, ok)
	}
	w.Answered, w.Priority = true, 2
	if due, ok := Due(c, DefaultTargets, w); !ok || !due.Equal(at("2026-12-07 16:00")) {
		t.Errorf("next response (urgent) due %s %v", due, ok)
	}
	w.Paused = true
	if _, ok := Due(c, DefaultTargets, w); ok {
		t.Error("a clock runs while pending")
	}
	if _, ok := Due(c, DefaultTargets, Waiting{}); ok {
		t.Error("a clock runs with nothing waiting")
	}
}

func TestNextBreach(t *testing.T) {
	now := at("2026-12-07 10:00")
	dues := []time.Time{at("2026-12-07 09:00"), at("2026-12-08 09:00"), at("2026-12-07 11:30"), {}}
	if got, ok := NextBreach(now, dues); !ok || !got.Equal(at("2026-12-07 11:30")) {
		t.Errorf("NextBreach = %s %v", got, ok)
	}
	if _, ok := NextBreach(now, dues[:1]); ok {
		t.Error("a past breach scheduled")
	}
}

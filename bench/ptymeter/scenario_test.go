package ptymeter

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	st := Summarize([]int64{5, 1, 4, 2, 3, 10, 6, 7, 8, 9})
	want := Stats{N: 10, Total: 55, Mean: 5.5, P50: 5, P90: 9, Min: 1, Max: 10}
	if st != want {
		t.Fatalf("Summarize = %+v, want %+v", st, want)
	}
	if st := Summarize(nil); st != (Stats{}) {
		t.Fatalf("Summarize(nil) = %+v", st)
	}
	if st := Summarize([]int64{7}); st.P50 != 7 || st.P90 != 7 || st.Mean != 7 {
		t.Fatalf("Summarize one = %+v", st)
	}
}

// TestRunScenario plays the standard list scenario on the bubbletea helper.
// It checks the shape of the report, not timings or exact byte counts.
func TestRunScenario(t *testing.T) {
	sc := Scenario{
		Name: "list",
		Size: Size{60, 16},
		// Generous, so a slow response on a loaded machine still lands in
		// its own sample.
		Quiet: 500 * time.Millisecond,
		Max:   30 * time.Second,
		Steps: []Step{
			{Name: "startup", WaitFor: "> item 01"},
			{Name: "down", Keys: "j", Repeat: 5},
			{Name: "bottom", Keys: "G"},
			{Name: "open", Keys: "\r"},
			{Name: "back", Keys: "q"},
			{Name: "resize", Resize: &Size{80, 20}},
			{Name: "idle", Idle: 300 * time.Millisecond},
			{Name: "quit", Keys: "q", ExpectExit: true},
			{Name: "never", Keys: "x"},
		},
	}
	rep, err := Run(context.Background(), helperCmd(t, "tea"), sc)
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, rep.Screen)
	}
	var buf bytes.Buffer
	if err := rep.WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", buf.String())

	wantN := map[string]int{"startup": 1, "down": 5, "bottom": 1, "open": 1, "back": 1, "resize": 1, "idle": 1, "quit": 1}
	if len(rep.Steps) != len(wantN) {
		t.Fatalf("steps %+v", rep.Steps)
	}
	var sum int64
	for _, s := range rep.Steps {
		if s.Stats.N != wantN[s.Name] {
			t.Errorf("%s: %d samples, want %d", s.Name, s.Stats.N, wantN[s.Name])
		}
		if s.Timeouts != 0 {
			t.Errorf("%s: %d timeouts", s.Name, s.Timeouts)
		}
		if s.Name != "idle" && s.Stats.Min <= 0 {
			t.Errorf("%s: a sample of %d bytes; every step should redraw something", s.Name, s.Stats.Min)
		}
		sum += s.Stats.Total
	}
	if rep.Total < sum {
		t.Errorf("report total %d < sum of steps %d", rep.Total, sum)
	}
	if rep.Step("startup").Stats.Total <= rep.Step("down").Stats.Max {
		t.Errorf("a cursor move should cost less than the first frame")
	}
	if rep.Size != "60x16" || !strings.Contains(rep.Command[0], "ptymeter") {
		t.Errorf("size %q, command %q", rep.Size, rep.Command)
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Fatal(err)
	}
}

// TestIdleCountsBackgroundRedraws checks that an idle step sees the output
// of a program that redraws on a timer.
func TestIdleCountsBackgroundRedraws(t *testing.T) {
	sc := Scenario{
		Name: "idle",
		Size: Size{40, 8},
		Max:  30 * time.Second,
		Steps: []Step{
			// Ticks come every 100ms, so a 50ms gap ends the start-up step.
			{Name: "startup", WaitFor: "ticks", Quiet: 50 * time.Millisecond},
			{Name: "idle", Idle: time.Second},
		},
	}
	rep, err := Run(context.Background(), helperCmd(t, "tea-tick"), sc)
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Step("idle").Stats.Total; got <= 0 {
		t.Fatalf("idle bytes %d, want > 0 for a ticking program", got)
	}
}

func TestClassifyScroll(t *testing.T) {
	before := "head\n> alpha  1m\n  bravo  2m\n  charlie 3m\n  delta 4m\nstatus"
	inPage := "head\n  alpha  2m\n> bravo  3m\n  charlie 4m\n  delta 5m\nstatus"
	scrolled := "head\n> echo   5m\n  foxtrot 6m\n  golf 7m\n  hotel 8m\nstatus"
	if n := ChangedRows(before, inPage, 0); n != 4 {
		t.Errorf("ChangedRows in page = %d, want 4", n)
	}
	if n := ChangedRows(before, inPage, 4); n != 0 {
		t.Errorf("ChangedRows in page beyond 4 cells = %d, want 0", n)
	}
	if n := ChangedRows("a\nb", "a\nb\nc", 0); n != 1 {
		t.Errorf("ChangedRows with a new row = %d, want 1", n)
	}
	c := ClassifyScroll(3)
	if got := c(before, inPage); got != "in-page" {
		t.Errorf("in-page move labelled %q", got)
	}
	if got := c(before, scrolled); got != "scroll" {
		t.Errorf("page turn labelled %q", got)
	}
}

// TestClassifyAndKeepOutput checks that labelled samples are reported both
// under the step and under step/label, and that KeepOutput keeps the bytes
// of each sample, the first frame included.
func TestClassifyAndKeepOutput(t *testing.T) {
	sc := Scenario{
		Name:       "classify",
		Size:       Size{60, 16},
		Quiet:      300 * time.Millisecond,
		Max:        30 * time.Second,
		KeepOutput: true,
		Steps: []Step{
			{Name: "startup", Ready: func(s string) bool { return strings.Contains(s, "> item 01") }},
			{Name: "down", Keys: "j", Repeat: 3, Classify: func(before, after string) string {
				if strings.Contains(after, "> item 03") {
					return "third"
				}
				return ""
			}},
		},
	}
	rep, err := Run(context.Background(), helperCmd(t, "tea"), sc)
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, rep.Screen)
	}
	down, third := rep.Step("down"), rep.Step("down/third")
	if down == nil || third == nil || down.Stats.N != 3 || third.Stats.N != 1 {
		t.Fatalf("steps %+v", rep.Steps)
	}
	if third.Samples[0] != down.Samples[1] {
		t.Errorf("labelled sample %d, want the second press's %d", third.Samples[0], down.Samples[1])
	}
	for _, st := range []*StepResult{rep.Step("startup"), down} {
		if len(st.Output) != st.Stats.N {
			t.Fatalf("%s: %d outputs for %d samples", st.Name, len(st.Output), st.Stats.N)
		}
		for i, out := range st.Output {
			if int64(len(out)) != st.Samples[i] {
				t.Errorf("%s[%d]: %d bytes kept, %d counted", st.Name, i, len(out), st.Samples[i])
			}
		}
	}
}

package ptymeter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os/exec"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// Step is one action of a [Scenario] and the measurement that follows it.
// Exactly one of Keys, Resize and Idle is usually set; a Step with none of
// them only waits (useful first, to measure the start-up frame).
type Step struct {
	// Name labels the step in the report. Steps sharing a name are merged
	// into one row, so a scenario can interleave keys and still report
	// "down" once.
	Name string
	// Keys are sent as typed (see [Session.Send]) before measuring.
	Keys string
	// Resize, when set, changes the terminal size before measuring.
	Resize *Size
	// Idle, when > 0, sends nothing and counts the bytes written during
	// this period (clocks, spinners, polling redraws).
	Idle time.Duration
	// Do, when set, runs after the keys are sent and before the step is
	// measured: something that happens outside the terminal, such as a new
	// message arriving in the program's store or mailbox.
	Do func() error
	// Repeat runs the step this many times, one sample each (0 means 1).
	Repeat int
	// WaitFor, when set, is screen text that must appear before the quiet
	// period is waited for; useful when a program is slow to start.
	WaitFor string
	// Quiet overrides [Scenario.Quiet] for this step.
	Quiet time.Duration
	// Ready, when set, is a condition on the screen text (see
	// [Session.Screen]) that must hold before the quiet period is waited
	// for, like WaitFor but for conditions one string cannot express.
	Ready func(screen string) bool
	// ExpectExit means the keys should make the program quit: the step waits
	// for the exit instead of for quiet, and the scenario ends there.
	ExpectExit bool
	// Classify, when set, labels each sample from the screen text before
	// the keys were sent and after the response (for example "in-page"
	// versus "scroll" for a cursor move, see [ClassifyScroll]). A labelled
	// sample is recorded under the step's name and also under
	// Name+"/"+label, so both the overall and the per-kind statistics are
	// reported.
	Classify func(before, after string) string
}

// Size is a terminal size in cells.
type Size struct{ Cols, Rows int }

// String formats the size as COLSxROWS.
func (z Size) String() string { return fmt.Sprintf("%dx%d", z.Cols, z.Rows) }

// Scenario is a scripted session: a terminal size and a list of steps, each
// measured as the bytes the program writes in response.
type Scenario struct {
	// Name labels the report.
	Name string
	// Size is the initial terminal size.
	Size Size
	// Quiet is how long the program must stay silent for a step's output to
	// count as complete (default 150ms).
	Quiet time.Duration
	// Max bounds every wait (default 20s). A step that does not go quiet in
	// time is recorded with a timeout and the scenario goes on.
	Max time.Duration
	// Options are passed to [StartOptions]; its Cols and Rows are taken from
	// Size.
	Options Options
	// Steps run in order.
	Steps []Step
	// KeepOutput keeps the bytes of every sample in [StepResult.Output],
	// so a caller can look at exactly what one key press wrote. [Run] turns
	// on Options.Record for it; a session given to [Session.Play] must have
	// been started with it.
	KeepOutput bool
}

// StepResult holds the samples of one named step.
type StepResult struct {
	Name     string  `json:"name"`
	Samples  []int64 `json:"samples"`
	Timeouts int     `json:"timeouts,omitempty"`
	Stats    Stats   `json:"stats"`
	// Output holds the bytes written for each sample, in order, when the
	// scenario asked for them with KeepOutput.
	Output [][]byte `json:"-"`
}

// Stats summarises byte samples.
type Stats struct {
	N     int     `json:"n"`
	Total int64   `json:"total"`
	Mean  float64 `json:"mean"`
	P50   int64   `json:"p50"`
	P90   int64   `json:"p90"`
	Min   int64   `json:"min"`
	Max   int64   `json:"max"`
}

// Summarize computes [Stats] over samples. Percentiles use the nearest-rank
// method.
func Summarize(samples []int64) Stats {
	st := Stats{N: len(samples)}
	if st.N == 0 {
		return st
	}
	sorted := append([]int64(nil), samples...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	for _, v := range sorted {
		st.Total += v
	}
	rank := func(p float64) int64 {
		i := int(math.Ceil(p*float64(st.N))) - 1
		return sorted[max(i, 0)]
	}
	st.Mean = float64(st.Total) / float64(st.N)
	st.P50, st.P90 = rank(0.5), rank(0.9)
	st.Min, st.Max = sorted[0], sorted[st.N-1]
	return st
}

// Report is the outcome of [Run].
type Report struct {
	Scenario string       `json:"scenario"`
	Command  []string     `json:"command"`
	Size     string       `json:"size"`
	Steps    []StepResult `json:"steps"`
	// Total is every byte the program wrote during the run.
	Total int64 `json:"total"`
	// Error describes why the run stopped early, if it did.
	Error string `json:"error,omitempty"`
	// Queries are the terminal queries the program sent and the meter's
	// answers (see [Query.String]), in order.
	Queries []string `json:"queries,omitempty"`
	// Screen is the screen text when the run ended.
	Screen string `json:"-"`
}

// Step returns the result named name, or nil.
func (r *Report) Step(name string) *StepResult {
	for i := range r.Steps {
		if r.Steps[i].Name == name {
			return &r.Steps[i]
		}
	}
	return nil
}

// WriteTable prints the report as an aligned text table.
func (r *Report) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "%s: %s at %s, %d bytes in all\n", r.Scenario, strings.Join(r.Command, " "), r.Size, r.Total)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "step\tn\ttotal\tmean\tp50\tp90\tmax\ttimeouts\t")
	for _, s := range r.Steps {
		st := s.Stats
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%d\t%d\t%d\t%d\t\n",
			s.Name, st.N, st.Total, st.Mean, st.P50, st.P90, st.Max, s.Timeouts)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if r.Error != "" {
		_, err := fmt.Fprintf(w, "stopped early: %s\n", r.Error)
		return err
	}
	return nil
}

// Run starts cmd with the scenario's options and plays sc on it, then
// closes the session. The report is returned even when the run stops
// early; the error says why.
func Run(ctx context.Context, cmd *exec.Cmd, sc Scenario) (*Report, error) {
	opts := sc.Options
	opts.Cols, opts.Rows = sc.Size.Cols, sc.Size.Rows
	if sc.KeepOutput {
		opts.Record = true
	}
	s, err := StartOptions(ctx, cmd, opts)
	if err != nil {
		return nil, err
	}
	rep, err := s.Play(ctx, sc)
	if cerr := s.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return rep, err
}

// Play runs the steps of sc on an already started session. The counter is
// marked before each sample, so the first step also counts everything
// written since the last Mark (since the start, for a fresh session). The
// scenario's Size and Options are not applied here.
func (s *Session) Play(ctx context.Context, sc Scenario) (*Report, error) {
	quietDefault, maxWait := sc.Quiet, sc.Max
	if quietDefault <= 0 {
		quietDefault = 150 * time.Millisecond
	}
	if maxWait <= 0 {
		maxWait = 20 * time.Second
	}
	cols, rows := s.Size()
	rep := &Report{Scenario: sc.Name, Command: s.cmd.Args, Size: Size{cols, rows}.String()}
	index := map[string]int{}
	result := func(name string) *StepResult {
		i, ok := index[name]
		if !ok {
			i = len(rep.Steps)
			index[name] = i
			rep.Steps = append(rep.Steps, StepResult{Name: name})
		}
		return &rep.Steps[i]
	}
	s.mu.Lock()
	startTotal := s.mark
	s.mu.Unlock()
	finish := func(err error) (*Report, error) {
		for i := range rep.Steps {
			rep.Steps[i].Stats = Summarize(rep.Steps[i].Samples)
		}
		rep.Total = s.Bytes() - startTotal
		rep.Screen = s.Screen()
		for _, q := range s.Queries() {
			rep.Queries = append(rep.Queries, q.String())
		}
		if err != nil {
			rep.Error = err.Error()
		}
		return rep, err
	}

	first := true
	for _, st := range sc.Steps {
		quiet := st.Quiet
		if quiet <= 0 {
			quiet = quietDefault
		}
		for i := 0; i < max(st.Repeat, 1); i++ {
			if err := ctx.Err(); err != nil {
				return finish(err)
			}
			if !first {
				s.Mark()
			}
			first = false
			var before string
			if st.Classify != nil {
				before = s.Screen()
			}
			from := s.markOffset()
			n, timedOut, err := s.playOnce(ctx, st, quiet, maxWait)
			var out []byte
			if sc.KeepOutput {
				out = s.Output(from)
			}
			names := []string{st.Name}
			if st.Classify != nil && err == nil {
				if label := st.Classify(before, s.Screen()); label != "" {
					names = append(names, st.Name+"/"+label)
				}
			}
			var res *StepResult
			for _, name := range names {
				res = result(name)
				res.Samples = append(res.Samples, n)
				if sc.KeepOutput {
					res.Output = append(res.Output, out)
				}
				if timedOut {
					res.Timeouts++
				}
			}
			if err != nil {
				return finish(fmt.Errorf("step %q: %w", st.Name, err))
			}
			if st.ExpectExit {
				return finish(nil)
			}
		}
	}
	return finish(nil)
}

// playOnce performs one repetition of st and measures it. A quiet-wait
// timeout is reported through timedOut, not err; err means the scenario
// cannot go on.
func (s *Session) playOnce(ctx context.Context, st Step, quiet, maxWait time.Duration) (n int64, timedOut bool, err error) {
	if st.Resize != nil {
		if err := s.Resize(st.Resize.Cols, st.Resize.Rows); err != nil {
			return s.Since(), false, err
		}
	}
	if st.Keys != "" {
		if err := s.Send(st.Keys); err != nil {
			return s.Since(), false, err
		}
	}
	if st.Do != nil {
		if err := st.Do(); err != nil {
			return s.Since(), false, err
		}
	}
	if st.ExpectExit {
		err := s.WaitExit(maxWait)
		if errors.Is(err, ErrTimeout) {
			return s.Since(), false, err
		}
		return s.Since(), false, nil // a non-zero exit status still counts as quitting
	}
	if st.Idle > 0 {
		t := time.NewTimer(st.Idle)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return s.Since(), false, ctx.Err()
		case <-s.readDone:
			return s.Since(), false, fmt.Errorf("%w during idle", ErrExited)
		}
		return s.Since(), false, nil
	}
	if st.WaitFor != "" {
		if err := s.WaitFor(st.WaitFor, maxWait); err != nil {
			return s.Since(), false, err
		}
	}
	if st.Ready != nil {
		if err := s.WaitScreen(st.Ready, maxWait, "the ready condition"); err != nil {
			return s.Since(), false, err
		}
	}
	n, err = s.WaitQuiet(quiet, maxWait)
	if errors.Is(err, ErrTimeout) {
		return n, true, nil
	}
	select {
	case <-s.readDone:
		return n, false, fmt.Errorf("%w unexpectedly", ErrExited)
	default:
	}
	return n, false, err
}

// ChangedRows counts the rows whose text differs between two screens as
// returned by [Session.Screen] in more than minCells cells (compared
// position by position; rows missing on one side count in full). With
// minCells 0 every changed row counts.
func ChangedRows(before, after string, minCells int) int {
	a, b := strings.Split(before, "\n"), strings.Split(after, "\n")
	n := 0
	for i := 0; i < max(len(a), len(b)); i++ {
		var x, y []rune
		if i < len(a) {
			x = []rune(a[i])
		}
		if i < len(b) {
			y = []rune(b[i])
		}
		diff := 0
		for j := 0; j < max(len(x), len(y)); j++ {
			if j >= len(x) || j >= len(y) || x[j] != y[j] {
				diff++
			}
		}
		if diff > minCells {
			n++
		}
	}
	return n
}

// ClassifyScroll returns a [Step.Classify] function for cursor moves in a
// list: a move that rewrote the text of at least minRows rows brought other
// rows into view ("scroll", whether the program scrolls by a line or turns a
// page); any other move stayed on the page ("in-page"). A row counts as
// rewritten when more than 4 of its cells changed, so a selection marker, an
// unread flag, an age that ticked over or a position counter does not make
// a move a scroll. 4 rows is a sensible threshold for lists taller than a
// dozen rows.
func ClassifyScroll(minRows int) func(before, after string) string {
	return func(before, after string) string {
		if ChangedRows(before, after, 4) >= minRows {
			return "scroll"
		}
		return "in-page"
	}
}

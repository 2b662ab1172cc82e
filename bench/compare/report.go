package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/charmbracelet/x/vt"

	"sapa/bench/ptymeter"
)

// results is everything one run produced.
type results struct {
	Started  string         `json:"started"`
	Finished string         `json:"finished"`
	Machine  machine        `json:"machine"`
	Options  map[string]any `json:"options"`
	Dataset  map[string]any `json:"dataset"`
	Runs     []*runResult   `json:"runs"`
	Targets  []target       `json:"targets"`
}

// runResult is one program at one size.
type runResult struct {
	Program string            `json:"program"`
	Label   string            `json:"label"`
	Size    string            `json:"size"`
	Command string            `json:"command"`
	Keys    map[string]string `json:"keys"`
	Metrics metrics           `json:"metrics"`
	// Transient is text shown during start-up that is not part of the
	// first full frame: progress counters, "loading" notes.
	Transient []string          `json:"startup_transient_text"`
	Report    *ptymeter.Report  `json:"report"`
	samples   map[string][]byte // typical outputs, for bytes-*.txt
}

// metrics are the numbers of the comparison table, in bytes.
type metrics struct {
	Startup      int64   `json:"startup"`
	Setup        int64   `json:"setup"`
	DownN        int     `json:"j_n"`
	DownMean     float64 `json:"j_mean"`
	DownP50      int64   `json:"j_p50"`
	DownMax      int64   `json:"j_max"`
	InPageN      int     `json:"j_in_page_n"`
	InPageMean   float64 `json:"j_in_page_mean"`
	ScrollN      int     `json:"j_scroll_n"`
	ScrollMean   float64 `json:"j_scroll_mean"`
	PageDown     float64 `json:"page_down_mean"`
	SearchKey    int64   `json:"search_prompt_key"`
	SearchType   float64 `json:"search_typed_mean"`
	SearchEnter  int64   `json:"search_submit"`
	SearchClear  int64   `json:"search_clear"`
	TypeN        int     `json:"typing_n"`
	TypeMean     float64 `json:"typing_mean"`
	TypeP50      int64   `json:"typing_p50"`
	TypeMax      int64   `json:"typing_max"`
	Arrive       int64   `json:"new_item_while_idle"`
	StartupFresh int64   `json:"startup_fresh"`
	// StartupAgain is a warm start of the data the fresh start left: the
	// same simulated history, so the same first screen.
	StartupAgain int64   `json:"startup_again_same_data"`
	Bottom       int64   `json:"G"`
	Open         int64   `json:"open"`
	Back         int64   `json:"back"`
	Resize       int64   `json:"resize"`
	Idle         int64   `json:"idle"`
	IdleSeconds  float64 `json:"idle_seconds"`
	Total        int64   `json:"total"`
	Timeouts     int     `json:"timeouts"`
	StoppedEarly string  `json:"stopped_early,omitempty"`
}

func newRunResult(p *program, z size, rep *ptymeter.Report, o *options) *runResult {
	r := &runResult{
		Program: p.name, Label: p.label, Size: z.String(), Command: p.notes, Report: rep,
		Keys:    map[string]string{"setup": p.setupName, "down": p.down, "bottom": p.bottom, "open": p.open, "back": p.back},
		samples: map[string][]byte{},
	}
	m := &r.Metrics
	one := func(name string) int64 {
		if st := rep.Step(name); st != nil && len(st.Samples) > 0 {
			m.Timeouts += st.Timeouts
			return st.Samples[0]
		}
		return -1
	}
	m.Startup, m.Setup = one(stepStartup), one(stepSetup)
	m.Bottom, m.Open, m.Back, m.Resize = one(stepBottom), one(stepOpen), one(stepBack), one(stepResize)
	m.SearchKey, m.SearchEnter, m.SearchClear, m.Arrive = one(stepSearchKey), one(stepSearchEnter), one(stepSearchClear), one(stepArrive)
	m.PageDown, m.SearchType, m.TypeMean, m.TypeP50, m.TypeMax, m.StartupFresh, m.StartupAgain = -1, -1, -1, -1, -1, -1, -1
	if st := rep.Step(stepPageDown); st != nil {
		m.PageDown = st.Stats.Mean
		r.samples[stepPageDown] = pick(st.Output, 0)
	}
	if st := rep.Step(stepSearchType); st != nil {
		m.SearchType = st.Stats.Mean
		r.samples[stepSearchType] = pick(st.Output, 1)
	}
	if st := rep.Step(stepType); st != nil {
		m.TypeN, m.TypeMean, m.TypeP50, m.TypeMax = st.Stats.N, st.Stats.Mean, st.Stats.P50, st.Stats.Max
		m.Timeouts += st.Timeouts
		r.samples["typing (the third character)"] = pick(st.Output, 2)
		worst := 0
		for i, n := range st.Samples {
			if n > st.Samples[worst] {
				worst = i
			}
		}
		r.samples["typing (the worst character)"] = pick(st.Output, worst)
	}
	for _, name := range []string{stepSearchEnter, stepSearchClear, stepArrive} {
		if st := rep.Step(name); st != nil {
			r.samples[name] = pick(st.Output, 0)
		}
	}
	m.Idle, m.IdleSeconds = -1, o.idle.Seconds()
	if o.idle > 0 {
		m.Idle = one(stepIdle)
	}
	if st := rep.Step(stepDown); st != nil {
		m.DownN, m.DownMean, m.DownP50, m.DownMax = st.Stats.N, st.Stats.Mean, st.Stats.P50, st.Stats.Max
		m.Timeouts += st.Timeouts
	}
	if st := rep.Step(stepDown + "/in-page"); st != nil {
		m.InPageN, m.InPageMean = st.Stats.N, st.Stats.Mean
		r.samples["j in-page (the second such press)"] = pick(st.Output, 1)
	}
	if st := rep.Step(stepDown + "/scroll"); st != nil {
		m.ScrollN, m.ScrollMean = st.Stats.N, st.Stats.Mean
		r.samples["j scroll (the first such press)"] = pick(st.Output, 0)
	}
	for _, name := range []string{stepStartup, stepBottom, stepOpen, stepBack} {
		if st := rep.Step(name); st != nil {
			r.samples[name] = pick(st.Output, 0)
		}
	}
	if st := rep.Step(stepStartup); st != nil && len(st.Output) > 0 {
		r.Transient = transientText(st.Output[0], z, rep.Screen)
	}
	m.Total, m.StoppedEarly = rep.Total, rep.Error
	return r
}

func pick(outs [][]byte, i int) []byte {
	if i < len(outs) {
		return outs[i]
	}
	if len(outs) > 0 {
		return outs[len(outs)-1]
	}
	return nil
}

// transientText replays the start-up output on a terminal emulator and
// collects the rows that were on the screen at some point but are neither
// on the first full frame nor a part of one of its rows (a row caught half
// drawn): progress messages and other chatter.
func transientText(out []byte, z size, _ string) []string {
	emu := vt.NewEmulator(z.cols, z.rows)
	done := make(chan struct{})
	go func() { _, _ = io.Copy(io.Discard, emu); close(done) }()
	defer func() {
		if pw, ok := emu.InputPipe().(*io.PipeWriter); ok {
			_ = pw.Close()
		}
		_ = emu.Close()
	}()
	snapshot := func() []string {
		rows := make([]string, z.rows)
		for y := 0; y < z.rows; y++ {
			var b strings.Builder
			for x := 0; x < z.cols; x++ {
				c := emu.CellAt(x, y)
				switch {
				case c == nil || c.Content == "" && c.Width != 0:
					b.WriteByte(' ')
				case c.Content == "":
				default:
					b.WriteString(c.Content)
				}
			}
			rows[y] = strings.TrimSpace(b.String())
		}
		return rows
	}
	seen := map[string]bool{}
	var order []string
	const chunk = 16
	for i := 0; i < len(out); i += chunk {
		_, _ = emu.Write(out[i:min(i+chunk, len(out))])
		for _, row := range snapshot() {
			if row != "" && !seen[row] {
				seen[row] = true
				order = append(order, row)
			}
		}
	}
	final := snapshot()
	var transient []string
	for _, row := range order {
		part := false
		for _, f := range final {
			if strings.Contains(f, row) {
				part = true
				break
			}
		}
		if !part {
			transient = append(transient, row)
		}
	}
	// A row caught half drawn is part of a later transient row: keep only
	// the whole ones.
	var whole []string
	for i, row := range transient {
		part := false
		for j, other := range transient {
			if i != j && len(other) > len(row) && strings.HasPrefix(other, row) {
				part = true
				break
			}
		}
		if !part {
			whole = append(whole, row)
		}
	}
	return whole
}

// machine describes where the run happened.
type machine struct {
	CPU      string `json:"cpu"`
	CPUs     int    `json:"cpus"`
	MemoryGB string `json:"memory"`
	Kernel   string `json:"kernel"`
	OS       string `json:"os"`
	Go       string `json:"go"`
	Sapa     string `json:"sapa"`
	Commit   string `json:"commit"`
	Neomutt  string `json:"neomutt,omitempty"`
	Aerc     string `json:"aerc,omitempty"`
}

func describeMachine(ctx context.Context, root, sapa string, peers map[string]string) machine {
	m := machine{CPUs: runtime.NumCPU(), Commit: gitDescribe(ctx, root)}
	m.CPU = procField("/proc/cpuinfo", "model name")
	if kb, err := strconv.ParseFloat(strings.Fields(procField("/proc/meminfo", "MemTotal") + " 0")[0], 64); err == nil {
		m.MemoryGB = fmt.Sprintf("%.1f GiB", kb/(1<<20))
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	m.OS = strings.Trim(procField("/etc/os-release", "PRETTY_NAME"), `"`)
	if out, err := exec.CommandContext(ctx, "go", "version").Output(); err == nil {
		m.Go = strings.TrimSpace(string(out))
	}
	if out, err := exec.CommandContext(ctx, sapa, "--version").Output(); err == nil {
		m.Sapa = strings.TrimSpace(string(out))
	}
	m.Neomutt = peerVersion(ctx, peers["neomutt"])
	m.Aerc = peerVersion(ctx, peers["aerc"])
	return m
}

// procField returns the value of the first "key: value" or "key=value"
// line of a file.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		for _, sep := range []string{":", "="} {
			if k, v, ok := strings.Cut(line, sep); ok && strings.TrimSpace(k) == key {
				return strings.TrimSpace(v)
			}
		}
	}
	return ""
}

func (o *options) summary() map[string]any {
	var sizes []string
	for _, z := range o.sizes {
		sizes = append(sizes, z.String())
	}
	return map[string]any{
		"sizes": sizes, "programs": o.programs, "presses": o.presses, "idle": o.idle.String(),
		"conversations": o.conversations, "seed": o.seed, "ssh": o.ssh,
		"key_quiet": o.keyQuiet.String(), "step_quiet": o.stepQuiet.String(), "resize_by": o.resizeBy.String(),
	}
}

// target is one goal of the issue and whether this run met it.
type target struct {
	Name   string  `json:"name"`
	Size   string  `json:"size"`
	Limit  float64 `json:"limit"`
	Value  float64 `json:"value"`
	Met    bool    `json:"met"`
	Detail string  `json:"detail"`
}

// startupLimit is "3 KB", read as 3,000 bytes (the stricter reading).
const startupLimit = 3000

func checkTargets(res *results) []target {
	find := func(program, size string) *runResult {
		for _, r := range res.Runs {
			if r.Program == program && r.Size == size {
				return r
			}
		}
		return nil
	}
	var out []target
	add := func(name, size string, limit, value float64, detail string) {
		out = append(out, target{Name: name, Size: size, Limit: limit, Value: value, Met: value <= limit, Detail: detail})
	}
	for _, z := range res.Options["sizes"].([]string) {
		lb, def, nm := find("sapa-lb", z), find("sapa", z), find("neomutt", z)
		if lb != nil && lb.Metrics.DownN > 0 {
			switch z {
			case "80x24":
				add("low-bandwidth: mean bytes per j, scrolling included", z, 100, lb.Metrics.DownMean, "≤ 100")
			case "200x50":
				add("low-bandwidth: mean bytes per j, scrolling included", z, 120, lb.Metrics.DownMean, "≤ 120")
			}
		}
		if def != nil && nm != nil && def.Metrics.DownN > 0 {
			add("default look: mean bytes per j ≤ neomutt's in the same run", z, nm.Metrics.DownMean, def.Metrics.DownMean,
				fmt.Sprintf("neomutt %.1f", nm.Metrics.DownMean))
		}
		for _, r := range []*runResult{def, lb} {
			if r == nil {
				continue
			}
			if z == "80x24" {
				add(r.Label+": start-up bytes", z, startupLimit, float64(r.Metrics.Startup), "≤ 3,000")
			}
			if r.Program == "sapa-lb" && r.Metrics.TypeN > 0 {
				add("low-bandwidth: typing next to emoji rows, mean bytes per character", z, 15, r.Metrics.TypeMean, "≤ 15")
				add("low-bandwidth: typing next to emoji rows, worst character", z, 30, float64(r.Metrics.TypeMax), "≤ 30")
				add("low-bandwidth: a character typed at the end of the line (median)", z, 3, float64(r.Metrics.TypeP50), "≤ 3")
			}
			if r.Metrics.StartupFresh >= 0 && r.Metrics.StartupAgain >= 0 {
				// Against a warm start of the same data: the scenario's
				// data is another simulated history (see startupsFresh).
				add(r.Label+": fresh start-up no larger than warm (+10 %)", z, 1.1*float64(r.Metrics.StartupAgain), float64(r.Metrics.StartupFresh),
					fmt.Sprintf("warm %s on the same data", num(r.Metrics.StartupAgain)))
			}
			if r.Metrics.Idle >= 0 {
				add(r.Label+": bytes while idle", z, 0, float64(r.Metrics.Idle), fmt.Sprintf("0 in %gs", r.Metrics.IdleSeconds))
			}
			detail := "0"
			if len(r.Transient) > 0 {
				detail = "0; seen: " + strings.Join(r.Transient, " | ")
			}
			add(r.Label+": start-up transient (progress) rows", z, 0, float64(len(r.Transient)), detail)
		}
	}
	return out
}

// pressed is s when the run pressed j at all, "-" otherwise (-startup-only).
func pressed(m metrics, s string) string {
	if m.DownN == 0 {
		return "-"
	}
	return s
}

// programsIn lists the programs of a size in run order.
func (res *results) runsAt(size string) []*runResult {
	var out []*runResult
	for _, r := range res.Runs {
		if r.Size == size {
			out = append(out, r)
		}
	}
	return out
}

// table rows: label and how to print a metric.
var tableRows = []struct {
	label string
	value func(m metrics) string
}{
	{"start-up (first full frame)", func(m metrics) string { return num(m.Startup) }},
	{"j, mean of all presses", func(m metrics) string { return pressed(m, fmt.Sprintf("%.1f", m.DownMean)) }},
	{"j, in-page moves: mean (n)", func(m metrics) string { return pressed(m, fmt.Sprintf("%.1f (%d)", m.InPageMean, m.InPageN)) }},
	{"j, scrolling moves: mean (n)", func(m metrics) string { return pressed(m, fmt.Sprintf("%.1f (%d)", m.ScrollMean, m.ScrollN)) }},
	{"j, median / max", func(m metrics) string { return pressed(m, fmt.Sprintf("%d / %s", m.DownP50, num(m.DownMax))) }},
	{"page down, mean of 3", func(m metrics) string { return mean(m.PageDown) }},
	{"G (last item)", func(m metrics) string { return num(m.Bottom) }},
	{"open", func(m metrics) string { return num(m.Open) }},
	{"back", func(m metrics) string { return num(m.Back) }},
	{"search: prompt key (/)", func(m metrics) string { return num(m.SearchKey) }},
	{"search: typed key, mean", func(m metrics) string { return mean(m.SearchType) }},
	{"search: submit (Enter)", func(m metrics) string { return num(m.SearchEnter) }},
	{"search: clear", func(m metrics) string { return num(m.SearchClear) }},
	{"typing a reply: mean / median / max per character (n)", func(m metrics) string {
		if m.TypeMean < 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f / %d / %d (%d)", m.TypeMean, m.TypeP50, m.TypeMax, m.TypeN)
	}},
	{"new item arriving while idle (5 s)", func(m metrics) string { return num(m.Arrive) }},
	{"start-up, fresh data (first full frame)", func(m metrics) string { return num(m.StartupFresh) }},
	{"start-up again on that data, warm (first full frame)", func(m metrics) string { return num(m.StartupAgain) }},
	{"resize", func(m metrics) string { return num(m.Resize) }},
	{"idle", func(m metrics) string {
		if m.Idle < 0 {
			return "-"
		}
		return fmt.Sprintf("%s in %gs", num(m.Idle), m.IdleSeconds)
	}},
	{"setup key (not compared)", func(m metrics) string { return num(m.Setup) }},
	{"timeouts", func(m metrics) string { return strconv.Itoa(m.Timeouts) }},
}

// mean formats a mean byte count, "-" when the step did not run.
func mean(v float64) string {
	if v < 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", v)
}

// num formats a byte count with thousands separators.
func num(n int64) string {
	if n < 0 {
		return "-"
	}
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func (res *results) writeText(w io.Writer) error {
	for _, z := range res.Options["sizes"].([]string) {
		runs := res.runsAt(z)
		if len(runs) == 0 {
			continue
		}
		fmt.Fprintf(w, "\nBytes written at %s (%s conversations / messages, SSH %v):\n", z, fmt.Sprint(res.Dataset["conversations"]), res.Options["ssh"])
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "\t")
		for _, r := range runs {
			fmt.Fprintf(tw, "%s\t", r.Label)
		}
		fmt.Fprintln(tw)
		for _, row := range tableRows {
			fmt.Fprintf(tw, "%s\t", row.label)
			for _, r := range runs {
				fmt.Fprintf(tw, "%s\t", row.value(r.Metrics))
			}
			fmt.Fprintln(tw)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, r := range runs {
			if r.Metrics.StoppedEarly != "" {
				fmt.Fprintf(w, "%s stopped early: %s\n", r.Label, r.Metrics.StoppedEarly)
			}
		}
	}
	fmt.Fprintln(w, "\nTargets:")
	for _, t := range res.Targets {
		mark := "met   "
		if !t.Met {
			mark = "MISSED"
		}
		fmt.Fprintf(w, "  %s %-62s %-7s %10.1f  (%s)\n", mark, t.Name, t.Size, t.Value, t.Detail)
	}
	return nil
}

func (res *results) writeMarkdown(w io.Writer) {
	fmt.Fprintf(w, "# Sapa byte benchmark: results\n\nRun %s to %s with `bench/run.sh` (see BENCHMARKS.md). ", res.Started, res.Finished)
	fmt.Fprintf(w, "Machine: %s, %d CPUs, %s, Linux %s, %s. %s; %s; %s; %s.\n",
		res.Machine.CPU, res.Machine.CPUs, res.Machine.MemoryGB, res.Machine.Kernel, res.Machine.OS,
		res.Machine.Sapa, res.Machine.Neomutt, res.Machine.Aerc, res.Machine.Go)
	fmt.Fprintf(w, "\nData: %v conversations (%v messages) of the demo, seed %v, generated at %v; the peers read a Maildir of the same %v items.\n",
		res.Dataset["conversations"], res.Dataset["messages"], res.Dataset["seed"], res.Dataset["generated_at"], res.Dataset["conversations"])
	for _, z := range res.Options["sizes"].([]string) {
		runs := res.runsAt(z)
		if len(runs) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n## %s\n\n| bytes |", z)
		for _, r := range runs {
			fmt.Fprintf(w, " %s |", r.Label)
		}
		fmt.Fprint(w, "\n|---|")
		for range runs {
			fmt.Fprint(w, "--:|")
		}
		fmt.Fprintln(w)
		for _, row := range tableRows {
			fmt.Fprintf(w, "| %s |", row.label)
			for _, r := range runs {
				fmt.Fprintf(w, " %s |", row.value(r.Metrics))
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprint(w, "\n## Targets\n\n| target | size | value | limit | |\n|---|---|--:|--:|---|\n")
	for _, t := range res.Targets {
		mark := "met"
		if !t.Met {
			mark = "**missed**"
		}
		fmt.Fprintf(w, "| %s | %s | %.1f | %s | %s |\n", t.Name, t.Size, t.Value, t.Detail, mark)
	}
}

// save writes results.json, results.md and one bytes-SIZE.txt per size.
func (res *results) save(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "results.json"), append(b, '\n'), 0o644); err != nil {
		return err
	}
	var md strings.Builder
	res.writeMarkdown(&md)
	if err := os.WriteFile(filepath.Join(dir, "results.md"), []byte(md.String()), 0o644); err != nil {
		return err
	}
	for _, z := range res.Options["sizes"].([]string) {
		var out strings.Builder
		fmt.Fprintf(&out, "Exact bytes written at %s, as Go-quoted strings broken after each newline.\n", z)
		for _, r := range res.runsAt(z) {
			for _, name := range []string{stepStartup, "j in-page (the second such press)", "j scroll (the first such press)", stepPageDown, stepBottom, stepOpen, stepBack,
				stepSearchType, stepSearchEnter, stepSearchClear, "typing (the third character)", "typing (the worst character)", stepArrive, stepStartupFresh, stepStartupAgain} {
				sample, ok := r.samples[name]
				if !ok {
					continue
				}
				fmt.Fprintf(&out, "\n=== %s: %s (%d bytes)\n", r.Label, name, len(sample))
				writeQuoted(&out, sample)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "bytes-"+z+".txt"), []byte(out.String()), 0o644); err != nil {
			return err
		}
		var screens strings.Builder
		fmt.Fprintf(&screens, "The screen of each program at the end of its run at %s (after the resize and the idle period).\n", z)
		for _, r := range res.runsAt(z) {
			fmt.Fprintf(&screens, "\n=== %s\n%s\n", r.Label, r.Report.Screen)
		}
		if err := os.WriteFile(filepath.Join(dir, "screens-"+z+".txt"), []byte(screens.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeQuoted writes b as Go-quoted lines, one per "\n" in b.
func writeQuoted(w io.Writer, b []byte) {
	for len(b) > 0 {
		i := strings.IndexByte(string(b), '\n')
		if i < 0 {
			i = len(b) - 1
		}
		fmt.Fprintln(w, strconv.Quote(string(b[:i+1])))
		b = b[i+1:]
	}
}

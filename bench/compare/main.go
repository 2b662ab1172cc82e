// Command compare measures how many bytes Sapa writes to the terminal, side by
// side with neomutt and aerc, in one run that anyone can repeat:
//
//	bench/run.sh                 # or: go run ./bench/compare
//	bench/run.sh -idle 5s -n 30  # a quick run
//	bench/run.sh -startup-only -programs sapa,sapa-lb  # the start-ups alone
//
// It builds sapa, prepares the demo database (2,000 conversations, a fixed
// seed, history fully ingested), writes an equivalent Maildir for the peers
// (one message per conversation, in the order Sapa lists them, with the
// same names and texts, so rows are as full), installs neomutt and aerc with
// apt-get when they are missing, and then drives every program through the
// same scenario in a real pseudo-terminal at each size, counting the bytes
// it writes (see bench/ptymeter): start-up until the first full frame, 100
// presses of `j` (in-page moves and moves that bring new rows into view
// reported apart), the jump to the last item, opening an item, going back,
// a resize and an idle period. Results go to standard output as one table
// per size and to -out as results.json, results.md and bytes-*.txt (the
// exact bytes of typical key presses, for finding where they go).
//
// BENCHMARKS.md at the repository root describes the method and the
// numbers of a reference run.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// options are the parsed flags.
type options struct {
	out           string
	work          string
	keepWork      bool
	sizes         []size
	programs      []string
	presses       int
	idle          time.Duration
	conversations int
	seed          int64
	ssh           bool
	install       bool
	keyQuiet      time.Duration
	stepQuiet     time.Duration
	resizeBy      size
	sapaSrc       string
	reuse         bool
	startupOnly   bool
}

type size struct{ cols, rows int }

func (z size) String() string { return fmt.Sprintf("%dx%d", z.cols, z.rows) }

func parseSize(s string) (size, error) {
	c, r, ok := strings.Cut(strings.TrimSpace(s), "x")
	cols, err1 := strconv.Atoi(c)
	rows, err2 := strconv.Atoi(r)
	if !ok || err1 != nil || err2 != nil || cols <= 0 || rows <= 0 {
		return size{}, fmt.Errorf("bad size %q (want COLSxROWS)", s)
	}
	return size{cols, rows}, nil
}

// allPrograms are the programs a run can measure, in table order.
var allPrograms = []string{"sapa", "sapa-lb", "neomutt", "aerc"}

func parseFlags(args []string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.StringVar(&o.out, "out", "bench/results", "directory for results.json, results.md and bytes-*.txt (empty: none)")
	fs.StringVar(&o.work, "work", "", "working directory for the build, data and configs (default: a new temporary directory)")
	fs.BoolVar(&o.keepWork, "keep", false, "keep the working directory afterwards")
	fs.BoolVar(&o.reuse, "reuse", false, "reuse the demo data and Maildir already in -work (to compare two builds on the same data)")
	sizes := fs.String("sizes", "80x24,200x50", "terminal sizes, comma-separated")
	programs := fs.String("programs", strings.Join(allPrograms, ","), "programs to measure, comma-separated: "+strings.Join(allPrograms, ", "))
	fs.IntVar(&o.presses, "n", 100, "presses of j")
	fs.DurationVar(&o.idle, "idle", 60*time.Second, "idle period measured at the end (0 skips it)")
	fs.IntVar(&o.conversations, "conversations", 2000, "conversations in the demo history ([demo] conversations) and messages in the Maildir")
	fs.Int64Var(&o.seed, "seed", 1, "the demo simulator's seed")
	fs.BoolVar(&o.ssh, "ssh", true, "run every program as if logged in over SSH (SSH_TTY and SSH_CONNECTION set)")
	fs.BoolVar(&o.install, "install", true, "install missing peers with apt-get (needs root)")
	fs.DurationVar(&o.keyQuiet, "key-quiet", 250*time.Millisecond, "silence that ends the response to one j")
	fs.DurationVar(&o.stepQuiet, "step-quiet", time.Second, "silence that ends start-up and the other steps")
	fs.StringVar(&o.sapaSrc, "sapa-src", "", "build sapa from this source tree instead of the repository's (to measure a change before committing it)")
	fs.BoolVar(&o.startupOnly, "startup-only", false, "measure only the start-ups (the scenario's, then Sapa's fresh and warm again on the same data), no keys")
	resizeBy := fs.String("resize-by", "20x6", "the resize step adds this many columns and rows")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for _, s := range strings.Split(*sizes, ",") {
		z, err := parseSize(s)
		if err != nil {
			return nil, err
		}
		o.sizes = append(o.sizes, z)
	}
	var err error
	if o.resizeBy, err = parseSize(*resizeBy); err != nil {
		return nil, err
	}
	for _, p := range strings.Split(*programs, ",") {
		p = strings.TrimSpace(p)
		known := false
		for _, a := range allPrograms {
			known = known || a == p
		}
		if !known {
			return nil, fmt.Errorf("unknown program %q (known: %s)", p, strings.Join(allPrograms, ", "))
		}
		o.programs = append(o.programs, p)
	}
	if o.presses <= 0 || o.conversations <= 0 {
		return nil, fmt.Errorf("-n and -conversations must be positive")
	}
	return o, nil
}

func main() {
	o, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

// logf reports progress on standard error; the results go to standard output.
func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "compare: "+format+"\n", args...)
}

func run(ctx context.Context, o *options) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	if o.reuse && o.work == "" {
		return fmt.Errorf("-reuse needs -work")
	}
	if o.work == "" {
		if o.work, err = os.MkdirTemp("", "sapa-bench-"); err != nil {
			return err
		}
		if !o.keepWork {
			defer os.RemoveAll(o.work)
		}
	}
	if o.work, err = filepath.Abs(o.work); err != nil {
		return err
	}
	logf("working in %s", o.work)

	started := time.Now()
	src := root
	if o.sapaSrc != "" {
		if src, err = filepath.Abs(o.sapaSrc); err != nil {
			return err
		}
	}
	sapa, err := buildSapa(ctx, src, o.work)
	if err != nil {
		return err
	}
	ds, err := prepareDemo(ctx, o, sapa)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(o.work, "mail", mailFolder)); !o.reuse || err != nil {
		if err := writeMaildir(ctx, ds, filepath.Join(o.work, "mail")); err != nil {
			return err
		}
	}
	peers := map[string]string{}
	for _, p := range o.programs {
		if p == "neomutt" || p == "aerc" {
			peers[p], err = ensurePeer(ctx, p, o.install)
			if err != nil {
				logf("%s: %v; it is left out of this run", p, err)
			}
		}
	}
	machine := describeMachine(ctx, src, sapa, peers)

	res := &results{Machine: machine, Started: started.UTC().Format(time.RFC3339), Options: o.summary(),
		Dataset: ds.summary()}
	for _, z := range o.sizes {
		for _, p := range o.programs {
			if (p == "neomutt" || p == "aerc") && peers[p] == "" {
				continue
			}
			prog, err := newProgram(p, o, ds, sapa, peers[p], z)
			if err != nil {
				return err
			}
			logf("%s at %s ...", prog.label, z)
			r, err := measure(ctx, o, prog, z)
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err != nil {
				logf("%s at %s: %v", prog.label, z, err)
			}
			if r != nil {
				res.Runs = append(res.Runs, r)
				logf("%s at %s: start-up %s B, j mean %.1f B, idle %s B", prog.label, z,
					num(r.Metrics.Startup), r.Metrics.DownMean, num(r.Metrics.Idle))
			}
		}
	}
	res.Finished = time.Now().UTC().Format(time.RFC3339)
	res.Targets = checkTargets(res)

	if err := res.writeText(os.Stdout); err != nil {
		return err
	}
	if o.out != "" {
		out := o.out
		if !filepath.IsAbs(out) {
			out = filepath.Join(root, out)
		}
		if err := res.save(out); err != nil {
			return err
		}
		logf("results written to %s", out)
	}
	return nil
}

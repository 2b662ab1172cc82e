// Command termbench measures how many bytes a terminal program writes while
// it is driven through a typical mail-reading session, to compare Sapa with
// other terminal mail clients on slow SSH links.
//
// Usage:
//
//	go run ./bench/termbench [flags] -- program [args...]
//	go run ./bench/termbench [flags] -cmd 'program args'
//
// The default scenario: start and wait for the first full frame; press the
// "down" key -n times, measuring each press; jump to the bottom; open the
// selected message; go back; resize; stay idle for -idle; optionally quit.
// A step whose key flag is empty is skipped. Key flags take Go escapes, so
// -open '\r' is Enter and -back '\x1b' is Escape.
//
// Peer clients need their own keys, for example:
//
//	neomutt: -down j -bottom '*' -open '\r' -back q   ('*' is last-entry; its
//	         q in the index asks for confirmation, so leave -quit empty)
//	aerc:    -down j -bottom G -open '\r' -back q   (q closes the viewer tab)
//
// Results go to standard output as a table, or as JSON with -json. Each
// down press is reported twice: under "down" and under "down/in-page" or
// "down/scroll" (at least 4 rows rewritten). For the side-by-side comparison
// of Sapa with neomutt and aerc, see bench/compare (bench/run.sh).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"sapa/bench/ptymeter"
)

// config holds the parsed command line.
type config struct {
	cols, rows             int
	resizeCols, resizeRows int
	command                []string
	n                      int
	down, bottom           string
	open, back, quit       string
	waitFor                string
	startQuiet, keyQuiet   time.Duration
	max, idle              time.Duration
	ssh, jsonOut, screen   bool
	env                    multiFlag
	transcript             string
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "termbench:", err)
		os.Exit(2)
	}
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "termbench:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (*config, error) {
	cfg := &config{}
	fs := flag.NewFlagSet("termbench", flag.ContinueOnError)
	fs.IntVar(&cfg.cols, "cols", 80, "terminal width")
	fs.IntVar(&cfg.rows, "rows", 24, "terminal height")
	fs.IntVar(&cfg.resizeCols, "resize-cols", 100, "width for the resize step (0 skips it)")
	fs.IntVar(&cfg.resizeRows, "resize-rows", 30, "height for the resize step (0 skips it)")
	cmdLine := fs.String("cmd", "", "program and arguments, run as `sh -c 'exec ...'` (or give them after --)")
	fs.IntVar(&cfg.n, "n", 20, "number of down presses to measure")
	fs.StringVar(&cfg.down, "down", "j", "key that moves the selection down")
	fs.StringVar(&cfg.bottom, "bottom", "G", "key that jumps to the last message")
	fs.StringVar(&cfg.open, "open", `\r`, "key that opens the selected message")
	fs.StringVar(&cfg.back, "back", "q", "key that returns from a message to the list")
	fs.StringVar(&cfg.quit, "quit", "", "key that quits, measured last (empty: the program is hung up instead)")
	fs.StringVar(&cfg.waitFor, "wait-for", "", "screen text that marks the first frame (optional)")
	fs.DurationVar(&cfg.startQuiet, "start-quiet", 300*time.Millisecond, "silence that ends the first frame")
	fs.DurationVar(&cfg.keyQuiet, "key-quiet", 150*time.Millisecond, "silence that ends the response to a key")
	fs.DurationVar(&cfg.max, "max", 20*time.Second, "longest wait for any step")
	fs.DurationVar(&cfg.idle, "idle", 60*time.Second, "idle period to measure (0 skips it)")
	fs.BoolVar(&cfg.ssh, "ssh", false, "set SSH_TTY and SSH_CONNECTION as sshd would")
	fs.Var(&cfg.env, "env", "extra NAME=VALUE for the program (repeatable)")
	fs.BoolVar(&cfg.jsonOut, "json", false, "print the report as JSON")
	fs.BoolVar(&cfg.screen, "screen", false, "print the final screen to standard error")
	fs.StringVar(&cfg.transcript, "transcript", "", "write every byte the program writes to this file")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	switch {
	case *cmdLine != "" && fs.NArg() > 0:
		return nil, fmt.Errorf("give the program with -cmd or after --, not both")
	case *cmdLine != "":
		cfg.command = []string{"/bin/sh", "-c", "exec " + *cmdLine}
	case fs.NArg() > 0:
		cfg.command = fs.Args()
	default:
		return nil, fmt.Errorf("no program given (use -cmd or -- program args)")
	}
	for _, p := range []*string{&cfg.down, &cfg.bottom, &cfg.open, &cfg.back, &cfg.quit} {
		k, err := unescape(*p)
		if err != nil {
			return nil, err
		}
		*p = k
	}
	return cfg, nil
}

// unescape interprets Go string escapes such as \r, \x1b and \t in a key.
func unescape(s string) (string, error) {
	k, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`)
	if err != nil {
		return "", fmt.Errorf("bad key %q: %v", s, err)
	}
	return k, nil
}

// scenario builds the generic mail-client scenario from the flags.
func scenario(cfg *config) ptymeter.Scenario {
	sc := ptymeter.Scenario{
		Name:  "mail",
		Size:  ptymeter.Size{Cols: cfg.cols, Rows: cfg.rows},
		Quiet: cfg.keyQuiet,
		Max:   cfg.max,
		Options: ptymeter.Options{
			SSH: cfg.ssh,
			Env: cfg.env,
		},
	}
	add := func(st ptymeter.Step) { sc.Steps = append(sc.Steps, st) }
	add(ptymeter.Step{Name: "startup", WaitFor: cfg.waitFor, Quiet: cfg.startQuiet})
	if cfg.down != "" && cfg.n > 0 {
		// Each press is also reported as down/in-page or down/scroll.
		add(ptymeter.Step{Name: "down", Keys: cfg.down, Repeat: cfg.n, Classify: ptymeter.ClassifyScroll(4)})
	}
	if cfg.bottom != "" {
		add(ptymeter.Step{Name: "bottom", Keys: cfg.bottom})
	}
	if cfg.open != "" {
		add(ptymeter.Step{Name: "open", Keys: cfg.open})
	}
	if cfg.back != "" {
		add(ptymeter.Step{Name: "back", Keys: cfg.back})
	}
	if cfg.resizeCols > 0 && cfg.resizeRows > 0 {
		add(ptymeter.Step{Name: "resize", Resize: &ptymeter.Size{Cols: cfg.resizeCols, Rows: cfg.resizeRows}, Quiet: cfg.startQuiet})
	}
	if cfg.idle > 0 {
		add(ptymeter.Step{Name: "idle", Idle: cfg.idle})
	}
	if cfg.quit != "" {
		add(ptymeter.Step{Name: "quit", Keys: cfg.quit, ExpectExit: true})
	}
	return sc
}

func run(cfg *config) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	sc := scenario(cfg)
	if cfg.transcript != "" {
		f, err := os.Create(cfg.transcript)
		if err != nil {
			return err
		}
		defer f.Close()
		sc.Options.Transcript = f
	}
	cmd := exec.Command(cfg.command[0], cfg.command[1:]...)
	rep, err := ptymeter.Run(ctx, cmd, sc)
	if rep == nil {
		return err
	}
	if cfg.screen {
		fmt.Fprintf(os.Stderr, "--- final screen ---\n%s\n---\n", rep.Screen)
	}
	if cfg.jsonOut {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		if werr := enc.Encode(rep); werr != nil {
			return werr
		}
	} else if werr := rep.WriteTable(os.Stdout); werr != nil {
		return werr
	}
	return err
}

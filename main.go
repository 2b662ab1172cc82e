// Command sapa is a terminal inbox in which a regency's communication office
// reads and answers citizens on every platform: Facebook, Messenger,
// Instagram, WhatsApp, X, YouTube, Telegram, Mastodon and email. It is the only
// place that knows the concrete connectors; everything else sees interfaces.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

const usage = `Sapa — one keyboard-driven inbox for every channel citizens write to.

Usage:
  sapa [flags]              open the inbox for the accounts in the config file
  sapa demo [flags]         open the inbox on the built-in demo (no accounts needed)
  sapa relay [flags]        run only the relay (fetch and send), no screen
  sapa serve [flags]        run the relay and the webhook listener ([serve] listen)
  sapa doctor [flags]       check every configured account and print what to fix

Flags:
  --config PATH       config file (default: $SAPA_CONFIG, then $XDG_CONFIG_HOME/sapa/config.toml)
  --low-bandwidth     selection marker instead of highlight, no colour (for slow links)
  --fresh             demo only: delete the demo data and start over
  --no-live           demo only: no live trickle of new messages
  --seed N            demo only: the simulator's seed
  --help              show this help
  --version           show the version
`

// options are the parsed command line.
type options struct {
	command      string
	configPath   string
	lowBandwidth bool
	fresh        bool
	noLive       bool
	seed         int64
}

func parseArgs(args []string, stderr io.Writer) (options, error) {
	var o options
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		o.command, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("sapa", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.configPath, "config", "", "")
	fs.BoolVar(&o.lowBandwidth, "low-bandwidth", false, "")
	fs.BoolVar(&o.fresh, "fresh", false, "")
	fs.BoolVar(&o.noLive, "no-live", false, "")
	fs.Int64Var(&o.seed, "seed", 0, "")
	showVersion := fs.Bool("version", false, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			o.command = "help"
			return o, nil
		}
		return o, fmt.Errorf("%v (see sapa --help)", err)
	}
	if *showVersion {
		o.command = "version"
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (see sapa --help)", fs.Arg(0))
	}
	switch o.command {
	case "", "demo", "relay", "serve", "doctor", "help", "version":
	default:
		return o, fmt.Errorf("unknown command %q (see sapa --help)", o.command)
	}
	return o, nil
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one invocation and returns the exit status. Errors are one
// clear line on stderr, never a stack trace.
func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseArgs(args, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "sapa:", err)
		return 2
	}
	switch o.command {
	case "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "version":
		fmt.Fprintln(stdout, "sapa", version)
		return 0
	}
	code, err := dispatch(o, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "sapa:", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

func dispatch(o options, stdout io.Writer) (int, error) {
	env, err := setup(o)
	if err != nil {
		return 1, err
	}
	defer env.close()
	switch o.command {
	case "relay":
		return 0, env.runRelay(false)
	case "serve":
		return 0, env.runRelay(true)
	case "doctor":
		return env.doctor(stdout), nil
	default:
		return 0, env.runUI()
	}
}

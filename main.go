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

// options are the parsed command line.
type options struct {
	command      string
	args         []string // the subcommand's positional arguments
	configPath   string
	lowBandwidth bool
	lang         string
	fresh        bool
	noLive       bool
	seed         int64
	as           string // demo: open as this demo admin
	serve        bool   // demo: serve over SSH on localhost
	port         int    // demo: the SSH port of --serve
	eval         string // route: a labelled set to score
	audit        auditOptions
	report       reportOptions
	help         bool // --help: the command's usage, or the whole usage
	version      bool
}

// subcommand is one verb of the command line. Its flags are its own; the
// global flags are accepted before or after it. Usage text is generated from
// this table, so --help lists what really parses.
type subcommand struct {
	name     string // "" is the inbox itself
	summary  string
	flags    func(fs *flag.FlagSet, o *options)
	args     string // positional arguments in usage, "" for none
	nargs    int    // how many positional arguments it takes
	optional bool   // the positional arguments may be left out
}

// subcommands lists every verb in the order --help shows them.
func subcommands() []subcommand {
	return []subcommand{
		{name: "", summary: "open the inbox for the accounts in the config file"},
		{name: "demo", summary: "open the inbox on the built-in demo of Kabupaten Bogor (no accounts needed)", flags: demoFlags},
		{name: "relay", summary: "run only the relay (fetch and send), no screen"},
		{name: "serve", summary: "run the relay and the webhook listener ([serve] listen)"},
		{name: "doctor", summary: "check every configured account and the store, and print what to fix"},
		{name: "backup", summary: "write a backup of the store to PATH (a directory: a dated file in it), safe while Sapa runs",
			args: "PATH", nargs: 1},
		{name: "audit", summary: "export the audit log: who did what, when (CSV or JSON lines)", flags: auditFlags},
		{name: "report", summary: "response-time report for a period by unit, admin, platform or label (table, CSV, JSON or xlsx)",
			flags: reportFlags},
		{name: "route", summary: "print the unit and agency of each message (lines, or JSON lines with \"text\")",
			flags: routeFlags, args: "[FILE]", nargs: 1, optional: true},
		{name: "admin", summary: "register admins: units, roles, SSH keys, invitations (sapa admin --help)", args: "VERB …"},
	}
}

// flagHelp is one flag in the usage text.
type flagHelp struct{ name, text string }

// globalFlags are accepted by every subcommand, before or after its name.
func globalFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.configPath, "config", "", "config file `PATH` (default: $SAPA_CONFIG, then $XDG_CONFIG_HOME/sapa/config.toml)")
	fs.BoolVar(&o.lowBandwidth, "low-bandwidth", false, "selection marker instead of highlight, no colour (for slow links)")
	fs.StringVar(&o.lang, "lang", "", "screen language `LANG`: id or en (default: [ui] language, then $LANG)")
	fs.BoolVar(&o.help, "help", false, "show this help")
	fs.BoolVar(&o.version, "version", false, "show the version")
}

func routeFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.eval, "eval", "", "score the matcher on a labelled set `FILE` (JSON lines) instead")
}

func demoFlags(fs *flag.FlagSet, o *options) {
	fs.BoolVar(&o.fresh, "fresh", false, "delete the demo data and start over")
	fs.BoolVar(&o.noLive, "no-live", false, "no live trickle of new messages")
	fs.Int64Var(&o.seed, "seed", 0, "seed `N` of the simulator")
	fs.StringVar(&o.as, "as", "", "open as the demo admin `NAME` (default: "+demoSupervisor+", the kabupaten's supervisor)")
	fs.BoolVar(&o.serve, "serve", false, "serve the demo over SSH on localhost, with a key per demo admin, and print the ssh command of each")
	fs.IntVar(&o.port, "port", 2222, "the SSH `PORT` of --serve on localhost")
}

// flagSet builds the parser of one subcommand: the global flags and its own.
func flagSet(sc subcommand, o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("sapa", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	globalFlags(fs, o)
	if sc.flags != nil {
		sc.flags(fs, o)
	}
	return fs
}

// findSubcommand picks the subcommand out of args: the first argument that
// is neither a flag nor a flag's value. Values are recognised by asking a
// parser that knows every flag of every subcommand whether a flag is boolean.
func findSubcommand(args []string) (name string, rest []string) {
	// One parser per subcommand: two subcommands may share a flag's name
	// (audit's and report's --from), which one parser would refuse.
	var parsers []*flag.FlagSet
	for _, sc := range subcommands() {
		var scratch options
		parsers = append(parsers, flagSet(sc, &scratch))
	}
	lookup := func(name string) *flag.Flag {
		for _, fs := range parsers {
			if f := fs.Lookup(name); f != nil {
				return f
			}
		}
		return nil
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return "", args
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			return a, append(append([]string(nil), args[:i]...), args[i+1:]...)
		}
		fname := strings.TrimLeft(a, "-")
		if strings.Contains(fname, "=") {
			continue
		}
		if f := lookup(fname); f != nil {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
				i++ // the flag's value
			}
		}
	}
	return "", args
}

func parseArgs(args []string) (options, error) {
	var o options
	name, rest := findSubcommand(args)
	switch name { // the verbs of --help and --version
	case "help":
		o.help = true
		return o, nil
	case "version":
		o.version = true
		return o, nil
	}
	var sc *subcommand
	for _, c := range subcommands() {
		if c.name == name {
			sc = &c
		}
	}
	if sc == nil {
		return o, fmt.Errorf("unknown command %q (see sapa --help)", name)
	}
	o.command = name
	fs := flagSet(*sc, &o)
	// Positional arguments may sit between flags: parse, take one, go on.
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				o.help = true
				return o, nil
			}
			return o, fmt.Errorf("%v (see %s --help)", err, commandLine(name))
		}
		if fs.NArg() == 0 {
			break
		}
		o.args = append(o.args, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(o.args) > sc.nargs {
		return o, fmt.Errorf("unexpected argument %q (see %s --help)", o.args[sc.nargs], commandLine(name))
	}
	if len(o.args) < sc.nargs && !sc.optional && !o.help {
		return o, fmt.Errorf("%s needs %s (see %s --help)", commandLine(name), sc.args, commandLine(name))
	}
	if err := flagsTogether(fs, o, name); err != nil {
		return o, err
	}
	switch o.lang {
	case "", "id", "en":
	default:
		return o, fmt.Errorf("--lang %q: use id or en", o.lang)
	}
	return o, nil
}

// flagsTogether refuses a flag that means nothing without another: demo's
// --port without --serve would silently open the local screen instead.
func flagsTogether(fs *flag.FlagSet, o options, name string) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "port" && !o.serve {
			err = fmt.Errorf("--port needs --serve (see %s --help)", commandLine(name))
		}
	})
	return err
}

// commandLine is how a subcommand is typed: "sapa demo", or "sapa".
func commandLine(name string) string {
	return strings.TrimSpace("sapa " + name)
}

// usage is the help text of one subcommand, or of the whole program when
// name is "".
func usage(name string) string {
	var b strings.Builder
	var o options
	if name == "" {
		b.WriteString("Sapa — one keyboard-driven inbox for every channel citizens write to.\n\nUsage:\n")
		for _, sc := range subcommands() {
			cmd := strings.TrimSpace(commandLine(sc.name) + " [flags] " + sc.args)
			fmt.Fprintf(&b, "  %-26s%s\n", cmd, sc.summary)
		}
		b.WriteString("\nFlags (before or after the command):\n")
		writeFlags(&b, flagSet(subcommand{}, &o))
		b.WriteString("\nEach command's own flags: sapa COMMAND --help\n")
		return b.String()
	}
	for _, sc := range subcommands() {
		if sc.name != name {
			continue
		}
		fmt.Fprintf(&b, "Usage: %s\n\n%s\n", strings.TrimSpace(commandLine(sc.name)+" [flags] "+sc.args), sc.summary)
		if sc.flags != nil {
			own := flag.NewFlagSet(name, flag.ContinueOnError)
			sc.flags(own, &o)
			b.WriteString("\nFlags:\n")
			writeFlags(&b, own)
		}
		b.WriteString("\nGlobal flags:\n")
		writeFlags(&b, flagSet(subcommand{}, &o))
	}
	return b.String()
}

// writeFlags lists a flag set's flags: "--name VALUE  text", the value's
// name taken from the `quoted` word of the text, and a default that is not
// the zero value.
func writeFlags(b *strings.Builder, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name := "--" + f.Name
		arg, text := flag.UnquoteUsage(f)
		if v, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !v.IsBoolFlag() {
			name += " " + strings.ToUpper(arg)
			if d := f.DefValue; d != "" && d != "0" {
				text += " (default " + d + ")"
			}
		}
		fmt.Fprintf(b, "  %-20s%s\n", name, text)
	})
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one invocation and returns the exit status. Errors are one
// clear line on stderr, never a stack trace.
func run(args []string, stdout, stderr io.Writer) int {
	if name, rest := findSubcommand(args); name == "admin" {
		// The registry has verbs and flags of its own (sapa admin --help).
		if err := runAdmin(rest, stdout); err != nil {
			fmt.Fprintln(stderr, "sapa:", err)
			return 1
		}
		return 0
	}
	o, err := parseArgs(args)
	if err != nil {
		fmt.Fprintln(stderr, "sapa:", err)
		return 2
	}
	switch {
	case o.help:
		fmt.Fprint(stdout, usage(o.command))
		return 0
	case o.version:
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
	switch o.command {
	case "route":
		return 0, runRoute(o, os.Stdin, stdout)
	case "backup":
		return 0, runBackup(o, stdout)
	}
	env, err := setup(o)
	if err != nil {
		return 1, err
	}
	defer env.close()
	switch o.command {
	case "relay":
		return 0, env.runRelay(false)
	case "serve":
		stop, err := startCPUProfile()
		if err != nil {
			return 1, err
		}
		defer stop()
		return 0, env.runRelay(true)
	case "doctor":
		return env.doctor(stdout), nil
	case "audit":
		return 0, env.runAudit(stdout)
	case "demo":
		if o.serve {
			return 0, env.serveDemo(stdout)
		}
		return 0, env.runUI()
	case "report":
		return 0, env.runReport(stdout)
	default:
		return 0, env.runUI()
	}
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"sapa/inbox"
	"sapa/sshd"
	"sapa/store"
	"sapa/units"
)

const adminUsage = `Usage:
  sapa admin add NAME --unit CODE --role supervisor|operator|viewer [--needs-approval]
                 [--key "ssh-ed25519 AAAA… name@host"]… [--key-file PATH]
  sapa admin list
  sapa admin key add NAME (--key "…" | --key-file PATH)
  sapa admin key remove NAME FINGERPRINT
  sapa admin disable NAME      (a transfer: open conversations go back to the unit)
  sapa admin invite NAME [--ttl 24h]   (prints a one-time enrolment code)
  sapa admin nudge NAME --telegram CHAT_ID | --email ADDR | --off
                 (at most one message an hour while logged out; see [nudge])
--unit takes a Kemendagri code (32.01.05.2001) or an exact unit name ("Desa
Cijayanti"); an agency by its code.
`

// multiFlag collects a repeated string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ", ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// adminArgs are the parsed flags and positional words of `sapa admin …`.
type adminArgs struct {
	words         []string
	global        options // --config and the other global flags
	unit, role    string
	needsApproval bool
	keys          multiFlag
	keyFiles      multiFlag
	ttl           time.Duration
	telegram      string // nudge --telegram CHAT_ID
	email         string // nudge --email ADDR
	off           bool   // nudge --off
}

// parseAdminArgs accepts flags before, between and after the words.
func parseAdminArgs(args []string) (adminArgs, error) {
	var a adminArgs
	fs := flag.NewFlagSet("sapa admin", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	globalFlags(fs, &a.global)
	fs.StringVar(&a.unit, "unit", "", "")
	fs.StringVar(&a.role, "role", "", "")
	fs.BoolVar(&a.needsApproval, "needs-approval", false, "")
	fs.Var(&a.keys, "key", "")
	fs.Var(&a.keyFiles, "key-file", "")
	fs.DurationVar(&a.ttl, "ttl", 24*time.Hour, "")
	fs.StringVar(&a.telegram, "telegram", "", "")
	fs.StringVar(&a.email, "email", "", "")
	fs.BoolVar(&a.off, "off", false, "")
	for {
		if err := fs.Parse(args); err != nil {
			return a, err
		}
		if fs.NArg() == 0 {
			return a, nil
		}
		a.words = append(a.words, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// runAdmin is `sapa admin …`: the registry of who may use the SSH service.
func runAdmin(args []string, stdout io.Writer) error {
	a, err := parseAdminArgs(args)
	if errors.Is(err, flag.ErrHelp) || a.global.help || (err == nil && len(a.words) == 0) {
		var b strings.Builder
		b.WriteString(adminUsage + "\nGlobal flags:\n")
		var o options
		writeFlags(&b, flagSet(subcommand{}, &o))
		fmt.Fprint(stdout, b.String())
		return nil
	}
	if err != nil {
		return fmt.Errorf("admin: %v (see sapa admin --help)", err)
	}
	cfg, err := loadConfig(a.global.configPath, realRegistry().Kinds())
	if err != nil {
		return err
	}
	tree, err := loadUnits(cfg.Units)
	if err != nil {
		return err
	}
	zone, err := officeZone(cfg.Hours)
	if err != nil {
		return err
	}
	ctx := context.Background()
	st, err := store.Open(ctx, cfg.Database.Path, store.Options{Group: cfg.Database.Group})
	if err != nil {
		return err
	}
	defer st.Close()
	r := adminRun{st: st, tree: tree, out: stdout, actor: cfg.Admin.Name, args: a, zone: zone}
	return r.do(ctx)
}

// adminRun is one `sapa admin` invocation with its store open.
type adminRun struct {
	st    *store.Store
	tree  *units.Tree
	out   io.Writer
	actor string // the login user running the command signs the audit rows
	args  adminArgs
	zone  *time.Location // the office's: days and clock times as it reads them
}

func (r adminRun) do(ctx context.Context) error {
	w := r.args.words
	need := func(n int, form string) error {
		if len(w) != n {
			return fmt.Errorf("admin: usage: sapa admin %s", form)
		}
		return nil
	}
	switch {
	case w[0] == "add":
		if err := need(2, "add NAME --unit CODE --role ROLE [--key …]"); err != nil {
			return err
		}
		return r.add(ctx, w[1])
	case w[0] == "list":
		return r.list(ctx)
	case w[0] == "key" && len(w) > 1 && w[1] == "add":
		if err := need(3, "key add NAME --key \"…\""); err != nil {
			return err
		}
		return r.keyAdd(ctx, w[2])
	case w[0] == "key" && len(w) > 1 && w[1] == "remove":
		if err := need(4, "key remove NAME FINGERPRINT"); err != nil {
			return err
		}
		if err := r.st.RemoveAdminKey(ctx, r.actor, w[2], w[3]); err != nil {
			return err
		}
		fmt.Fprintf(r.out, "removed key %s of %s\n", w[3], w[2])
		return nil
	case w[0] == "disable":
		if err := need(2, "disable NAME"); err != nil {
			return err
		}
		n, err := r.st.DisableAdmin(ctx, r.actor, w[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(r.out, "disabled %s; %d open conversations went back to the unit\n", w[1], n)
		return nil
	case w[0] == "invite":
		if err := need(2, "invite NAME [--ttl 24h]"); err != nil {
			return err
		}
		return r.invite(ctx, w[1])
	case w[0] == "nudge":
		if err := need(2, "nudge NAME --telegram CHAT_ID | --email ADDR | --off"); err != nil {
			return err
		}
		return r.nudge(ctx, w[1])
	}
	return fmt.Errorf("admin: unknown command %q (see sapa admin --help)", strings.Join(w, " "))
}

// keys reads the keys of --key and --key-file.
func (r adminRun) keys() ([]inbox.AdminKey, error) {
	var out []inbox.AdminKey
	for _, k := range r.args.keys {
		key, err := sshd.ParseKey(k)
		if err != nil {
			return nil, fmt.Errorf("--key: %w", err)
		}
		out = append(out, key)
	}
	for _, p := range r.args.keyFiles {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("--key-file: %w", err)
		}
		ks, err := sshd.ParseKeys(string(b))
		if err != nil {
			return nil, fmt.Errorf("--key-file %s: %w", p, err)
		}
		out = append(out, ks...)
	}
	return out, nil
}

func (r adminRun) add(ctx context.Context, name string) error {
	if r.args.unit == "" || r.args.role == "" {
		return errors.New("admin add: --unit and --role are required")
	}
	u, err := r.tree.Resolve(r.args.unit)
	if err != nil {
		return fmt.Errorf("admin add --unit: %w", err)
	}
	role := inbox.Role(r.args.role)
	if !role.Valid() {
		return fmt.Errorf("admin add --role %q: want supervisor, operator or viewer", r.args.role)
	}
	keys, err := r.keys()
	if err != nil {
		return err
	}
	a := inbox.Admin{Name: name, Unit: u.Code, Role: role, NeedsApproval: r.args.needsApproval, Keys: keys}
	if err := r.st.AddAdmin(ctx, r.actor, a); err != nil {
		return err
	}
	fmt.Fprintf(r.out, "added %s: %s of %s (%s), %d key(s)\n", name, role, r.tree.Path(u.Code), u.Code, len(keys))
	if len(keys) == 0 {
		fmt.Fprintf(r.out, "no key yet: sapa admin invite %s prints a one-time code to enrol one\n", name)
	}
	return nil
}

func (r adminRun) keyAdd(ctx context.Context, name string) error {
	keys, err := r.keys()
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		return errors.New("admin key add: give --key or --key-file")
	}
	for _, k := range keys {
		if err := r.st.AddAdminKey(ctx, r.actor, name, k); err != nil {
			return err
		}
		fmt.Fprintf(r.out, "added key %s to %s\n", k.Fingerprint, name)
	}
	return nil
}

func (r adminRun) list(ctx context.Context) error {
	all, err := r.st.Admins(ctx)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		// An empty table would leave a newcomer guessing (a demo's admins
		// live in the demo's store, not this one).
		fmt.Fprintf(r.out, "no admin is registered in %s yet: sapa admin add NAME --unit CODE --role supervisor\n", r.st.Path())
		return nil
	}
	tw := tabwriter.NewWriter(r.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tROLE\tUNIT\tKEYS\tNUDGE\tSTATE")
	for _, a := range all {
		state := "active"
		if !a.Disabled.IsZero() {
			state = "disabled " + a.Disabled.In(r.zone).Format("2006-01-02")
		}
		role := string(a.Role)
		if a.NeedsApproval {
			role += " (approval)"
		}
		nudge := "off"
		if a.Nudge.Via != "" {
			nudge = a.Nudge.Via + " " + a.Nudge.To
		}
		fmt.Fprintf(tw, "%s\t%s\t%s %s\t%d\t%s\t%s\n", a.Name, role, a.Unit, r.tree.Path(a.Unit), len(a.Keys), nudge, state)
		for _, k := range a.Keys {
			fmt.Fprintf(tw, "\t\t  %s\t\t\t\n", k.Fingerprint)
		}
	}
	return tw.Flush()
}

func (r adminRun) invite(ctx context.Context, name string) error {
	code, err := r.st.Invite(ctx, r.actor, name, r.args.ttl)
	if err != nil {
		return err
	}
	fmt.Fprintf(r.out, "one-time code for %s: %s\n", name, code)
	fmt.Fprintf(r.out, "valid until %s, once. %s connects with ssh from the device to enrol (any key;\n", time.Now().Add(r.args.ttl).In(r.zone).Format("2006-01-02 15:04"), name)
	fmt.Fprintln(r.out, "ssh-keygen -t ed25519 makes one) and types the code when Sapa asks for it.")
	return nil
}

// nudge opts an admin in to nudges or out of them.
func (r adminRun) nudge(ctx context.Context, name string) error {
	var n inbox.Nudge
	set := 0
	if r.args.telegram != "" {
		n, set = inbox.Nudge{Via: "telegram", To: r.args.telegram}, set+1
	}
	if r.args.email != "" {
		n, set = inbox.Nudge{Via: "email", To: r.args.email}, set+1
	}
	if r.args.off {
		set++
	}
	if set != 1 {
		return errors.New("admin nudge: give exactly one of --telegram CHAT_ID, --email ADDR or --off")
	}
	if err := r.st.SetNudge(ctx, r.actor, name, n); err != nil {
		return err
	}
	if n.Via == "" {
		fmt.Fprintf(r.out, "%s gets no nudges\n", name)
		return nil
	}
	fmt.Fprintf(r.out, "%s is nudged via %s %s, at most once an hour, while not logged in\n", name, n.Via, n.To)
	return nil
}

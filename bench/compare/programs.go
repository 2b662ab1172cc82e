package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"sapa/bench/ptymeter"
)

// program is one client under test and the keys it uses for the scenario.
type program struct {
	name  string // as in -programs
	label string // as in the tables
	// prepare returns the command for one run, with fresh copies of the
	// data so that one run's changes (a message read) do not leak into
	// the next.
	prepare func(runDir string) (*exec.Cmd, error)
	// ready reports the first full frame: the list is drawn to its last
	// row and the status line is there.
	ready func(screen string, z size) bool
	// setup keys put the selection on the first of all items; they are
	// measured but not part of the comparison.
	setup, setupName         string
	down, bottom, open, back string
	pageDown                 string
	// search opens the search prompt; clear drops the search ("" when the
	// program has no such key).
	search, clear string
	// reply opens a reply to the open item when the program has its own
	// composer (the peers start an external editor, which is not
	// comparable); closeReply leaves it.
	reply, closeReply string
	// arrive delivers one new item to the run's data while the program
	// runs, as a relay or a mail delivery would.
	arrive func(runDir string) error
	// fresh, when set, empties a data directory of its own and returns
	// the command that starts the program on it. It is run twice, each a
	// start-up measured on its own: first on no data at all, then again on
	// what that first start left (a warm start of the very same data).
	fresh func(runDir string) (start func() *exec.Cmd, err error)
	notes string
}

// newProgram describes program name at size z.
func newProgram(name string, o *options, ds *dataset, sapa, peerPath string, z size) (*program, error) {
	mailRoot := filepath.Join(o.work, "mail")
	switch name {
	case "sapa", "sapa-lb":
		args := []string{"demo", "--no-live", "--config", ds.config}
		label := "Sapa"
		if name == "sapa-lb" {
			args = append(args, "--low-bandwidth")
			label = "Sapa low-bw"
		}
		return &program{
			name: name, label: label,
			prepare: func(runDir string) (*exec.Cmd, error) {
				data := filepath.Join(runDir, "data")
				if err := copyData(ds.golden, data); err != nil {
					return nil, err
				}
				cmd := exec.Command(sapa, args...)
				cmd.Env = sapaEnv(data, runDir)
				return cmd, nil
			},
			ready: func(screen string, z size) bool {
				// The header, a full list and the status bar with the admin.
				return strings.Contains(screen, adminName) && rowFilled(screen, z.rows-3)
			},
			// The "Semua" (all) view, which lists every conversation like
			// the peers' folder, by name: the tab cycle's order changes as
			// views are added (shift+tab now reaches the breaches view).
			setup: ":view all\r", setupName: ":view all",
			down: "j", bottom: "G", open: "\r", back: "h", pageDown: pageDownKey,
			search: "/", clear: "\x1b", reply: "r", closeReply: "\x1b",
			arrive: func(runDir string) error { return arriveSapa(filepath.Join(runDir, "data", "sapa", "demo.db")) },
			fresh: func(runDir string) (func() *exec.Cmd, error) {
				data := filepath.Join(runDir, "fresh-data")
				if err := os.RemoveAll(data); err != nil {
					return nil, err
				}
				return func() *exec.Cmd {
					cmd := exec.Command(sapa, append(args, "--seed", fmt.Sprint(o.seed))...)
					cmd.Env = sapaEnv(data, runDir)
					return cmd
				}, nil
			},
			notes: "sapa " + strings.Join(args, " "),
		}, nil
	case "neomutt":
		rc, err := neomuttConfig(o.work, mailRoot)
		if err != nil {
			return nil, err
		}
		folder := filepath.Join(mailRoot, mailFolder)
		return &program{
			name: name, label: "neomutt",
			prepare: func(runDir string) (*exec.Cmd, error) {
				home, err := peerHome(runDir)
				if err != nil {
					return nil, err
				}
				if err := copyTree(mailRoot, filepath.Join(runDir, "mail")); err != nil {
					return nil, err
				}
				cmd := exec.Command(peerPath, "-n", "-F", rc, "-f", filepath.Join(runDir, "mail", mailFolder))
				cmd.Env = peerEnv(home)
				return cmd, nil
			},
			ready: func(screen string, z size) bool {
				return strings.Contains(screen, "NeoMutt") && rowFilled(screen, z.rows-3)
			},
			setup: "=", setupName: "= (first entry)",
			down: "j", bottom: "*", open: "\r", back: "q", pageDown: pageDownKey, search: "/",
			arrive: func(runDir string) error { return arriveMaildir(filepath.Join(runDir, "mail", mailFolder)) },
			notes:  "neomutt -n -F neomuttrc -f " + folder,
		}, nil
	case "aerc":
		return &program{
			name: name, label: "aerc",
			prepare: func(runDir string) (*exec.Cmd, error) {
				home, err := peerHome(runDir)
				if err != nil {
					return nil, err
				}
				mail := filepath.Join(runDir, "mail")
				if err := copyTree(mailRoot, mail); err != nil {
					return nil, err
				}
				conf, err := aercConfig(runDir, mail)
				if err != nil {
					return nil, err
				}
				cmd := exec.Command(peerPath)
				cmd.Env = append(peerEnv(home), "XDG_CONFIG_HOME="+conf)
				return cmd, nil
			},
			ready: func(screen string, z size) bool {
				return rowFilled(screen, z.rows-3)
			},
			setup: "g", setupName: "g (first message)",
			down: "j", bottom: "G", open: "\r", back: "q", pageDown: pageDownKey, search: "/",
			arrive: func(runDir string) error { return arriveMaildir(filepath.Join(runDir, "mail", mailFolder)) },
			notes:  "aerc with a maildir:// account",
		}, nil
	}
	return nil, fmt.Errorf("unknown program %q", name)
}

// rowFilled reports whether row y of the screen text has something on it.
func rowFilled(screen string, y int) bool {
	rows := strings.Split(screen, "\n")
	return y >= 0 && y < len(rows) && strings.TrimSpace(rows[y]) != ""
}

// peerHome makes an empty home directory, so no personal configuration of
// the machine's user reaches a peer.
func peerHome(runDir string) (string, error) {
	home := filepath.Join(runDir, "home")
	return home, os.MkdirAll(home, 0o700)
}

func peerEnv(home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "MAIL", "MAILDIR", "EDITOR", "VISUAL", "PAGER":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "HOME="+home, "XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		"XDG_STATE_HOME="+filepath.Join(home, ".state"), "XDG_DATA_HOME="+filepath.Join(home, ".data"))
}

// copyTree copies a directory of regular files.
func copyTree(src, dst string) error {
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o700)
		}
		return copyFile(path, target)
	})
}

// measure runs the scenario on one program at one size, then the two
// start-ups of the fresh data (see startupsFresh).
func measure(ctx context.Context, o *options, p *program, z size) (*runResult, error) {
	runDir := filepath.Join(o.work, "runs", p.name+"-"+z.String())
	if err := os.MkdirAll(runDir, 0o700); err != nil {
		return nil, err
	}
	cmd, err := p.prepare(runDir)
	if err != nil {
		return nil, err
	}
	sc := scenario(o, p, z)
	rep, err := ptymeter.Run(ctx, cmd, sc)
	if rep == nil {
		return nil, err
	}
	res := newRunResult(p, z, rep, o)
	if err != nil || p.fresh == nil {
		return res, err
	}
	return res, startupsFresh(ctx, o, p, z, sc, runDir, res)
}

// startupsFresh measures a start on no data at all (the demo simulates its
// history afresh and the relay's first backfill brings it in) and then a
// warm start of the data that first start left. The fresh start is compared
// with this second one, not with the scenario's start-up: the scenario's
// data was simulated minutes earlier, and the demo's history ends when its
// store is made (a citizen's follow-up sent at 08:06 is in a store made at
// 08:10, not in one made at 08:07; admins' replies keep to office hours), so
// the two first screens can show other conversations.
func startupsFresh(ctx context.Context, o *options, p *program, z size, sc ptymeter.Scenario, runDir string, res *runResult) error {
	start, err := p.fresh(runDir)
	if err != nil {
		return err
	}
	for _, s := range []struct {
		step   string
		metric *int64
	}{{stepStartupFresh, &res.Metrics.StartupFresh}, {stepStartupAgain, &res.Metrics.StartupAgain}} {
		rep, err := ptymeter.Run(ctx, start(), ptymeter.Scenario{
			Name: p.label + " (" + s.step + ")", Size: sc.Size, Quiet: sc.Quiet, Max: sc.Max, Options: sc.Options, KeepOutput: true,
			Steps: []ptymeter.Step{{Name: s.step, Ready: func(screen string) bool { return p.ready(screen, z) }, Quiet: 2 * o.stepQuiet}},
		})
		if rep == nil {
			return err
		}
		if st := rep.Step(s.step); st != nil && len(st.Samples) > 0 {
			*s.metric = st.Samples[0]
			res.samples[s.step] = pick(st.Output, 0)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// pageDownKey is the Page Down key as xterm sends it; every program binds it.
const pageDownKey = "\x1b[6~"

// Step names, shared by the scenario and the report.
const (
	stepStartup      = "startup"
	stepStartupFresh = "startup, fresh data"
	stepStartupAgain = "startup again, on what the fresh start left"
	stepSetup        = "setup"
	stepDown         = "j"
	stepPageDown     = "page down"
	stepBottom       = "G"
	stepOpen         = "open"
	stepBack         = "back"
	stepSearchKey    = "search prompt key"
	stepSearchType   = "search typed key"
	stepSearchEnter  = "search submit"
	stepSearchClear  = "search clear"
	stepTypeNav      = "typing: moves (not compared)"
	stepType         = "typing"
	stepArrive       = "new item while idle"
	stepResize       = "resize"
	stepIdle         = "idle"
)

// Typing: the first typingItems items of the list are each opened and
// answered with typingText, one character per sample. The demo's first rows
// hold emoji, so this measures typing next to wide characters.
const (
	typingItems = 8
	typingText  = "terima kasih laporan"
	searchText  = "banjir"
	arriveIdle  = 5 * time.Second
)

// scenario is the same sequence for every program: start, select the first
// item, j × n, page down, last item, open, back, search, typing (where the
// program has its own composer), resize, idle, a new item arriving.
func scenario(o *options, p *program, z size) ptymeter.Scenario {
	slow := o.stepQuiet
	startup := ptymeter.Step{Name: stepStartup, Ready: func(s string) bool { return p.ready(s, z) }, Quiet: slow}
	sc := ptymeter.Scenario{
		Name:       p.label,
		Size:       ptymeter.Size{Cols: z.cols, Rows: z.rows},
		Quiet:      o.keyQuiet,
		Max:        time.Minute,
		Options:    ptymeter.Options{SSH: o.ssh},
		KeepOutput: true,
		Steps:      []ptymeter.Step{startup},
	}
	if o.startupOnly {
		return sc
	}
	key := func(name, keys string) ptymeter.Step { return ptymeter.Step{Name: name, Keys: keys, Quiet: slow} }
	steps := []ptymeter.Step{
		startup,
		{Name: stepSetup, Keys: p.setup, Quiet: slow},
		{Name: stepDown, Keys: p.down, Repeat: o.presses, Classify: ptymeter.ClassifyScroll(4)},
		{Name: stepPageDown, Keys: p.pageDown, Repeat: 3, Quiet: slow},
		key(stepBottom, p.bottom),
		key(stepOpen, p.open),
		key(stepBack, p.back),
	}
	if p.search != "" {
		steps = append(steps, key(stepSearchKey, p.search))
		for _, r := range searchText {
			steps = append(steps, ptymeter.Step{Name: stepSearchType, Keys: string(r)})
		}
		steps = append(steps, key(stepSearchEnter, "\r"))
		if p.clear != "" {
			steps = append(steps, key(stepSearchClear, p.clear))
		}
	}
	if p.reply != "" {
		steps = append(steps, key(stepTypeNav, "g"))
		for i := 0; i < typingItems; i++ {
			if i > 0 {
				steps = append(steps, key(stepTypeNav, p.down))
			}
			steps = append(steps, key(stepTypeNav, p.open), key(stepTypeNav, p.reply))
			for _, r := range typingText {
				steps = append(steps, ptymeter.Step{Name: stepType, Keys: string(r)})
			}
			steps = append(steps, key(stepTypeNav, p.closeReply), key(stepTypeNav, p.back))
		}
	}
	steps = append(steps, ptymeter.Step{Name: stepResize, Resize: &ptymeter.Size{Cols: z.cols + o.resizeBy.cols, Rows: z.rows + o.resizeBy.rows}, Quiet: slow})
	if o.idle > 0 {
		steps = append(steps, ptymeter.Step{Name: stepIdle, Idle: o.idle})
	}
	// Last: a new item shows its age ("0m"), which turns to "1m" a minute
	// later, a redraw the idle step must not count.
	if p.arrive != nil {
		steps = append(steps, ptymeter.Step{Name: stepArrive, Idle: arriveIdle,
			Do: func() error { return p.arrive(filepath.Join(o.work, "runs", p.name+"-"+z.String())) }})
	}
	sc.Steps = steps
	return sc
}

package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"sapa/platforms"
	"sapa/sanitize"
)

// doctorWidth is the width of doctor's report: it reads in an 80-column
// terminal, each fix wrapped and indented under the check it belongs to.
const doctorWidth = 80

// doctorIndent is where a check's text and its fix start; fixLead opens
// the fix.
const (
	doctorIndent = "        "
	fixLead      = "fix: "
)

// doctor checks every configured account and prints, per account, one line
// per check and under a failed check what to fix. It returns 1 when any
// account is broken.
func (e *env) doctor(w io.Writer) int {
	r := &report{}
	e.doctorStore(r)
	if cal, err := loadCalendar(e.cfg.Hours); err != nil {
		fmt.Fprintln(w, "Warning:", err)
	} else if warn := holidaysWarning(cal, e.cfg.Hours, time.Now()); warn != "" {
		fmt.Fprintln(w, warn)
	}
	if len(e.cfg.Accounts) == 0 {
		r.write(w)
		fmt.Fprintln(w, "No accounts configured: add [[account]] blocks (see config.example.toml).")
		return 1
	}
	for _, a := range e.cfg.Accounts {
		title := a.Name + " (" + string(a.Platform) + ")"
		if err, ok := e.broken[a.Name]; ok {
			r.add(title, platforms.Finding{Check: "connector set up", Fix: platforms.Describe(err)})
			continue
		}
		r.add(title, platforms.Finding{Check: "secrets found", OK: true})
		if a.UsesWebhook() && e.cfg.Serve.Listen == "" {
			r.add(title, platforms.Finding{Check: "webhook listener",
				Fix: "set [serve] listen and run `sapa serve`, or set webhook = false"})
		}
	}
	for _, a := range e.accounts {
		c, ok := a.Conn.(platforms.Checker)
		if !ok {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		for _, f := range c.Check(ctx) {
			r.add(a.Name+" ("+string(a.Conn.Platform())+")", f)
		}
		cancel()
	}
	r.write(w)
	if r.broken {
		return 1
	}
	return 0
}

// doctorStore checks the config file's permissions (Load refused it
// otherwise), the store's integrity with quick_check, and the age of the
// newest scheduled backup.
func (e *env) doctorStore(r *report) {
	title := "store " + e.st.Path()
	if e.cfgPath != "" {
		r.add(title, platforms.Finding{Check: "config " + e.cfgPath + " keeps its secrets from other users", OK: true})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := e.st.CheckIntegrity(ctx); err != nil {
		r.add(title, platforms.Finding{Check: "database file intact (quick_check)", Fix: err.Error()})
	} else {
		r.add(title, platforms.Finding{Check: "database file intact (quick_check)", OK: true})
	}
	b := e.cfg.Backup
	if b.Dir == "" {
		return
	}
	newest, err := newestBackup(b.Dir)
	check := "a backup in " + b.Dir + " newer than twice [backup] every"
	switch {
	case err != nil:
		r.add(title, platforms.Finding{Check: check, Fix: err.Error()})
	case newest.IsZero() || time.Since(newest) > 2*b.Every.Duration:
		r.add(title, platforms.Finding{Check: check,
			Fix: "is `sapa serve` running? Make one now with `sapa backup " + b.Dir + "`"})
	default:
		r.add(title, platforms.Finding{Check: check + ": " + newest.Local().Format("2006-01-02 15:04"), OK: true})
	}
}

// report gathers doctor's findings by section (an account) in the order
// they come, so each section prints once even when checks come in rounds.
type report struct {
	titles   []string
	sections map[string][]platforms.Finding
	broken   bool
}

func (r *report) add(title string, f platforms.Finding) {
	if r.sections == nil {
		r.sections = map[string][]platforms.Finding{}
	}
	if _, ok := r.sections[title]; !ok {
		r.titles = append(r.titles, title)
	}
	r.sections[title] = append(r.sections[title], f)
	r.broken = r.broken || !f.OK
}

// write prints each section: its title, then "  ok    check" or
// "  FAIL  check" with the fix wrapped beneath, no line wider than
// doctorWidth. Outside text (a server's words in a fix) is sanitized.
func (r *report) write(w io.Writer) {
	for i, title := range r.titles {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, sanitize.Truncate(sanitize.Line(title), doctorWidth))
		for _, f := range r.sections[title] {
			result := "ok"
			if !f.OK {
				result = "FAIL"
			}
			for j, l := range sanitize.Wrap(sanitize.Line(f.Check), doctorWidth-len(doctorIndent)) {
				lead := doctorIndent
				if j == 0 {
					lead = "  " + result + strings.Repeat(" ", len(doctorIndent)-2-len(result))
				}
				fmt.Fprintln(w, lead+l)
			}
			if f.OK || f.Fix == "" {
				continue
			}
			for j, l := range sanitize.Wrap(sanitize.Line(f.Fix), doctorWidth-len(doctorIndent+fixLead)) {
				lead := doctorIndent + fixLead
				if j > 0 {
					lead = doctorIndent + strings.Repeat(" ", len(fixLead))
				}
				fmt.Fprintln(w, lead+l)
			}
		}
	}
}

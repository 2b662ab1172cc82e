package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/charmbracelet/x/term"

	"sapa/inbox"
	rpt "sapa/report"
)

// reportOptions are `sapa report`'s own flags.
type reportOptions struct {
	from, to, by, unit, format, out string
}

func reportFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.report.from, "from", "", "first day `YYYY-MM-DD` (default: the first of this month)")
	fs.StringVar(&o.report.to, "to", "", "last day `YYYY-MM-DD`, included (default: today)")
	fs.StringVar(&o.report.by, "by", "unit", "rows by `unit` (each unit with its whole subtree), admin, platform or label")
	fs.StringVar(&o.report.unit, "unit", "", "only unit `CODE` (or name) and the units under it")
	fs.StringVar(&o.report.format, "format", "table", "`table`, csv, json or xlsx (every breakdown, one sheet each)")
	fs.StringVar(&o.report.out, "out", "", "write to `FILE` instead of standard output")
}

// reportPeriod turns --from and --to into [from, to) in the office's zone:
// whole days, the --to day included.
func (r reportOptions) period(loc *time.Location, now time.Time) (from, to time.Time, err error) {
	now = now.In(loc)
	from = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	to = time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, loc)
	day := func(flagName, s string) (time.Time, error) {
		t, err := time.ParseInLocation("2006-01-02", s, loc)
		if err != nil {
			return t, fmt.Errorf("--%s %q: want a day as YYYY-MM-DD", flagName, s)
		}
		return t, nil
	}
	if r.from != "" {
		if from, err = day("from", r.from); err != nil {
			return
		}
	}
	if r.to != "" {
		if to, err = day("to", r.to); err != nil {
			return
		}
		to = to.AddDate(0, 0, 1)
	}
	if !from.Before(to) {
		err = fmt.Errorf("--from %s is after --to %s", from.Format("2006-01-02"), to.AddDate(0, 0, -1).Format("2006-01-02"))
	}
	return
}

// runReport writes the response-time report of a period.
func (e *env) runReport(stdout io.Writer) error {
	o := e.opts.report
	by, err := rpt.ParseBy(o.by)
	if err != nil {
		return fmt.Errorf("--by %w", err)
	}
	switch o.format {
	case "table", "csv", "json", "xlsx":
	default:
		return fmt.Errorf("--format %q: want table, csv, json or xlsx", o.format)
	}
	cal, err := loadCalendar(e.cfg.Hours)
	if err != nil {
		return err
	}
	now := time.Now()
	from, to, err := o.period(cal.Location(), now)
	if err != nil {
		return err
	}
	q := inbox.ReportQuery{From: from, To: to, Responders: by == rpt.ByAdmin || o.format == "xlsx"}
	if o.unit != "" {
		u, err := e.units.Resolve(o.unit)
		if err != nil {
			return fmt.Errorf("--unit: %w", err)
		}
		q.Unit = u.Code
	}
	facts, err := e.st.ReportFacts(context.Background(), q)
	if err != nil {
		return err
	}
	rules := rpt.Rules{Calendar: cal, Targets: loadTargets(e.cfg.Hours), Now: now}
	w, done, err := reportOutput(o, stdout)
	if err != nil {
		return err
	}
	if o.format == "xlsx" {
		var reps []rpt.Report
		for _, b := range rpt.Breakdowns {
			reps = append(reps, rpt.Build(facts, b, from, to, rules))
		}
		err = writeXLSX(w, reps, by)
	} else {
		err = writeReport(w, o.format, rpt.Build(facts, by, from, to, rules))
	}
	return errors.Join(err, done(err == nil))
}

// reportOutput is where the report goes: --out FILE (written whole, then
// renamed into place, so a failed report leaves no half file) or standard
// output. An xlsx file is not written to a terminal. done(keep) finishes.
func reportOutput(o reportOptions, stdout io.Writer) (w io.Writer, done func(keep bool) error, err error) {
	if o.out == "" {
		if f, ok := stdout.(*os.File); ok && o.format == "xlsx" && term.IsTerminal(f.Fd()) {
			return nil, nil, errors.New("an xlsx file is not for a terminal: give --out FILE or redirect the output")
		}
		return stdout, func(bool) error { return nil }, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(o.out), ".sapa-report-*")
	if err != nil {
		return nil, nil, err
	}
	return tmp, func(keep bool) error {
		err := tmp.Close()
		if !keep {
			os.Remove(tmp.Name())
			return err
		}
		if err == nil {
			err = os.Chmod(tmp.Name(), 0o644)
		}
		if err == nil {
			err = os.Rename(tmp.Name(), o.out)
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
		return err
	}, nil
}

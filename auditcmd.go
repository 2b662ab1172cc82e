package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"sapa/store"
)

// auditOptions are `sapa audit`'s own flags.
type auditOptions struct {
	from, to, admin, format string
}

func auditFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.audit.from, "from", "", "first day `YYYY-MM-DD` (default: the beginning)")
	fs.StringVar(&o.audit.to, "to", "", "last day `YYYY-MM-DD`, included (default: today)")
	fs.StringVar(&o.audit.admin, "admin", "", "only what admin `NAME` did")
	fs.StringVar(&o.audit.format, "format", "csv", "`csv` or json (one object a line)")
}

// auditQuery turns the flags into a store query; days are the office's
// days (loc), the --to day included.
func (a auditOptions) query(loc *time.Location) (store.AuditQuery, error) {
	q := store.AuditQuery{Admin: a.admin}
	day := func(flagName, s string) (time.Time, error) {
		t, err := time.ParseInLocation("2006-01-02", s, loc)
		if err != nil {
			return t, fmt.Errorf("--%s %q: want a day as YYYY-MM-DD", flagName, s)
		}
		return t, nil
	}
	var err error
	if a.from != "" {
		if q.From, err = day("from", a.from); err != nil {
			return q, err
		}
	}
	if a.to != "" {
		if q.To, err = day("to", a.to); err != nil {
			return q, err
		}
		q.To = q.To.AddDate(0, 0, 1)
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return q, fmt.Errorf("--from %s is after --to %s", a.from, a.to)
	}
	if a.format != "csv" && a.format != "json" {
		return q, fmt.Errorf("--format %q: want csv or json", a.format)
	}
	return q, nil
}

// auditHeader is the CSV header; Indonesian, as the office's reports are.
var auditHeader = []string{"waktu", "admin", "tindakan", "percakapan", "rincian"}

// runAudit writes the audit log between two days as CSV or JSON lines.
func (e *env) runAudit(stdout io.Writer) error {
	zone, err := officeZone(e.cfg.Hours)
	if err != nil {
		return err
	}
	q, err := e.opts.audit.query(zone)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	write := auditWriter(w, e.opts.audit.format, zone)
	if err := write(nil); err != nil {
		return err
	}
	return e.st.EachAudit(context.Background(), q, func(a store.AuditEntry) error { return write(&a) })
}

// auditWriter returns a function that writes one entry, or the header when
// given nil; times are the office's clock (loc), as the admins read them.
func auditWriter(w io.Writer, format string, loc *time.Location) func(*store.AuditEntry) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return func(a *store.AuditEntry) error {
			if a == nil {
				return nil
			}
			return enc.Encode(map[string]any{"at": a.At.In(loc).Format(time.RFC3339), "admin": a.Admin,
				"action": a.Action, "conversation": a.ConversationID, "detail": a.Detail})
		}
	}
	cw := csv.NewWriter(w)
	return func(a *store.AuditEntry) error {
		rec := auditHeader
		if a != nil {
			rec = []string{a.At.In(loc).Format(time.RFC3339), a.Admin, a.Action, strconv.FormatInt(a.ConversationID, 10), a.Detail}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	}
}

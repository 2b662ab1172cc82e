package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	rpt "sapa/report"
)

// colKind says how a report column's values are written.
type colKind int

const (
	colText  colKind = iota
	colInt           // a count
	colPct           // a percentage, 0–100
	colHours         // hours, a decimal number
)

// reportCol is one column of `sapa report`: its Indonesian header, its
// JSON key, and its value in a row (ok false: no value, such as a median
// of nothing).
type reportCol struct {
	head, key string
	kind      colKind
	val       func(rep rpt.Report, r rpt.Row) (v any, ok bool)
}

func count(f func(r rpt.Row) int) func(rpt.Report, rpt.Row) (any, bool) {
	return func(_ rpt.Report, r rpt.Row) (any, bool) { return f(r), true }
}

func hours(f func(r rpt.Row) rpt.Stats, p90 bool) func(rpt.Report, rpt.Row) (any, bool) {
	return func(_ rpt.Report, r rpt.Row) (any, bool) {
		s := f(r)
		d := s.Median
		if p90 {
			d = s.P90
		}
		return math.Round(d.Hours()*100) / 100, s.N > 0
	}
}

// reportCols are the columns of a breakdown: what names the row, then the
// figures every breakdown has.
func reportCols(by rpt.By) []reportCol {
	text := func(f func(r rpt.Row) string) func(rpt.Report, rpt.Row) (any, bool) {
		return func(_ rpt.Report, r rpt.Row) (any, bool) { return f(r), true }
	}
	var cols []reportCol
	switch by {
	case rpt.ByUnit:
		cols = []reportCol{
			{"kode unit", "kode_unit", colText, text(func(r rpt.Row) string { return noneName(r.Key, "(tanpa unit)") })},
			{"nama unit", "nama_unit", colText, text(func(r rpt.Row) string { return r.Name })},
			{"tingkat", "tingkat", colText, text(func(r rpt.Row) string { return r.Level })},
		}
	case rpt.ByAdmin:
		cols = []reportCol{{"admin", "admin", colText, text(func(r rpt.Row) string { return noneName(r.Key, "(tanpa admin)") })}}
	case rpt.ByPlatform:
		cols = []reportCol{{"platform", "platform", colText, text(func(r rpt.Row) string { return r.Key })}}
	case rpt.ByLabel:
		cols = []reportCol{{"label", "label", colText, text(func(r rpt.Row) string { return noneName(r.Key, "(tanpa label)") })}}
	}
	return append(cols,
		reportCol{"periode", "periode", colText, func(rep rpt.Report, _ rpt.Row) (any, bool) { return periodText(rep), true }},
		reportCol{"percakapan masuk", "masuk", colInt, count(func(r rpt.Row) int { return r.In })},
		reportCol{"dijawab", "dijawab", colInt, count(func(r rpt.Row) int { return r.Answered })},
		reportCol{"% dijawab", "persen_dijawab", colPct, func(_ rpt.Report, r rpt.Row) (any, bool) { return pct(r.AnsweredPct()) }},
		reportCol{"ditutup tanpa balasan", "ditutup_tanpa_balasan", colInt, count(func(r rpt.Row) int { return r.Closed })},
		reportCol{"median respons pertama (jam kerja)", "median_jam_kerja", colHours, hours(func(r rpt.Row) rpt.Stats { return r.Work }, false)},
		reportCol{"median respons pertama (jam)", "median_jam", colHours, hours(func(r rpt.Row) rpt.Stats { return r.Clock }, false)},
		reportCol{"p90 respons pertama (jam kerja)", "p90_jam_kerja", colHours, hours(func(r rpt.Row) rpt.Stats { return r.Work }, true)},
		reportCol{"p90 respons pertama (jam)", "p90_jam", colHours, hours(func(r rpt.Row) rpt.Stats { return r.Clock }, true)},
		reportCol{"% target terpenuhi", "persen_target_terpenuhi", colPct, func(_ rpt.Report, r rpt.Row) (any, bool) { return pct(r.MetPct()) }},
		reportCol{"pelanggaran", "pelanggaran", colInt, count(func(r rpt.Row) int { return r.Breaches })},
		reportCol{"dieskalasi naik", "dieskalasi_naik", colInt, count(func(r rpt.Row) int { return r.EscUp })},
		reportCol{"dieskalasi turun", "dieskalasi_turun", colInt, count(func(r rpt.Row) int { return r.EscDown })},
		reportCol{"backlog akhir periode", "backlog_akhir", colInt, count(func(r rpt.Row) int { return r.Backlog })},
	)
}

func pct(v float64, ok bool) (any, bool) { return math.Round(v*10) / 10, ok }

// noneName names the row of conversations that have no admin, label or unit.
func noneName(key, none string) string {
	if key == "" {
		return none
	}
	return key
}

// periodText is the period as the office writes it, both days included.
func periodText(rep rpt.Report) string {
	return rep.From.Format("2006-01-02") + " s.d. " + rep.To.Add(-time.Nanosecond).Format("2006-01-02")
}

// reportRows are the rows written: the breakdown's, then the total when
// the rows do not already hold it (a unit breakdown's root is its total).
func reportRows(rep rpt.Report) []rpt.Row {
	if rep.By == rpt.ByUnit && len(rep.Rows) > 0 && rep.Rows[0].Depth == 0 && rep.Rows[0].In == rep.Total.In &&
		rep.Rows[0].Backlog == rep.Total.Backlog {
		return rep.Rows
	}
	total := rep.Total
	total.Key, total.Name = "JUMLAH", "JUMLAH"
	return append(append([]rpt.Row(nil), rep.Rows...), total)
}

// writeReport writes one breakdown as a table, CSV or JSON.
func writeReport(w io.Writer, format string, rep rpt.Report) error {
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case "csv":
		err = reportCSV(bw, rep)
	case "json":
		err = reportJSON(bw, rep)
	default:
		err = reportTable(bw, rep)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// csvValue writes numbers with a decimal point, as spreadsheets read them.
func csvValue(v any, ok bool) string {
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

func reportCSV(w io.Writer, rep rpt.Report) error {
	cw := csv.NewWriter(w)
	cols := reportCols(rep.By)
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = c.head
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for _, r := range reportRows(rep) {
		for i, c := range cols {
			rec[i] = csvValue(c.val(rep, r))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// reportJSON writes one object: the period, the breakdown, the total and
// the rows, each row keyed as the columns are; a missing value is null.
func reportJSON(w io.Writer, rep rpt.Report) error {
	cols := reportCols(rep.By)
	obj := func(r rpt.Row) map[string]any {
		m := make(map[string]any, len(cols))
		for _, c := range cols {
			v, ok := c.val(rep, r)
			if !ok {
				v = nil
			}
			m[c.key] = v
		}
		return m
	}
	rows := make([]map[string]any, 0, len(rep.Rows))
	for _, r := range rep.Rows {
		rows = append(rows, obj(r))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{
		"dari": rep.From.Format("2006-01-02"), "sampai": rep.To.Add(-time.Nanosecond).Format("2006-01-02"),
		"menurut": string(rep.By), "jumlah": obj(rep.Total), "baris": rows,
	})
}

// reportTable writes an aligned table for a terminal: the period once
// above it, units indented under their parent, numbers right-aligned with
// a decimal comma, each median and p90 in working hours with clock hours
// in brackets.
func reportTable(w io.Writer, rep rpt.Report) error {
	all := reportCols(rep.By)
	var name []reportCol
	byKey := map[string]reportCol{}
	for _, c := range all {
		byKey[c.key] = c
		if c.kind == colText && c.key != "periode" {
			name = append(name, c)
		}
	}
	type tcol struct {
		head  string
		right bool
		val   func(r rpt.Row) string
	}
	num := func(key string) func(r rpt.Row) string {
		return func(r rpt.Row) string { return tableValue(byKey[key].val(rep, r)) }
	}
	pair := func(work, clock string) func(r rpt.Row) string {
		return func(r rpt.Row) string {
			v, ok := byKey[work].val(rep, r)
			if !ok {
				return "–"
			}
			c, _ := byKey[clock].val(rep, r)
			return tableValue(v, true) + " (" + tableValue(c, true) + ")"
		}
	}
	var cols []tcol
	for i, c := range name {
		c := c
		val := func(r rpt.Row) string { v, _ := c.val(rep, r); return v.(string) }
		if i == 1 && rep.By == rpt.ByUnit { // the name, indented under its parent
			val = func(r rpt.Row) string { return strings.Repeat("  ", r.Depth) + r.Name }
		}
		cols = append(cols, tcol{c.head, false, val})
	}
	cols = append(cols,
		tcol{"masuk", true, num("masuk")},
		tcol{"dijawab", true, num("dijawab")},
		tcol{"% dijawab", true, num("persen_dijawab")},
		tcol{"tanpa balasan", true, num("ditutup_tanpa_balasan")},
		tcol{"median jam kerja (jam)", true, pair("median_jam_kerja", "median_jam")},
		tcol{"p90 jam kerja (jam)", true, pair("p90_jam_kerja", "p90_jam")},
		tcol{"% target", true, num("persen_target_terpenuhi")},
		tcol{"pelanggaran", true, num("pelanggaran")},
		tcol{"naik", true, num("dieskalasi_naik")},
		tcol{"turun", true, num("dieskalasi_turun")},
		tcol{"backlog", true, num("backlog_akhir")},
	)
	rows := reportRows(rep)
	cells := make([][]string, len(rows)+1)
	widths := make([]int, len(cols))
	for j, c := range cols {
		cells[0] = append(cells[0], c.head)
		widths[j] = utf8.RuneCountInString(c.head)
	}
	for i, r := range rows {
		for j, c := range cols {
			s := c.val(r)
			cells[i+1] = append(cells[i+1], s)
			widths[j] = max(widths[j], utf8.RuneCountInString(s))
		}
	}
	if _, err := fmt.Fprintf(w, "Periode %s, menurut %s\n\n", periodText(rep), byWord(rep.By)); err != nil {
		return err
	}
	for _, line := range cells {
		var b strings.Builder
		for j, s := range line {
			pad := strings.Repeat(" ", widths[j]-utf8.RuneCountInString(s))
			if j > 0 {
				b.WriteString("  ")
			}
			if cols[j].right {
				b.WriteString(pad + s)
			} else {
				b.WriteString(s + pad)
			}
		}
		if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
			return err
		}
	}
	return nil
}

// byWord is the breakdown in the table's title.
func byWord(by rpt.By) string {
	return map[rpt.By]string{rpt.ByUnit: "unit", rpt.ByAdmin: "admin", rpt.ByPlatform: "platform",
		rpt.ByLabel: "label"}[by]
}

// tableValue writes a value with a decimal comma, as the office reads it;
// "–" when there is none.
func tableValue(v any, ok bool) string {
	if !ok {
		return "–"
	}
	switch v := v.(type) {
	case int:
		return strconv.Itoa(v)
	case float64:
		return strings.Replace(strconv.FormatFloat(v, 'f', 1, 64), ".", ",", 1)
	}
	return fmt.Sprint(v)
}

package main

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	rpt "sapa/report"
)

// xlsxSummary is the first sheet's name; each breakdown follows on a sheet
// of its own.
const xlsxSummary = "Ringkasan"

// xlsxSheet is a breakdown's sheet name.
func xlsxSheet(by rpt.By) string { return "Per " + byWord(by) }

// xlsxStyles are the cell styles a report sheet uses.
type xlsxStyles struct{ head, pct, hours int }

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	var err error
	pct, hrs := "0.0%", "0.00"
	if s.head, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return s, err
	}
	if s.pct, err = f.NewStyle(&excelize.Style{CustomNumFmt: &pct}); err != nil {
		return s, err
	}
	s.hours, err = f.NewStyle(&excelize.Style{CustomNumFmt: &hrs})
	return s, err
}

// writeXLSX writes a workbook: a summary sheet (the period and the totals,
// one figure a row), then one sheet per breakdown with the columns of the
// CSV; numbers are numbers, percentages are formatted as such, and every
// sheet's header row stays in view. The sheet of by opens first.
func writeXLSX(w io.Writer, reps []rpt.Report, by rpt.By) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", xlsxSummary); err != nil {
		return err
	}
	if err := xlsxSummarySheet(f, st, reps[0]); err != nil {
		return err
	}
	for _, rep := range reps {
		idx, err := f.NewSheet(xlsxSheet(rep.By))
		if err != nil {
			return err
		}
		if err := xlsxBreakdown(f, st, rep); err != nil {
			return fmt.Errorf("sheet %s: %w", xlsxSheet(rep.By), err)
		}
		if rep.By == by {
			f.SetActiveSheet(idx)
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// xlsxSummarySheet lists the period and the total's figures.
func xlsxSummarySheet(f *excelize.File, st xlsxStyles, rep rpt.Report) error {
	sh := xlsxSummary
	rows := [][]any{{"ringkasan", "nilai"}, {"periode", periodText(rep)},
		{"dibuat", time.Now().In(rep.From.Location()).Format("2006-01-02 15:04")}}
	styles := map[int]int{}
	for _, c := range reportCols(rep.By) {
		if c.kind == colText {
			continue
		}
		v, ok := xlsxValue(c, rep, rep.Total)
		if !ok {
			v = nil
		}
		rows = append(rows, []any{c.head, v})
		if c.kind == colPct {
			styles[len(rows)] = st.pct
		} else if c.kind == colHours {
			styles[len(rows)] = st.hours
		}
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			return err
		}
	}
	for row, style := range styles {
		cell, _ := excelize.CoordinatesToCellName(2, row)
		if err := f.SetCellStyle(sh, cell, cell, style); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, "A1", "B1", st.head); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "A", "A", 36); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "B", "B", 26); err != nil {
		return err
	}
	return freezeHeader(f, sh)
}

// xlsxBreakdown writes one breakdown's sheet.
func xlsxBreakdown(f *excelize.File, st xlsxStyles, rep rpt.Report) error {
	sh, cols, rows := xlsxSheet(rep.By), reportCols(rep.By), reportRows(rep)
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = c.head
	}
	if err := f.SetSheetRow(sh, "A1", &head); err != nil {
		return err
	}
	for i, r := range rows {
		vals := make([]any, len(cols))
		for j, c := range cols {
			if v, ok := xlsxValue(c, rep, r); ok {
				vals[j] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sh, cell, &vals); err != nil {
			return err
		}
	}
	last := len(rows) + 1
	for j, c := range cols {
		col, _ := excelize.ColumnNumberToName(j + 1)
		style := 0
		switch c.kind {
		case colPct:
			style = st.pct
		case colHours:
			style = st.hours
		}
		width := 12.0
		if c.kind == colText {
			width = 22
		}
		if err := f.SetColWidth(sh, col, col, width); err != nil {
			return err
		}
		if style != 0 && last > 1 {
			if err := f.SetCellStyle(sh, col+"2", fmt.Sprintf("%s%d", col, last), style); err != nil {
				return err
			}
		}
	}
	end, _ := excelize.ColumnNumberToName(len(cols))
	if err := f.SetCellStyle(sh, "A1", end+"1", st.head); err != nil {
		return err
	}
	return freezeHeader(f, sh)
}

// xlsxValue is a column's value in a sheet: percentages as fractions, so
// the cell's format shows 83.3%.
func xlsxValue(c reportCol, rep rpt.Report, r rpt.Row) (any, bool) {
	v, ok := c.val(rep, r)
	if ok && c.kind == colPct {
		v = v.(float64) / 100
	}
	return v, ok
}

// freezeHeader keeps a sheet's first row in view while it scrolls.
func freezeHeader(f *excelize.File, sh string) error {
	return f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sapa/config"
	"sapa/inbox"
	"sapa/store"
	"sapa/workhours"
)

// reportStore writes a config and a store holding the week of Monday 23
// November 2026 (WIB, office hours 08–16):
//
//	a Pondok Rajeg  Mon 09:00 → Mon 11:00 by ani    2 h /  2 h    met
//	b Pondok Rajeg  Mon 15:00 → Tue 12:00 by budi   5 h / 21 h    met (due Tue 15:00)
//	c Pondok Rajeg  Tue 09:00, unanswered                         breach (due Wed 09:00)
//	d kabupaten     Wed 10:00 → Wed 10:30 by ani  0.5 h / 0.5 h   met (email)
func reportStore(t *testing.T) (cfg string) {
	t.Helper()
	isolate(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "sapa.db")
	cfg = filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("[database]\npath = \""+db+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tree, _ := loadUnits(config.Units{})
	if err := st.SyncUnits(ctx, unitRows(tree)); err != nil {
		t.Fatal(err)
	}
	wib := workhours.WIB()
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, wib)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	msg := func(thread, id, dir, by, when string) inbox.Inbound {
		d := inbox.In
		if dir == "out" {
			d = inbox.Out
		}
		return inbox.Inbound{Thread: inbox.Thread{ExternalKey: thread, Kind: inbox.KindDM},
			Message: inbox.Message{ExternalID: id, Direction: d, Text: "teks " + id, SentAt: at(when), SentBy: by,
				Author: inbox.Contact{ExternalID: "w-" + thread, Name: "Warga " + thread}}}
	}
	fb, _ := st.EnsureAccount(ctx, "fb-pondokrajeg", inbox.Facebook, inbox.Capabilities{Reply: true})
	if err := st.SetAccountUnit(ctx, fb, "32.01.01.1001"); err != nil {
		t.Fatal(err)
	}
	mail, _ := st.EnsureAccount(ctx, "surel", inbox.Email, inbox.Capabilities{Reply: true})
	for _, b := range []struct {
		acc int64
		in  []inbox.Inbound
	}{
		{fb, []inbox.Inbound{msg("a", "a1", "in", "", "2026-11-23 09:00"), msg("a", "a2", "out", "ani", "2026-11-23 11:00"),
			msg("b", "b1", "in", "", "2026-11-23 15:00"), msg("b", "b2", "out", "budi", "2026-11-24 12:00"),
			msg("c", "c1", "in", "", "2026-11-24 09:00")}},
		{mail, []inbox.Inbound{msg("d", "d1", "in", "", "2026-11-25 10:00"), msg("d", "d2", "out", "ani", "2026-11-25 10:30")}},
	} {
		if _, err := st.Ingest(ctx, b.acc, b.in, ""); err != nil {
			t.Fatal(err)
		}
	}
	return cfg
}

func runReportCmd(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(append([]string{"report"}, args...), &out, &errb); code != 0 {
		t.Fatalf("sapa report %v: exit %d: %s", args, code, errb.String())
	}
	return out.String()
}

// TestReportCSV: by unit, the kabupaten's row is the total, Cibinong
// holds its kelurahan, and the figures are the hand-computed ones.
func TestReportCSV(t *testing.T) {
	cfg := reportStore(t)
	recs, err := csv.NewReader(strings.NewReader(runReportCmd(t, "--config", cfg, "--from", "2026-11-23", "--to", "2026-11-27",
		"--format", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHead := "kode unit,nama unit,tingkat,periode,percakapan masuk,dijawab,% dijawab,ditutup tanpa balasan," +
		"median respons pertama (jam kerja),median respons pertama (jam),p90 respons pertama (jam kerja),p90 respons pertama (jam)," +
		"% target terpenuhi,pelanggaran,dieskalasi naik,dieskalasi turun,backlog akhir periode"
	if got := strings.Join(recs[0], ","); got != wantHead {
		t.Fatalf("header:\n%s\nwant\n%s", got, wantHead)
	}
	rows := map[string]string{}
	for _, r := range recs[1:] {
		rows[r[0]] = strings.Join(r, ",")
	}
	// Working hours 0.5 2 5 → median 2, p90 5; clock 0.5 2 21; 3 of 4 met.
	for code, want := range map[string]string{
		"32.01":         "32.01,Kabupaten Bogor,kabupaten,2026-11-23 s.d. 2026-11-27,4,3,75,0,2,2,5,21,75,1,0,0,1",
		"32.01.01":      "32.01.01,Cibinong,kecamatan,2026-11-23 s.d. 2026-11-27,3,2,66.7,0,2,2,5,21,66.7,1,0,0,1",
		"32.01.01.1001": "32.01.01.1001,Pondok Rajeg,kelurahan,2026-11-23 s.d. 2026-11-27,3,2,66.7,0,2,2,5,21,66.7,1,0,0,1",
		"32.01.02":      "32.01.02,Gunungputri,kecamatan,2026-11-23 s.d. 2026-11-27,0,0,,0,,,,,,0,0,0,0",
	} {
		if rows[code] != want {
			t.Errorf("row %s:\n%s\nwant\n%s", code, rows[code], want)
		}
	}
	if recs[1][0] != "32.01" || len(recs) != 1+1+40+1 { // the kabupaten, its 40 kecamatan, one kelurahan
		t.Errorf("%d rows, first %v", len(recs)-1, recs[1])
	}
}

// TestReportJSONByAdmin: the JSON shape, rows keyed as the columns, and a
// conversation nobody answered or holds under no admin.
func TestReportJSONByAdmin(t *testing.T) {
	cfg := reportStore(t)
	var doc struct {
		Dari, Sampai, Menurut string
		Jumlah                map[string]any
		Baris                 []map[string]any
	}
	out := runReportCmd(t, "--config", cfg, "--from", "2026-11-23", "--to", "2026-11-27", "--by", "admin", "--format", "json")
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err, out)
	}
	if doc.Dari != "2026-11-23" || doc.Sampai != "2026-11-27" || doc.Menurut != "admin" || doc.Jumlah["masuk"] != 4.0 {
		t.Fatalf("document: %+v", doc)
	}
	got := map[string]string{}
	for _, r := range doc.Baris {
		b, _ := json.Marshal([]any{r["masuk"], r["dijawab"], r["median_jam_kerja"], r["persen_target_terpenuhi"], r["backlog_akhir"]})
		got[r["admin"].(string)] = string(b)
	}
	want := map[string]string{"ani": "[2,2,0.5,100,0]", "budi": "[1,1,5,100,0]", "(tanpa admin)": "[1,0,null,0,1]"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s, want %s", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("rows %v", got)
	}
}

// TestReportXLSX: the workbook opened back: a summary sheet and one sheet
// per breakdown, numbers as numbers, percentages formatted, header frozen.
func TestReportXLSX(t *testing.T) {
	cfg := reportStore(t)
	path := filepath.Join(t.TempDir(), "laporan.xlsx")
	runReportCmd(t, "--config", cfg, "--from", "2026-11-23", "--to", "2026-11-27", "--by", "platform", "--format", "xlsx", "--out", path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Ringkasan,Per unit,Per admin,Per platform,Per label" {
		t.Fatalf("sheets %s", got)
	}
	if f.GetSheetName(f.GetActiveSheetIndex()) != "Per platform" {
		t.Errorf("opens on %s", f.GetSheetName(f.GetActiveSheetIndex()))
	}
	rows, err := f.GetRows("Per platform", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "platform" || rows[0][2] != "percakapan masuk" {
		t.Errorf("header %v", rows[0])
	}
	found := false
	for _, r := range rows[1:] {
		if r[0] != "facebook" {
			continue
		}
		found = true
		// masuk 3, % dijawab 2 of 3 as a fraction, p90 working hours 5.
		if r[2] != "3" || !strings.HasPrefix(r[4], "0.66") || r[8] != "5" {
			t.Errorf("facebook row %v", r)
		}
	}
	if !found {
		t.Fatalf("no facebook row: %v", rows)
	}
	for _, cell := range []string{"C2", "E2"} {
		if typ, _ := f.GetCellType("Per platform", cell); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s is %v, not a number", cell, typ)
		}
	}
	shown, _ := f.GetCellValue("Per platform", "E2")
	if !strings.HasSuffix(shown, "%") {
		t.Errorf("%% dijawab shows %q", shown)
	}
	for _, sh := range f.GetSheetList() {
		p, err := f.GetPanes(sh)
		if err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: panes %+v %v", sh, p, err)
		}
	}
	sum, _ := f.GetRows("Ringkasan")
	if len(sum) < 5 || sum[1][1] != "2026-11-23 s.d. 2026-11-27" {
		t.Errorf("summary %v", sum)
	}
}

// TestReportRefusesBadInput: each mistake is one clear line.
func TestReportRefusesBadInput(t *testing.T) {
	cfg := reportStore(t)
	for _, args := range [][]string{
		{"--from", "23/11/2026"}, {"--by", "kecamatan"}, {"--format", "pdf"}, {"--from", "2026-11-27", "--to", "2026-11-23"},
		{"--unit", "Atlantis"},
	} {
		var out, errb bytes.Buffer
		if code := run(append([]string{"report", "--config", cfg}, args...), &out, &errb); code == 0 ||
			strings.Count(errb.String(), "\n") != 1 {
			t.Errorf("%v: exit %d, %q", args, code, errb.String())
		}
	}
}

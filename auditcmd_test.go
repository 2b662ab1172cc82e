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

	"sapa/inbox"
	"sapa/store"
)

// TestAuditExport: `sapa audit` writes what admins did between two days, with
// an admin filter, as CSV with Indonesian headers or as JSON lines, and
// refuses a malformed day with one clear line.
func TestAuditExport(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "sapa.db")
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("[database]\npath = \""+db+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The office's days and clock ([hours] timezone, WIB), whatever the
	// server's TZ: 2 December 06:00 WIB is still 1 December in UTC.
	wib := time.FixedZone("WIB", 7*3600)
	day := func(d int) time.Time { return time.Date(2026, 12, d, 6, 0, 0, 0, wib) }
	now := day(1)
	st, err := store.Open(context.Background(), db, store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	acc, _ := st.EnsureAccount(ctx, "wa", inbox.WhatsApp, inbox.Capabilities{Reply: true})
	if _, err := st.Ingest(ctx, acc, []inbox.Inbound{{Thread: inbox.Thread{ExternalKey: "t1", Kind: inbox.KindDM},
		Message: inbox.Message{ExternalID: "m1", Direction: inbox.In, Text: "air mati", SentAt: now,
			Author: inbox.Contact{ExternalID: "w1", Name: "Warga"}}}}, ""); err != nil {
		t.Fatal(err)
	}
	l, _ := st.List(ctx, inbox.Filter{View: inbox.ViewAll}, store.Page{})
	for i, c := range []struct {
		d     int
		admin string
		ch    inbox.Change
	}{{2, "ani", inbox.Change{Status: inbox.StatusPending}}, {3, "budi", inbox.Change{AddLabel: "pdam"}}, {5, "ani", inbox.Change{Status: inbox.StatusDone}}} {
		now = day(c.d)
		if _, err := st.Apply(ctx, l[0].ID, c.admin, c.ch); err != nil {
			t.Fatal(i, err)
		}
	}
	st.Close()

	var out, errb bytes.Buffer
	if code := run([]string{"audit", "--config", cfg, "--from", "2026-12-02", "--to", "2026-12-03"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || strings.Join(recs[0], ",") != "waktu,admin,tindakan,percakapan,rincian" ||
		recs[1][0] != "2026-12-02T06:00:00+07:00" || recs[1][1] != "ani" || recs[2][1] != "budi" || !strings.Contains(recs[2][4], "pdam") {
		t.Fatalf("CSV for 2-3 December:\n%q", recs)
	}

	out.Reset()
	if code := run([]string{"--config", cfg, "audit", "--admin", "ani", "--format", "json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("ani's entries: %q", lines)
	}
	for _, ln := range lines {
		var e map[string]any
		if err := json.Unmarshal([]byte(ln), &e); err != nil || e["admin"] != "ani" || e["action"] != "status" {
			t.Fatalf("line %q: %v %v", ln, e, err)
		}
	}

	errb.Reset()
	if code := run([]string{"audit", "--config", cfg, "--from", "1/12/2026"}, &out, &errb); code == 0 ||
		!strings.Contains(errb.String(), "YYYY-MM-DD") || strings.Count(errb.String(), "\n") != 1 {
		t.Fatalf("a malformed day: exit %d, %q", code, errb.String())
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRouteCommand runs `sapa route` on plain and JSON lines, with an
// account whose unit routes it whole and a keyword rule from the config.
func TestRouteCommand(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.toml")
	cfg := `[database]
path = "` + filepath.Join(dir, "sapa.db") + `"

[[route.agency]]
agency = "Disdukcapil"
keywords = ["e-KTP", "akta"]

[[account]]
name = "Desa Cijayanti"
platform = "telegram"
token = { value = "x" }
unit = "32.01.05.2001"
`
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in.txt")
	lines := "air PDAM mati lagi di Bojong Gede\n" +
		`{"text": "akta kelahiran anak saya di Pabuaran", "account": "Humas"}` + "\n" +
		`{"text": "e-KTP blm jadi, saya di Cibinong", "account": "Desa Cijayanti"}` + "\n" +
		"Ciawi, Tasikmalaya jalannya rusak\n"
	if err := os.WriteFile(in, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"route", "--config", cfgPath, in}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	want := []string{
		`{"unit":"32.01.13","name":"Kecamatan Bojonggede","matched":"Bojong Gede","outside":false,"agency":null}`,
		`{"unit":null,"name":null,"matched":"Pabuaran","outside":false,"agency":"Disdukcapil"}`,
		`{"unit":"32.01.05.2001","name":"Desa Cijayanti","matched":null,"outside":false,"agency":"Disdukcapil"}`,
		`{"unit":null,"name":null,"matched":null,"outside":true,"agency":null}`,
	}
	got := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(got) != len(want) {
		t.Fatalf("got %d lines:\n%s", len(got), out.String())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, got[i], want[i])
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(got[i]), &v); err != nil {
			t.Errorf("line %d is not JSON: %v", i+1, err)
		}
	}
}

func TestRouteCommandRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.txt")
	if err := os.WriteFile(in, []byte("ok\n{\"txt\": \"typo\"}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SAPA_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", dir)
	var out, errb bytes.Buffer
	if code := run([]string{"route", in}, &out, &errb); code == 0 || !strings.Contains(errb.String(), `line 2: a JSON line needs a "text"`) {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

func TestRouteEval(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SAPA_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", dir)
	var out, errb bytes.Buffer
	if code := run([]string{"route", "--eval", "route/testdata/labelled-heldout.jsonl"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, w := range []string{"precision", "recall", "outside"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("no %s in:\n%s", w, out.String())
		}
	}
}

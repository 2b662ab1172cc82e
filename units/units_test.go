package units

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultIsKabupatenBogor(t *testing.T) {
	tr := Default()
	if r := tr.Root(); r.Code != "32.01" || r.Level != Kabupaten || r.Name != "Kabupaten Bogor" {
		t.Fatalf("root = %+v", r)
	}
	count := map[Level]int{}
	for _, u := range tr.All() {
		count[u.Level]++
	}
	want := map[Level]int{Kabupaten: 1, Kecamatan: 40, Desa: 416, Kelurahan: 19}
	for l, n := range want {
		if count[l] != n {
			t.Errorf("%s: %d units, want %d", l, count[l], n)
		}
	}
	if len(tr.Children("32.01")) != 40 {
		t.Errorf("kabupaten has %d children, want 40", len(tr.Children("32.01")))
	}
}

func TestLookups(t *testing.T) {
	tr := Default()
	u, ok := tr.Get("32.01.05.2001")
	if !ok || u.Name != "Cijayanti" || u.Level != Desa || u.Parent != "32.01.05" {
		t.Fatalf("Get = %+v, %v", u, ok)
	}
	chain := tr.Chain("32.01.05.2001")
	var codes []string
	for _, c := range chain {
		codes = append(codes, c.Code)
	}
	if got := strings.Join(codes, " "); got != "32.01.05.2001 32.01.05 32.01" {
		t.Errorf("Chain = %s", got)
	}
	if tr.Chain("99.99") != nil {
		t.Error("Chain of an unknown code is not nil")
	}
	for _, c := range []struct {
		anc, code string
		want      bool
	}{
		{"32.01", "32.01.05.2001", true},
		{"32.01.05", "32.01.05.2001", true},
		{"32.01.05.2001", "32.01.05.2001", true},
		{"32.01.05.2001", "32.01.05.2002", false},
		{"32.01.05", "32.01.06.2001", false},
		{"32.01.05.2001", "32.01.05", false},
		{"32.01", "32.71", false},
		{"99", "32.01.05", false},
	} {
		if got := tr.Contains(c.anc, c.code); got != c.want {
			t.Errorf("Contains(%s, %s) = %v", c.anc, c.code, got)
		}
	}
	sub := tr.Subtree("32.01.05")
	if sub[0] != "32.01.05" || len(sub) != 1+len(tr.Children("32.01.05")) {
		t.Errorf("Subtree = %v", sub)
	}
	for _, c := range sub {
		if !tr.Contains("32.01.05", c) {
			t.Errorf("Subtree holds %s outside the kecamatan", c)
		}
	}
	if got := tr.Path("32.01.05.2001"); got != "Desa Cijayanti, Kecamatan Babakan Madang" {
		t.Errorf("Path = %q", got)
	}
	if got := tr.Label("32.01.01.1007"); got != "Kelurahan Pakansari" {
		t.Errorf("Label = %q", got)
	}
}

func TestByNameAndResolve(t *testing.T) {
	tr := Default()
	if got := tr.ByName("  kecamatan   CIBINONG "); len(got) != 1 || got[0].Code != "32.01.01" {
		t.Errorf("ByName(kecamatan cibinong) = %+v", got)
	}
	if got := tr.ByName("Sukamaju"); len(got) < 3 {
		t.Errorf("ByName(Sukamaju) = %d units, the tree has several", len(got))
	}
	if u, err := tr.Resolve("Desa Cijayanti"); err != nil || u.Code != "32.01.05.2001" {
		t.Errorf("Resolve = %+v, %v", u, err)
	}
	if u, err := tr.Resolve("32.01.01"); err != nil || u.Name != "Cibinong" {
		t.Errorf("Resolve(code) = %+v, %v", u, err)
	}
	_, err := tr.Resolve("Sukamaju")
	if err == nil || !strings.Contains(err.Error(), "32.01.06.2001") {
		t.Errorf("ambiguous Resolve error = %v, want the candidate codes", err)
	}
	if _, err := tr.Resolve("Atlantis"); err == nil {
		t.Error("Resolve of an unknown name succeeded")
	}
}

func TestAgencies(t *testing.T) {
	base := Default()
	tr, err := base.WithAgencies([]AgencyDef{{Code: "disdukcapil", Name: "Disdukcapil"}, {Code: "pdam", Name: "Perumda Air Minum Tirta Kahuripan"}})
	if err != nil {
		t.Fatal(err)
	}
	u, ok := tr.Get("pdam")
	if !ok || u.Level != Agency || u.Parent != "32.01" || u.Label() != "Perumda Air Minum Tirta Kahuripan" {
		t.Fatalf("agency = %+v", u)
	}
	if !tr.Contains("32.01", "disdukcapil") || tr.Contains("32.01.01", "disdukcapil") {
		t.Error("agency is not exactly under the kabupaten")
	}
	if len(tr.Children("32.01")) != 42 || tr.Len() != base.Len()+2 {
		t.Errorf("children %d, len %d", len(tr.Children("32.01")), tr.Len())
	}
	if _, ok := base.Get("pdam"); ok {
		t.Error("WithAgencies changed the tree it was called on")
	}
	for _, bad := range [][]AgencyDef{
		{{Code: "32.01.01", Name: "x"}},
		{{Code: "Dinas PUPR", Name: "x"}},
		{{Code: "pupr", Name: " "}},
		{{Code: "pupr", Name: "a"}, {Code: "pupr", Name: "b"}},
	} {
		if _, err := base.WithAgencies(bad); err == nil {
			t.Errorf("WithAgencies(%+v) accepted", bad)
		}
	}
}

func TestParseErrors(t *testing.T) {
	const head = "code,parent_code,level,name\n"
	for name, c := range map[string]struct{ text, want string }{
		"empty":         {"", "empty file"},
		"header":        {"kode,induk,tingkat,nama\n", "line 1"},
		"no root":       {head + "32.01.01,32.01,kecamatan,Cibinong\n", "no kabupaten"},
		"two roots":     {head + "32.01,32,kabupaten,A\n32.71,32,kota,B\n", "second root"},
		"orphan":        {head + "32.01,32,kabupaten,A\n32.01.01.2001,32.01.01,desa,X\n", "line 3: parent 32.01.01"},
		"level":         {head + "32.01,32,kabupaten,A\n32.01.01,32.01,dusun,X\n", "unknown level"},
		"wrong parent":  {head + "32.01,32,kabupaten,A\n32.01.01.2001,32.01,desa,X\n", "cannot be under"},
		"duplicate":     {head + "32.01,32,kabupaten,A\n32.01.01,32.01,kecamatan,X\n32.01.01,32.01,kecamatan,Y\n", "already on line 3"},
		"no name":       {head + "32.01,32,kabupaten,\n", "no name"},
		"agency in csv": {head + "32.01,32,kabupaten,A\npupr,32.01,opd,PUPR\n", "config file"},
		"fields":        {head + "32.01,32,kabupaten\n", "wrong number of fields"},
	} {
		_, err := Parse(strings.NewReader(c.text))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", name, err, c.want)
		}
	}
}

func TestLoadAnotherRegency(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kota-bogor.csv")
	text := "code,parent_code,level,name\n32.71.01.1001,32.71.01,kelurahan,Batutulis\n32.71,32,kota,Kota Bogor\n32.71.01,32.71,kecamatan,Bogor Selatan\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	tr, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Root().Code != "32.71" || !tr.Contains("32.71.01", "32.71.01.1001") {
		t.Errorf("root %+v", tr.Root())
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.csv")); err == nil || !strings.Contains(err.Error(), "missing.csv") {
		t.Errorf("missing file: %v", err)
	}
}

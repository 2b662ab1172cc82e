package canned

import (
	"strings"
	"testing"
	"time"
)

func TestExpand(t *testing.T) {
	v := Vars{Nama: "Siti", Platform: "Facebook", Unit: "Kecamatan Cibinong", Admin: "Rina",
		Tanggal: time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)}
	got := Expand("Halo Kak {nama} di {platform}: diteruskan ke {unit} pada {tanggal}. Salam, {admin}. {lain}", v)
	want := "Halo Kak Siti di Facebook: diteruskan ke Kecamatan Cibinong pada 7 Desember 2026. Salam, Rina. {lain}"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := Expand("Terima kasih, Kak {nama}, sudah melapor.", Vars{}); got != "Terima kasih, Kak, sudah melapor." {
		t.Errorf("empty name: %q", got)
	}
}

func TestDefaultsAreValid(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Defaults {
		if err := Check(r.Text); err != nil {
			t.Errorf("%s: %v", r.Name, err)
		}
		if seen[r.Name] {
			t.Errorf("%s twice", r.Name)
		}
		seen[r.Name] = true
	}
	if len(Defaults) < 5 {
		t.Errorf("%d defaults", len(Defaults))
	}
}

func TestMerge(t *testing.T) {
	rs, err := Merge(Defaults, []Reply{{"salam", "Sampurasun, {nama}!"}, {"pdam", "Gangguan air: hubungi Perumda Tirta Kahuripan."}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != len(Defaults)+1 || rs[0].Text != "Sampurasun, {nama}!" || rs[len(rs)-1].Name != "pdam" {
		t.Errorf("merged: %+v", rs)
	}
	for _, bad := range [][]Reply{
		{{"x", "Halo {name}"}},
		{{"", "teks"}},
		{{"x", " "}},
		{{"x", "a"}, {"x", "b"}},
	} {
		if _, err := Merge(Defaults, bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	if _, err := Merge(nil, []Reply{{"x", "Halo {name}"}}); err == nil || !strings.Contains(err.Error(), "{name}") {
		t.Errorf("error does not name the variable: %v", err)
	}
}

func TestSearch(t *testing.T) {
	names := func(rs []Reply) string {
		var s []string
		for _, r := range rs {
			s = append(s, r.Name)
		}
		return strings.Join(s, " ")
	}
	if got := names(Search(Defaults, "ktp")); got != "ktp-syarat" {
		t.Errorf("ktp: %s", got)
	}
	if got := names(Search(Defaults, "DATA prib")); got != "minta-dm data-pribadi" {
		t.Errorf("data prib: %s", got)
	}
	if got := Search(Defaults, ""); len(got) != len(Defaults) {
		t.Errorf("empty query: %d", len(got))
	}
	if got := Search(Defaults, "zzz"); len(got) != 0 {
		t.Errorf("zzz: %s", names(got))
	}
}

package route

import (
	"strings"
	"testing"

	"sapa/units"
)

func TestAgencyKeywordsAsCitizensWriteThem(t *testing.T) {
	a, err := NewAgencies([]AgencyRule{{"Disdukcapil", []string{"e-KTP", "kartu keluarga"}}, {"Dinsos", []string{"bansos"}}})
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"syarat bikin e-KTP apa?":      "Disdukcapil",
		"ektp saya hilang":             "Disdukcapil",
		"E KTP blm jadi":               "Disdukcapil",
		"Kartu  Keluarga salah nama":   "Disdukcapil",
		"bansos kapan cair, e-ktp ada": "Disdukcapil", // the first rule wins
		"BANSOS belum cair":            "Dinsos",
		"pektp":                        "", // not a whole word
		"jalan rusak depan rumah":      "",
		"kartu keluargaku hilang":      "", // "keluargaku" is another word
		"bansos-nya kapan?":            "Dinsos",
	} {
		got, kw := a.Match(text)
		if got != want {
			t.Errorf("%q: agency %q (%q), want %q", text, got, kw, want)
		}
		if got != "" && !strings.Contains(text, kw) {
			t.Errorf("%q: keyword %q is not the text as written", text, kw)
		}
	}
}

func TestAgencyRulesChecked(t *testing.T) {
	for _, rules := range [][]AgencyRule{
		nil,
		{{"", []string{"ktp"}}},
		{{"Disdukcapil", nil}},
		{{"Disdukcapil", []string{"--"}}},
	} {
		if _, err := NewAgencies(rules); err == nil {
			t.Errorf("%v accepted", rules)
		}
	}
	if _, err := NewAgencies(DefaultAgencyRules); err != nil {
		t.Fatalf("default rules: %v", err)
	}
}

func TestRouterAccountRuleAndAgencyApart(t *testing.T) {
	tree := units.Default()
	cijayanti, _ := tree.Get("32.01.05.2001")
	agencies, _ := NewAgencies(DefaultAgencyRules)
	r := NewRouter(NewMatcher(tree), agencies, map[string]units.Unit{"Desa Cijayanti": cijayanti})

	d := r.Route("Desa Cijayanti", "e-KTP saya kapan jadi? saya tinggal di Cibinong")
	if !d.ByAccount || d.Unit.Code != cijayanti.Code || d.Agency != "Disdukcapil" || d.Keyword != "e-KTP" {
		t.Errorf("account rule: %+v", d)
	}
	d = r.Route("Humas", "e-KTP saya kapan jadi? saya tinggal di Cibinong")
	if d.ByAccount || d.Unit.Code != "32.01.01" || d.Agency != "Disdukcapil" {
		t.Errorf("by text: %+v", d)
	}
	d = r.Route("Humas", "terima kasih min")
	if d.Found() || d.Agency != "" {
		t.Errorf("nothing to route: %+v", d)
	}
}

package main

import (
	"testing"

	"sapa/config"
	"sapa/store"
)

// TestRouteFuncAppliesOnlyWhatItIsSureOf reads messages as the relay does:
// a settled place is applied, an unsettled one suggested, an agency that is
// a unit of the tree placed only when no place is named.
func TestRouteFuncAppliesOnlyWhatItIsSureOf(t *testing.T) {
	cfg := config.Default()
	cfg.Units.Agencies = []config.Agency{{Code: "disdukcapil", Name: "Disdukcapil"}}
	tree, err := loadUnits(cfg.Units)
	if err != nil {
		t.Fatal(err)
	}
	r, err := newRouter(cfg, tree)
	if err != nil {
		t.Fatal(err)
	}
	route := routeFunc(r, tree)
	bojonggede := tree.ByName("Kecamatan Bojonggede")[0].Code
	for text, want := range map[string]store.Route{
		"air PDAM mati lagi di Bojong Gede": {Unit: bojonggede, Matched: "Bojong Gede", Confident: true, Agency: "PDAM", Keyword: "PDAM"},
		"e-KTP saya hilang, gimana ya":      {Unit: "disdukcapil", Matched: "e-KTP", Confident: true, Agency: "disdukcapil", Keyword: "e-KTP"},
		"Ciawi, Tasikmalaya jalannya rusak": {Agency: "Dinas PUPR"},
		"terima kasih min":                  {},
	} {
		got := route(text)
		if got.Unit != want.Unit || got.Confident != want.Confident || got.Agency != want.Agency || got.Matched != want.Matched {
			t.Errorf("%q: %+v, want %+v", text, got, want)
		}
	}
	// A desa name several kecamatan share is never applied.
	if got := route("jalan di Pabuaran rusak parah"); got.Confident {
		t.Errorf("a shared desa name was applied: %+v", got)
	}
}

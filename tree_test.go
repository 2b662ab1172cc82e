package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sapa/config"
)

func TestLoadUnits(t *testing.T) {
	tr, err := loadUnits(config.Units{Agencies: []config.Agency{{Code: "pupr", Name: "Dinas PUPR"}}})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Root().Code != "32.01" || tr.Label("pupr") != "Dinas PUPR" {
		t.Errorf("default tree: root %s, pupr %q", tr.Root().Code, tr.Label("pupr"))
	}
	path := filepath.Join(t.TempDir(), "kota.csv")
	os.WriteFile(path, []byte("code,parent_code,level,name\n32.71,32,kota,Kota Bogor\n"), 0o600)
	if tr, err = loadUnits(config.Units{File: path}); err != nil || tr.Root().Code != "32.71" {
		t.Errorf("file tree: %v", err)
	}
	_, err = loadUnits(config.Units{Agencies: []config.Agency{{Code: "32.01.01", Name: "x"}}})
	if err == nil || !strings.Contains(err.Error(), "units.agency") {
		t.Errorf("bad agency: %v", err)
	}
}

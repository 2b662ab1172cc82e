package ui

import (
	"strings"
	"testing"

	"sapa/store"
)

// TestUnitsAreFoundByTheirOwnName: in U and D an admin types a unit as
// people say it ("susukan", "bojonggede"), not its label: tab completes a
// unit whose name starts so, offers every one when several do, and enter
// on a name several units share says so instead of "cannot hand it on".
func TestUnitsAreFoundByTheirOwnName(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	e.units(t, []store.UnitRow{
		{Code: "32.01", Parent: "32", Level: "kabupaten", Name: "Kabupaten Bogor"},
		{Code: "32.01.22", Parent: "32.01", Level: "kecamatan", Name: "Bojonggede"},
		{Code: "32.01.22.2001", Parent: "32.01.22", Level: "desa", Name: "Susukan"},
		{Code: "32.01.22.2003", Parent: "32.01.22", Level: "desa", Name: "Bojonggede"},
	})
	m := newModel(t, e, testConfig())
	m = keys(t, m, "enter", "D")
	m = typeText(t, m, "susu")
	m = keys(t, m, "tab")
	if got := string(m.prompt.input); got != "Desa Susukan " {
		t.Fatalf("D susu<tab> gives %q", got)
	}
	m = keys(t, m, "esc", "U")
	m = typeText(t, m, "bojong")
	m = keys(t, m, "tab")
	shown := strings.Join(m.prompt.shown, "|")
	if !strings.Contains(shown, "Kecamatan Bojonggede") || !strings.Contains(shown, "Desa Bojonggede") {
		t.Fatalf("U bojong<tab> offers %q", shown)
	}
	m = keys(t, m, "esc", "U")
	m = typeText(t, m, "bojonggede\n")
	if s := screenText(m); !strings.Contains(s, "ada beberapa unit bernama bojonggede") {
		t.Fatalf("U on a name two units share:\n%s", s)
	}
}

// TestMarkedCompletesItsActions: `:marked` takes an action, says so in
// help, and tab completes the actions that apply to marked conversations.
func TestMarkedCompletesItsActions(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, ":")
	m = typeText(t, m, "marked la")
	m = keys(t, m, "tab")
	if got := string(m.prompt.input); got != "marked label " {
		t.Fatalf(":marked la<tab> gives %q", got)
	}
	m = keys(t, m, "esc", "?")
	if s := ansiStrip(strings.Join(m.helpLines(), "\n")); !strings.Contains(s, ":marked\u00a0<tindakan>") {
		t.Fatalf("help does not say :marked takes an action:\n%s", s)
	}
}

package ui

import (
	"strings"
	"testing"
)

// TestSearchShowsThePlatformFilterItKeeps: a search keeps the platform
// filter, and the header says so, so an admin never wonders why a message
// on another platform is not found.
func TestSearchShowsThePlatformFilterItKeeps(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, ":")
	m = typeText(t, m, "platform wa\n")
	m = keys(t, m, "/")
	m = typeText(t, m, "kapan\n")
	header := rowsOf(m)[0]
	if len(m.list.rows) != 0 {
		t.Fatalf("a search filtered to WhatsApp found %d rows", len(m.list.rows))
	}
	if !strings.Contains(header, "cari: kapan") || !strings.Contains(header, "WA") {
		t.Fatalf("the header does not show the platform filter the search keeps: %q", header)
	}
	m = keys(t, m, ":")
	m = typeText(t, m, "platform all\n")
	if len(m.list.rows) != 2 || strings.Contains(rowsOf(m)[0], "WA") {
		t.Fatalf("without the filter: %d rows, header %q", len(m.list.rows), rowsOf(m)[0])
	}
}

package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
)

// TestSaveViewAndOpenIt: the admin narrows the list, saves it with
// :save_view, clears the filter, and :view NAME brings the same list back;
// another admin does not have that view.
func TestSaveViewAndOpenIt(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = command(t, m, "waiting 1d")
	scr := screenText(m)
	if !strings.Contains(scr, "menunggu ≥1h") || strings.Contains(scr, "Siti Rahma") || !strings.Contains(scr, "Andi Wijaya") {
		t.Fatalf(":waiting 1d did not narrow the list:\n%s", scr)
	}
	m = command(t, m, "save_view lama")
	if !strings.Contains(screenText(m), `tampilan "lama" disimpan`) {
		t.Fatalf("no word of the saved view:\n%s", screenText(m))
	}
	m = command(t, m, "waiting -")
	if !strings.Contains(screenText(m), "Siti Rahma") {
		t.Fatalf(":waiting - did not clear:\n%s", screenText(m))
	}
	m = command(t, m, "view lama")
	scr = screenText(m)
	if !strings.Contains(scr, "menunggu ≥1h") || strings.Contains(scr, "Siti Rahma") {
		t.Fatalf(":view lama did not bring the filter back:\n%s", scr)
	}
	views, err := e.st.SavedViews(context.Background(), "budi")
	if err != nil || len(views) != 1 || views[0].Filter.Waiting != 24*time.Hour {
		t.Fatalf("stored views: %+v %v", views, err)
	}

	cfg := testConfig()
	cfg.Admin.Name = "rina"
	other := newModel(t, e, cfg)
	other = command(t, other, "view lama")
	if !strings.Contains(screenText(other), "tampilan tidak dikenal: lama") {
		t.Fatalf("rina opened budi's view:\n%s", screenText(other))
	}
	other = command(t, other, "save_view semua")
	if !strings.Contains(screenText(other), `nama tampilan "semua" sudah dipakai`) {
		t.Fatalf("a built-in view's name was taken:\n%s", screenText(other))
	}
}

// TestSharedViewFromConfig: a [[view]] opens for every admin and completes
// after :view.
func TestSharedViewFromConfig(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	cfg := testConfig()
	cfg.Views = []config.View{{Name: "wa-lama", Platform: inbox.WhatsApp, Status: inbox.ViewAll, Waiting: config.Duration{Duration: time.Hour}}}
	m := newModel(t, e, cfg)
	m = keys(t, m, ":")
	m = typeText(t, m, "view wa-")
	m = keys(t, m, "tab")
	if got := string(m.prompt.input); strings.TrimSpace(got) != "view wa-lama" {
		t.Fatalf("completion gave %q", got)
	}
	m = keys(t, m, "enter")
	scr := screenText(m)
	if !strings.Contains(scr, "Budi Santoso") || strings.Contains(scr, "Siti Rahma") || strings.Contains(scr, "Andi Wijaya") {
		t.Fatalf("the shared view shows the wrong rows:\n%s", scr)
	}
}

// command types a `:` command and runs it.
func command(t *testing.T, m Model, line string) Model {
	t.Helper()
	m = keys(t, m, ":")
	m = typeText(t, m, line)
	return keys(t, m, "enter")
}

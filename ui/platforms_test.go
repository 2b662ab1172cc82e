package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// testPlatforms are the shipped platforms as main hands them to the screen
// (see uiPlatforms in main), every one with an account.
func testPlatforms() []Platform {
	return []Platform{
		{inbox.Facebook, "Facebook", "FB", "4", true},
		{inbox.Messenger, "Messenger", "MSG", "5", true},
		{inbox.Instagram, "Instagram", "IG", "13", true},
		{inbox.WhatsApp, "WhatsApp", "WA", "2", true},
		{inbox.X, "X", "X", "7", true},
		{inbox.YouTube, "YouTube", "YT", "1", true},
		{inbox.Telegram, "Telegram", "TG", "6", true},
		{inbox.Mastodon, "Mastodon", "MA", "5", true},
		{inbox.Email, "email", "@", "3", true},
	}
}

// TestPlatformsAreValuesFromMain: the screen knows platforms only from the
// values main passes: a platform it was never built with gets its badge and
// colour, and `f` steps through the configured platforms only.
func TestPlatformsAreValuesFromMain(t *testing.T) {
	e := newEnv(t)
	cfg := testConfig()
	ps := []Platform{
		{Name: inbox.Facebook, Title: "Facebook", Badge: "FB", Colour: "4", Configured: true},
		{Name: inbox.WhatsApp, Title: "WhatsApp", Badge: "WA", Colour: "2"},
		{Name: "tiktok", Title: "TikTok", Badge: "TT", Colour: "14", Configured: true},
	}
	m := New(Deps{Store: e.st, Admin: cfg.Admin.Name, Config: cfg, Now: e.clk.now, Ctx: context.Background(), Platforms: ps})
	m.noWatch = true
	m = run(t, m, m.Init())
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	var seen []inbox.Platform
	for range 3 {
		m = keys(t, m, "f")
		seen = append(seen, m.list.filter.Platform)
		if m.list.filter.Platform == "tiktok" && !strings.Contains(m.View().Content, "· TT") {
			t.Errorf("the list header does not show the TT badge:\n%s", m.View().Content)
		}
	}
	if want := []inbox.Platform{inbox.Facebook, "tiktok", ""}; !slices.Equal(seen, want) {
		t.Errorf("f cycles %v, want %v (WhatsApp has no account)", seen, want)
	}
	if got := m.c.st.Badge("tiktok").Render("TT"); got == "TT" {
		t.Error("the TT badge is drawn without its colour")
	}
}

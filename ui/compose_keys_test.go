package ui

import (
	"context"
	"strings"
	"testing"

	"sapa/inbox"
)

// TestComposerAfterEscShowsTheDraftNotItsKeys: esc leaves the draft on
// screen, but the keys that no longer work there must not be advertised,
// and the footer follows the keyboard (issue 8, item 19).
func TestComposerAfterEscShowsTheDraftNotItsKeys(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "enter", "r")
	m = typeText(t, m, "Terima kasih")
	rows := rowsOf(m)
	if foot := rows[len(rows)-1]; !strings.Contains(foot, "ctrl+s kirim") || strings.Contains(foot, "r balas") {
		t.Fatalf("footer while composing shows list hints: %q", foot)
	}
	m = keys(t, m, "esc")
	screen := screenText(m)
	if strings.Contains(screen, "ctrl+s kirim") || strings.Contains(screen, "esc tutup") {
		t.Fatalf("after esc the screen still offers the composer's keys:\n%s", screen)
	}
	for _, want := range []string{"Draf", "r lanjutkan", "ctrl+x/X buang", "Terima kasih"} {
		if !strings.Contains(screen, want) {
			t.Errorf("after esc the screen lacks %q:\n%s", want, screen)
		}
	}
	m = keys(t, m, "ctrl+s")
	if counts, _ := e.st.OutboxCounts(context.Background()); counts[inbox.DeliveryQueued] != 0 {
		t.Fatal("ctrl+s sent from a closed composer")
	}
	m = keys(t, m, "r")
	if !m.composing || !strings.Contains(screenText(m), "ctrl+s kirim") {
		t.Fatal("r does not resume the draft")
	}
}

// TestDiscardDraftAsksFirst: a draft can be thrown away, from the composer
// (ctrl+x) or from the conversation (X), only after a yes.
func TestDiscardDraftAsksFirst(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "enter", "r")
	m = typeText(t, m, "salah ketik")
	conv := m.thread.conv.ID
	m = keys(t, m, "ctrl+x")
	if !m.prompt.active() || !strings.Contains(screenText(m), "Buang draf ini? (y/t)") {
		t.Fatalf("ctrl+x did not ask:\n%s", screenText(m))
	}
	m = keys(t, m, "t")
	if m.composer.value() != "salah ketik" || !m.composing {
		t.Fatalf("no lost the draft or the composer: %q", m.composer.value())
	}
	m = keys(t, m, "esc") // the draft is saved on leaving the composer
	if d, _ := e.st.LoadDraft(context.Background(), conv, "budi"); d.Text != "salah ketik" {
		t.Fatalf("draft not stored: %q", d.Text)
	}
	m = keys(t, m, "X", "y")
	if m.composer.value() != "" || m.composerShown() {
		t.Fatalf("draft still on screen after discarding:\n%s", screenText(m))
	}
	if d, _ := e.st.LoadDraft(context.Background(), conv, "budi"); d.Text != "" {
		t.Fatalf("discarded draft still stored: %q", d.Text)
	}
	if !strings.Contains(screenText(m), "draf dibuang") {
		t.Errorf("no word that the draft is gone:\n%s", screenText(m))
	}
	m = keys(t, m, "X")
	if m.prompt.active() || !strings.Contains(screenText(m), "tidak ada draf") {
		t.Fatalf("X with no draft:\n%s", screenText(m))
	}
}

// TestTakingOverAsks: m on a conversation another admin holds asks before
// taking it (issue 8, item 20); on one nobody holds it does not.
func TestTakingOverAsks(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	siti := "siti"
	c := convByName(t, e, "Siti Rahma")
	if _, err := e.st.Apply(context.Background(), c.ID, "siti", inbox.Change{Assign: &siti, ExpectAssignee: "-"}); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, e, testConfig())
	m = keys(t, m, "m")
	if !m.prompt.active() || !strings.Contains(screenText(m), "Sedang dipegang siti. Ambil alih? (y/t)") {
		t.Fatalf("m took over without asking:\n%s", screenText(m))
	}
	if got := convByName(t, e, "Siti Rahma").Assignee; got != "siti" {
		t.Fatalf("assigned to %q before the answer", got)
	}
	m = keys(t, m, "t")
	if got := convByName(t, e, "Siti Rahma").Assignee; got != "siti" {
		t.Fatalf("a no took it over: %q", got)
	}
	m = keys(t, m, "m", "y")
	if got := convByName(t, e, "Siti Rahma").Assignee; got != "budi" {
		t.Fatalf("a yes did not take it over: %q", got)
	}
	// Handing someone else's conversation to a third admin, or unassigning
	// it, asks too, in words that say which.
	ani := "ani"
	if _, err := e.st.Apply(context.Background(), c.ID, "ani", inbox.Change{Assign: &ani, ExpectAssignee: "budi"}); err != nil {
		t.Fatal(err)
	}
	m = keys(t, m, "ctrl+r", ":")
	m = typeText(t, m, "assign dewi\n")
	if !strings.Contains(screenText(m), "Sedang dipegang ani. Serahkan ke dewi? (y/t)") {
		t.Fatalf(":assign over another admin did not ask:\n%s", screenText(m))
	}
	m = keys(t, m, "y", ":")
	m = typeText(t, m, "assign -\n")
	if !strings.Contains(screenText(m), "Sedang dipegang dewi. Lepas? (y/t)") {
		t.Fatalf(":assign - did not ask:\n%s", screenText(m))
	}
	m = keys(t, m, "y")
	if got := convByName(t, e, "Siti Rahma").Assignee; got != "" {
		t.Fatalf("a yes did not unassign: %q", got)
	}
	m = keys(t, m, "j", "m") // Budi Santoso: nobody holds it
	if m.prompt.active() {
		t.Fatal("m asked on a conversation nobody holds")
	}
	if got := convByName(t, e, "Budi Santoso").Assignee; got != "budi" {
		t.Fatalf("m did not take a free conversation: %q", got)
	}
}

// TestHelpExplainsTheList: `?` has a legend for the badges, the unread and
// priority marks and the age units (issue 8, item 23), in both languages.
func TestHelpExplainsTheList(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	for lang, wants := range map[string][]string{
		"id": {"MSG Messenger", "MA Mastodon", "@ email", "* belum dibaca", "m menit, j jam, h hari"},
		"en": {"MSG Messenger", "MA Mastodon", "@ email", "* unread", "m minutes, h hours, d days"},
	} {
		cfg := testConfig()
		cfg.UI.Language = lang
		m := newModel(t, e, cfg)
		m = keys(t, m, "?", "G")
		screen := strings.ReplaceAll(screenText(m), "\u00a0", " ")
		for _, want := range wants {
			if !strings.Contains(screen, want) {
				t.Errorf("%s: help lacks %q:\n%s", lang, want, screen)
			}
		}
		m = keys(t, m, "x")
		if m.help {
			t.Fatal("a key other than a moving one did not close help")
		}
	}
}

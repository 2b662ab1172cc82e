package ui

import (
	"context"
	"strings"
	"testing"

	"sapa/inbox"
)

func TestListShowsInboxAtStart(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	checkFrame(t, m)
	golden(t, "list_80x24", screenText(m))
	if len(m.list.rows) != 5 {
		t.Fatalf("open view shows %d rows, want 5", len(m.list.rows))
	}
	_ = inbox.ViewOpen
	_ = context.Background()
	_ = strings.Contains
}

func TestOpenConversationShowsThread(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "enter")
	checkFrame(t, m)
	golden(t, "thread_80x24", screenText(m))
	m = keys(t, m, "r")
	m = typeText(t, m, "Terima kasih, Bu Siti.\nKami teruskan ke Dinas PU.")
	checkFrame(t, m)
	golden(t, "composer_80x24", screenText(m))
}

package ui

import (
	"context"
	"strings"
	"testing"

	"sapa/inbox"
)

// moderatedEnv is the seeded env whose Facebook Page can hide comments.
func moderatedEnv(t *testing.T) *env {
	e := newEnv(t)
	e.account(t, "fb-pemkab", inbox.Facebook, inbox.Capabilities{Reply: true, PublicComments: true, Moderation: true})
	e.seed(t)
	return e
}

func TestHideKeyQueuesAndRefusesWhereThePlatformCannot(t *testing.T) {
	e := moderatedEnv(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "x") // Siti's Facebook comment
	if c := convByName(t, e, "Siti Rahma"); c.Hiding != inbox.HideHiding {
		t.Fatalf("after x: %q, want hiding", c.Hiding)
	}
	screen := screenText(m)
	if !strings.Contains(screen, "1 komentar diantre untuk disembunyikan") || !strings.Contains(screen, " *~FB  Siti") {
		t.Fatalf("screen after x:\n%s", screen)
	}
	m = keys(t, m, "j", "x") // Budi's WhatsApp chat cannot be hidden; the reason fits 80 columns whole
	if !strings.Contains(screenText(m), "komentar di platform ini tidak bisa disembunyikan (hanya FB, IG, YouTube)") {
		t.Fatalf("no refusal on a WhatsApp chat:\n%s", screenText(m))
	}
	// In the thread, x again asks to show it: the toggle.
	m = keys(t, m, "k", "enter")
	if !strings.Contains(screenText(m), "(sedang disembunyikan…)") {
		t.Fatalf("thread does not show the pending hide:\n%s", screenText(m))
	}
	m = keys(t, m, "x")
	if c := convByName(t, e, "Siti Rahma"); c.Hiding != inbox.HideUnhiding {
		t.Fatalf("x on a comment being hidden: %q, want unhiding", c.Hiding)
	}
}

func TestMarkThenTagPrefixAppliesToAllMarked(t *testing.T) {
	e := moderatedEnv(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "space", "space", "j", "space") // Siti, Budi, then Dewi (Andi skipped)
	screen := screenText(m)
	if !strings.Contains(screen, "3 ditandai") {
		t.Fatalf("status bar lacks the count:\n%s", screen)
	}
	if strings.Count(screen, "+* ") != 3 {
		t.Fatalf("rows do not show three marks:\n%s", screen)
	}
	m = keys(t, m, ";", "t")
	m = typeText(t, m, "banjir\n")
	for _, who := range []string{"Siti Rahma", "Budi Santoso", "Dewi Lestari"} {
		if c := convByName(t, e, who); strings.Join(c.Labels, ",") != "banjir" {
			t.Fatalf("%s labels %v after ;t", who, c.Labels)
		}
	}
	if c := convByName(t, e, "Andi Wijaya"); len(c.Labels) != 0 {
		t.Fatalf("unmarked Andi labelled %v", c.Labels)
	}
	if strings.Contains(screenText(m), "ditandai") {
		t.Fatalf("marks not spent after the action:\n%s", screenText(m))
	}
	// Mark again; ;d closes them, each audited.
	m = keys(t, m, "g", "space", "space", ";", "d")
	for _, who := range []string{"Siti Rahma", "Budi Santoso"} {
		c := convByName(t, e, who)
		if c.Status != inbox.StatusDone {
			t.Fatalf("%s is %s after ;d", who, c.Status)
		}
		log, _ := e.st.Audit(context.Background(), c.ID, 20)
		if last := log[len(log)-1]; last.Action != "status" || last.Detail != "done" || last.Admin != "budi" {
			t.Fatalf("%s audit: %+v", who, last)
		}
	}
	// A key that cannot apply to marks says so and does nothing.
	m = keys(t, m, "space", ";", "r")
	if !strings.Contains(screenText(m), "tidak berlaku untuk yang ditandai") || m.composing {
		t.Fatalf("; r:\n%s", screenText(m))
	}
	// :marked names the action.
	m = keys(t, m, ":")
	m = typeText(t, m, "marked pending\n")
	if c := convByName(t, e, "Andi Wijaya"); c.Status != inbox.StatusPending {
		t.Fatalf(":marked pending left Andi %s", c.Status)
	}
}

func TestBulkHideSkipsWhatCannotBeHidden(t *testing.T) {
	e := moderatedEnv(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "space", "space", ";", "x") // Siti (FB) and Budi (WhatsApp)
	if c := convByName(t, e, "Siti Rahma"); c.Hiding != inbox.HideHiding {
		t.Fatalf("Siti %q after ;x", c.Hiding)
	}
	if !strings.Contains(screenText(m), "1 percakapan dilewati") {
		t.Fatalf("no word of the skipped chat:\n%s", screenText(m))
	}
}

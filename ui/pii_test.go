package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

// fakePII flags the digits "3201" as an NIK, like the real guard main wires.
func fakePII(reply string, _ []string) []string {
	if strings.Contains(reply, "3201") {
		return []string{"nik", "nik"}
	}
	return nil
}

func piiModel(t *testing.T, e *env) Model {
	t.Helper()
	d := testDeps(e, testConfig())
	d.PII = fakePII
	return startWith(t, d, 80, 24)
}

func queued(t *testing.T, e *env) int {
	t.Helper()
	counts, _ := e.st.OutboxCounts(context.Background())
	return counts[inbox.DeliveryQueued]
}

// TestPublicReplyWithPersonalDataAsks: a comment reply holding an NIK waits
// for y; n keeps it unsent in the composer.
func TestPublicReplyWithPersonalDataAsks(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, piiModel(t, e)) // Siti's Facebook comment
	m = keys(t, m, "r")
	m = typeText(t, m, "NIK 3201014508900003 sudah kami cek.")
	m = keys(t, m, "ctrl+s")
	if n := queued(t, e); n != 0 {
		t.Fatalf("%d replies queued before the admin answered", n)
	}
	if screen := screenText(m); !strings.Contains(screen, "Balasan publik ini memuat NIK warga. Tetap kirim? (y/t)") {
		t.Fatalf("no question:\n%s", screen)
	}
	m = keys(t, m, "n")
	if n := queued(t, e); n != 0 || m.composer.value() == "" {
		t.Fatalf("n: %d queued, composer %q", n, m.composer.value())
	}
	m = keys(t, m, "ctrl+s", "y")
	if n := queued(t, e); n != 1 {
		t.Fatalf("y: %d queued, want 1", n)
	}
}

// TestPrivateReplyIsNotChecked: a WhatsApp conversation is private.
func TestPrivateReplyIsNotChecked(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := piiModel(t, e)
	for i := 0; i < 5; i++ {
		if c, _ := m.list.selected(); strings.Contains(c.Contact.Name, "Budi") {
			break
		}
		m = keys(t, m, "j")
	}
	m = openFirst(t, m)
	if m.thread.conv.Kind != inbox.KindDM {
		t.Fatalf("opened %s, want the WhatsApp DM", m.thread.conv.Kind)
	}
	m = keys(t, m, "r")
	m = typeText(t, m, "NIK Bapak 3201011208850001 sudah aktif.")
	m = keys(t, m, "ctrl+s")
	if n := queued(t, e); n != 1 {
		t.Fatalf("%d queued, want the private reply sent without a question", n)
	}
}

// TestCitizenExposingNIKIsFlagged: a public comment showing an NIK gets a
// warning line in the thread offering the key that hides it, and that key
// hides it; the same text in a DM does not.
func TestCitizenExposingNIKIsFlagged(t *testing.T) {
	e := newEnv(t)
	e.account(t, "fb-pemkab", inbox.Facebook, inbox.Capabilities{Reply: true, PublicComments: true, Moderation: true})
	e.msg(t, "fb-pemkab", "post1/c1", "Bansos", "Siti Rahma", "c1",
		"NIK saya 3201014508900003 kok belum dapat bansos?", t0.Add(-5*time.Minute))
	e.msg(t, "wa-pemkab", "6281234", "", "Budi Santoso", "w1",
		"NIK saya 3201011208850001, mohon dicek", t0.Add(-3*time.Hour))
	m := piiModel(t, e)
	m = openFirst(t, m)
	if screen := screenText(m); !strings.Contains(screen, "Komentar publik ini memuat NIK/KK warga") ||
		!strings.Contains(screen, "x menyembunyikannya") {
		t.Fatalf("no flag offering to hide on the public comment:\n%s", screen)
	}
	m = keys(t, m, "x") // the key the flag offers hides it on the platform
	if c := convByName(t, e, "Siti Rahma"); c.Hiding != inbox.HideHiding {
		t.Fatalf("after x on the flagged comment: %q, want hiding", c.Hiding)
	}
	m = keys(t, m, "q", "j", "enter")
	if m.thread.conv.Kind != inbox.KindDM {
		t.Fatalf("opened %s, want the DM", m.thread.conv.Kind)
	}
	if screen := screenText(m); strings.Contains(screen, "memuat NIK/KK") {
		t.Fatalf("a private message flagged:\n%s", screen)
	}
}

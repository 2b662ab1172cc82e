package ui

import (
	"strings"
	"testing"
)

// TestCannedReplyFromTheComposer: ctrl+t, a few letters, tab to the match,
// enter: the reply lands in the composer with the citizen's name and the
// platform filled in, after what was typed.
func TestCannedReplyFromTheComposer(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig())) // Siti Rahma's Facebook comment
	m = keys(t, m, "r")
	m = typeText(t, m, "Selamat siang.")
	m = keys(t, m, "ctrl+t")
	if !m.prompt.active() || !strings.Contains(screenText(m), "balasan siap") {
		t.Fatalf("ctrl+t opened no prompt:\n%s", screenText(m))
	}
	m = typeText(t, m, "salam")
	m = keys(t, m, "tab", "enter")
	got := m.composer.value()
	want := "Selamat siang.\nHalo Kak Siti Rahma, terima kasih sudah menghubungi kami melalui Facebook. Ada yang bisa kami bantu?"
	if got != want {
		t.Fatalf("composer:\n%q\nwant\n%q", got, want)
	}
}

// TestCannedCommandOpensTheComposer: `:canned minta-lokasi` in a thread
// opens the composer with the reply; an unknown name says so.
func TestCannedCommandOpensTheComposer(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, ":")
	m = typeText(t, m, "canned lokasi foto")
	m = keys(t, m, "enter")
	if !m.composing || !strings.Contains(m.composer.value(), "titik lokasinya (share loc)") {
		t.Fatalf("composing %v, text %q", m.composing, m.composer.value())
	}
	m = keys(t, m, "esc", ":")
	m = typeText(t, m, "canned zzz")
	m = keys(t, m, "enter")
	if !strings.Contains(screenText(m), `tidak ada balasan siap "zzz"`) {
		t.Fatalf("no error:\n%s", screenText(m))
	}
}

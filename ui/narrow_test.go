package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestNarrowScreens draws the list, a conversation, the composer and help
// at 40 and 60 columns, an admin's phone over SSH: every row exactly the
// terminal's width, and what each shows fixed by a golden file.
func TestNarrowScreens(t *testing.T) {
	for _, w := range []int{40, 60} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			e := newEnv(t)
			e.seed(t)
			m := newModel(t, e, testConfig())
			m = send(t, m, tea.WindowSizeMsg{Width: w, Height: 20})
			shot := func(name string) {
				t.Helper()
				checkFrame(t, m)
				golden(t, fmt.Sprintf("%s_%dx20", name, w), screenText(m))
			}
			shot("list")
			m = keys(t, m, "enter")
			shot("thread")
			m = keys(t, m, "r")
			m = typeText(t, m, "Terima kasih, Bu Siti. Laporan sudah kami teruskan ke Dinas PUPR.")
			shot("composer")
			m = keys(t, m, "esc")
			shot("draft")
			m = keys(t, m, "?")
			shot("help_thread")
			m = keys(t, m, "G")
			shot("help_thread_end")
			m = keys(t, m, "x", "esc", "?")
			shot("help_list")
		})
	}
}

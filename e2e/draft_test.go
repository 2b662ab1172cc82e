package e2e

import (
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// halfReply is a reply typed halfway: it stops mid-sentence.
const halfReply = "Mohon maaf atas keterlambatannya, petugas kami sedang menuju"

// typeHalfReply opens the top conversation, opens the composer and types
// halfReply, waiting until the screen shows it. It returns the list row of
// the conversation.
func typeHalfReply(a *app) string {
	a.t.Helper()
	row := a.openTop()
	a.send("r")
	a.waitFor("ctrl+s", stepTimeout)
	a.send(halfReply)
	a.waitFor(halfReply, stepTimeout)
	return row
}

// draftIn reads the admin's draft from the database ("" when none).
func draftIn(t *testing.T, d dirs, admin string) (convID int64, text string) {
	t.Helper()
	db := openDB(t, d.db())
	err := db.QueryRow(`SELECT conversation_id, text FROM drafts WHERE admin = ?`, admin).Scan(&convID, &text)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return convID, text
}

// mentionLen is what the @mention of a Mastodon thread's author adds to
// the reply's length ("@ujang " for @ujang@kopiteh.social: the instance
// counts a remote mention by its local part), read from the thread's
// header; 0 on any other platform.
func mentionLen(head string) int {
	if !strings.HasPrefix(strings.TrimSpace(head), "MA ") {
		return 0
	}
	for _, f := range strings.Fields(head) {
		if local, _, ok := strings.Cut(strings.TrimPrefix(f, "@"), "@"); ok && strings.HasPrefix(f, "@") {
			return len([]rune("@"+local)) + 1
		}
	}
	return 0
}

// checkDraftBack starts sapa again on d and checks that it resumes where
// the admin was: the same conversation open, the composer holding the
// draft word for word.
func checkDraftBack(t *testing.T, d dirs, row string) {
	t.Helper()
	b := startSapa(t, d, adminA)
	b.waitFor(halfReply, startTimeout)
	b.quiet(300 * time.Millisecond)
	if head := lines(b.s.Screen())[0]; !inThread(b.s.Screen()) || !strings.Contains(head, rowName(row)) {
		t.Fatalf("after the restart the screen is not the conversation of %q:\n%s", rowName(row), b.s.Screen())
	}
	if !strings.Contains(b.s.Screen(), "ctrl+s") {
		t.Fatalf("after the restart the composer is not open:\n%s", b.s.Screen())
	}
	screen := b.s.Screen()
	if !strings.Contains(screen, halfReply) {
		t.Fatalf("the composer does not hold the draft %q after the restart:\n%s", halfReply, screen)
	}
	// The composer counts what it holds: the whole draft, nothing more,
	// beside the @mention Sapa puts in front of a Mastodon reply.
	want := len([]rune(halfReply)) + mentionLen(lines(screen)[0])
	if !strings.Contains(screen, strconv.Itoa(want)+"/") {
		t.Errorf("the composer's counter does not show %d characters:\n%s", want, screen)
	}
}

// TestDraftSurvivesKill: type half a reply, wait for a second of quiet,
// SIGKILL the process — no clean quit — and start again: the draft is back
// word for word.
func TestDraftSurvivesKill(t *testing.T) {
	t.Parallel()
	d := newDirs(t)
	a := startSapa(t, d, adminA)
	a.settle(d)
	row := typeHalfReply(a)
	a.quiet(time.Second)
	if err := a.s.Kill(); err != nil {
		t.Fatal(err)
	}
	a.s.Close()
	if _, text := draftIn(t, d, adminA); text != halfReply {
		t.Errorf("after SIGKILL the database holds the draft %q; want %q", text, halfReply)
	}
	checkDraftBack(t, d, row)
}

// TestDraftSurvivesHangup: type half a reply and drop the link at once
// (SIGHUP to the process group, as sshd does), without waiting for the
// debounce: sapa must store the draft on its way out.
func TestDraftSurvivesHangup(t *testing.T) {
	t.Parallel()
	d := newDirs(t)
	a := startSapa(t, d, adminA)
	a.settle(d)
	row := typeHalfReply(a)
	// No waiting: the screen has just shown the last key.
	if err := syscall.Kill(-a.s.Pid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	hup := time.Now()
	err := a.s.WaitExit(stepTimeout)
	t.Logf("exit %v after SIGHUP: %v", time.Since(hup).Round(time.Millisecond), err)
	if err != nil {
		t.Errorf("sapa did not exit cleanly after SIGHUP: %v", err)
	}
	a.s.Close()
	if _, text := draftIn(t, d, adminA); text != halfReply {
		t.Errorf("after SIGHUP the database holds the draft %q; want %q", text, halfReply)
	}
	checkDraftBack(t, d, row)
}

// TestKillRightAfterTypingLosesAKeyAtMost: an admin types at a brisk 60 ms
// a key and the process is killed 3 ms after the last key, with no time to
// quit. Drafts are saved in batches of a few tens of milliseconds while the
// admin types, so at most the last keystroke or two are lost, never the
// draft.
func TestKillRightAfterTypingLosesAKeyAtMost(t *testing.T) {
	t.Parallel()
	d := newDirs(t)
	a := startSapa(t, d, adminA)
	a.settle(d)
	a.openTop()
	a.send("r")
	a.waitFor("ctrl+s", stepTimeout)
	for i, r := range halfReply {
		if i > 0 {
			time.Sleep(60 * time.Millisecond)
		}
		a.send(string(r))
	}
	time.Sleep(3 * time.Millisecond)
	if err := a.s.Kill(); err != nil {
		t.Fatal(err)
	}
	a.s.Close()
	_, text := draftIn(t, d, adminA)
	lost := len(halfReply) - len(text)
	t.Logf("after SIGKILL the draft holds %d of %d characters", len(text), len(halfReply))
	if !strings.HasPrefix(halfReply, text) || lost > 2 {
		t.Errorf("after SIGKILL the database holds the draft %q; want %q less two characters at most", text, halfReply)
	}
}

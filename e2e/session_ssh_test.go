package e2e

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"sapa/bench/ptymeter"
)

// demoSSH is `sapa demo --serve` (no live traffic): the demo's history and
// team, each admin's key as the demo printed it.
type demoSSH struct {
	d    dirs
	port string
	keys map[string]string // admin → key file
}

// startDemoSSH serves the demo over SSH and waits for the ssh lines of the
// admins named, then for the demo's history to be in the store.
func startDemoSSH(t *testing.T, admins ...string) demoSSH {
	t.Helper()
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Skip("skipping: ssh is not installed (apt-get install openssh-client)")
	}
	s := demoSSH{d: newDirs(t), port: freePort(t), keys: map[string]string{}}
	cmd := exec.Command(sapaBin, "demo", "--serve", "--no-live", "--seed", "1", "--lang", "en", "--port", s.port)
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+s.d.data, "XDG_CONFIG_HOME="+s.d.config, "SAPA_CONFIG=")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var printed []string
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			mu.Lock()
			printed = append(printed, sc.Text())
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	eventually(t, startTimeout, "the ssh lines of "+strings.Join(admins, ", "), func() (bool, error) {
		mu.Lock()
		defer mu.Unlock()
		for i := 1; i < len(printed); i++ {
			if m := demoLine.FindStringSubmatch(printed[i]); m != nil && m[2] == s.port {
				name, _, _ := strings.Cut(strings.TrimSpace(printed[i-1]), " ")
				s.keys[name] = m[1]
			}
		}
		for _, a := range admins {
			if s.keys[a] == "" {
				return false, nil
			}
		}
		return true, nil
	})
	waitListening(t, s.port) // the lines come before the relay starts the service
	db := openDB(t, s.d.db())
	last, since := -1, time.Now()
	eventually(t, startTimeout, "the demo's history in the store", func() (bool, error) {
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) FROM messages`).Scan(&n); err != nil {
			return false, nil // the relay may still be creating the schema
		}
		if n != last {
			last, since = n, time.Now()
		}
		return n > 0 && time.Since(since) >= time.Second, nil
	})
	return s
}

// connect opens admin's inbox over SSH with the system client at 80x24.
func (s demoSSH) connect(t *testing.T, admin string) *ptymeter.Session {
	t.Helper()
	args := []string{"-i", s.keys[admin], "-p", s.port, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
		"-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-tt", "localhost"}
	sess, err := ptymeter.StartOptions(context.Background(), exec.Command("ssh", args...), ptymeter.Options{Cols: cols, Rows: rows})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	waitScreen(t, sess, admin+" │", startTimeout)
	return sess
}

// unitCount is how many conversations of a unit the store holds.
func (s demoSSH) unitCount(t *testing.T, unit string) int {
	t.Helper()
	var n int
	if err := openDB(t, s.d.db()).QueryRow(`SELECT COUNT(*) FROM conversations WHERE unit = ?`, unit).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// command types a `:` command line and waits for the list header to say want.
func command(t *testing.T, sess *ptymeter.Session, line string, want func(left string, n int) bool) (string, int) {
	t.Helper()
	if err := sess.Send(":" + line + "\r"); err != nil {
		t.Fatal(err)
	}
	var left string
	var n int
	if err := sess.WaitScreen(func(screen string) bool {
		var ok bool
		left, n, ok = listHeader(screen)
		return ok && want(left, n)
	}, stepTimeout, ":"+line); err != nil {
		t.Fatalf("%v; screen:\n%s", err, sess.Screen())
	}
	return left, n
}

// openFirst waits for the list's rows and opens the selected conversation.
func openFirst(t *testing.T, a *ptymeter.Session) {
	t.Helper()
	if err := a.WaitScreen(func(screen string) bool { _, n, ok := listHeader(screen); return ok && n > 0 }, stepTimeout, "rows in the list"); err != nil {
		t.Fatalf("%v; screen:\n%s", err, a.Screen())
	}
	if err := a.Send("\r"); err != nil {
		t.Fatal(err)
	}
	if err := a.WaitScreen(inThread, stepTimeout, "the conversation open"); err != nil {
		t.Fatalf("%v; screen:\n%s", err, a.Screen())
	}
}

// startReply opens the composer on the open conversation.
func startReply(t *testing.T, a *ptymeter.Session) {
	t.Helper()
	if err := a.Send("r"); err != nil {
		t.Fatal(err)
	}
	waitScreen(t, a, "ctrl+s", stepTimeout)
}

// TestSSHKilledMidReplyResumesDraftAndScreen: an admin types half a reply
// over SSH and the client is killed (kill -9, as a phone losing its link
// would leave it); the same admin connecting again finds the same
// conversation open and the composer holding the text, and types on.
func TestSSHKilledMidReplyResumesDraftAndScreen(t *testing.T) {
	t.Parallel()
	const admin = "dedi.bendungan"
	s := startDemoSSH(t, admin)
	a := s.connect(t, admin)
	openFirst(t, a)
	head := lines(a.Screen())[0]
	startReply(t, a)
	if err := a.Send(halfReply); err != nil {
		t.Fatal(err)
	}
	waitScreen(t, a, halfReply, stepTimeout)
	if err := a.Kill(); err != nil {
		t.Fatal(err)
	}
	a.Close()
	eventually(t, stepTimeout, "the draft in the store", func() (bool, error) {
		_, text := draftIn(t, s.d, admin)
		return text == halfReply, nil
	})

	b := s.connect(t, admin)
	waitScreen(t, b, halfReply, stepTimeout)
	screen := b.Screen()
	if got := lines(screen)[0]; !inThread(screen) || got != head {
		t.Fatalf("after reconnecting the screen is not the conversation %q:\n%s", head, screen)
	}
	if !strings.Contains(screen, "ctrl+s") {
		t.Fatalf("after reconnecting the composer is not open:\n%s", screen)
	}
	if err := b.Send(" segera"); err != nil {
		t.Fatal(err)
	}
	waitScreen(t, b, halfReply+" segera", stepTimeout)
}

// wordRE is a word worth searching for: letters only, long enough to be
// particular to a conversation.
var wordRE = regexp.MustCompile(`^[a-z]{6,}$`)

// onlyIn returns a word of the messages of unit in, found in no message
// of unit out.
func (s demoSSH) onlyIn(t *testing.T, in, out string) string {
	t.Helper()
	db := openDB(t, s.d.db())
	texts := func(unit string) []string {
		rows, err := db.Query(`SELECT m.text FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.unit = ?`, unit)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, strings.ToLower(s))
		}
		return out
	}
	others := strings.Join(texts(out), " ")
	for _, text := range texts(in) {
		for _, w := range strings.Fields(text) {
			if wordRE.MatchString(w) && !strings.Contains(others, w[:5]) {
				return w
			}
		}
	}
	t.Fatalf("no word of %s's messages is missing from %s's", in, out)
	return ""
}

// TestSSHDesaAdminsSeeDisjointLists: two desa admins of different desa,
// each over SSH, see only their own desa's conversations, and neither
// reaches the other's by the list, a search or a `:` command that names the
// other desa or its admin (no command takes a conversation's id).
func TestSSHDesaAdminsSeeDisjointLists(t *testing.T) {
	t.Parallel()
	type desa struct{ admin, unit string }
	pair := [2]desa{{"dedi.bendungan", "32.01.24.2008"}, {"neng.cijayanti", "32.01.05.2001"}}
	s := startDemoSSH(t, pair[0].admin, pair[1].admin)
	for i, me := range pair {
		other := pair[1-i]
		want := s.unitCount(t, me.unit)
		if want == 0 || s.unitCount(t, other.unit) == 0 {
			t.Fatalf("the demo has no conversation in %s or %s", me.unit, other.unit)
		}
		sess := s.connect(t, me.admin)
		// Every view: exactly the desa's own conversations.
		command(t, sess, "view all", func(left string, n int) bool { return strings.HasPrefix(left, "All") && n == want })
		// The other desa's words find nothing; its own find its own.
		mine, theirs := s.onlyIn(t, me.unit, other.unit), s.onlyIn(t, other.unit, me.unit)
		command(t, sess, "search "+mine, func(left string, n int) bool { return strings.Contains(left, mine) && n > 0 })
		command(t, sess, "search "+theirs, func(left string, n int) bool { return strings.Contains(left, theirs) && n == 0 })
		if !strings.Contains(sess.Screen(), "(no conversations)") {
			t.Errorf("%s: a search for %q, a word of %s, shows rows:\n%s", me.admin, theirs, other.unit, sess.Screen())
		}
		if err := sess.Send("\x1b"); err != nil { // esc ends the search
			t.Fatal(err)
		}
		if err := sess.WaitScreen(func(screen string) bool {
			left, n, ok := listHeader(screen)
			return ok && !strings.Contains(left, "search") && n == want
		}, stepTimeout, "the search ended"); err != nil {
			t.Fatalf("%v; screen:\n%s", err, sess.Screen())
		}
		// Naming the other desa or its admin narrows to nothing.
		command(t, sess, "unit_filter "+other.unit, func(left string, n int) bool { return strings.Contains(left, other.unit) && n == 0 })
		command(t, sess, "unit_filter -", func(left string, n int) bool { return !strings.Contains(left, "unit") && n == want })
		command(t, sess, "held_by "+other.admin, func(left string, n int) bool { return n == 0 })
		if err := sess.Send("q"); err != nil {
			t.Fatal(err)
		}
		sess.WaitExit(stepTimeout)
	}
}

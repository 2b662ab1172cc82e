package e2e

import (
	"os"
	"strings"
	"testing"
	"time"
)

// otherSessionLimit is how soon another session must show an admin's action.
const otherSessionLimit = time.Second

// handoverLimit is how soon the relay moves on after its holder quits.
const handoverLimit = 5 * time.Second

// TestTwoSessionsOneRelay: two `sapa demo` on one data directory (two admins
// over SSH). Marking a conversation done in one shows in the other within a
// second; only the first process runs the relay (the lease row names it,
// both status bars say the relay is up); when it quits, the other takes the
// relay over within seconds.
func TestTwoSessionsOneRelay(t *testing.T) {
	t.Parallel()
	d := newDirs(t)
	a := startSapa(t, d, adminA)
	a.settle(d)
	b := startSapa(t, d, adminB)
	b.settle(d)

	db := openDB(t, d.db())
	holderA, holderB := holderOf(t, a.s.Pid()), holderOf(t, b.s.Pid())
	holder, expires, err := leaseHolder(db)
	if err != nil {
		t.Fatal(err)
	}
	if holder != holderA || !expires.After(time.Now()) {
		t.Errorf("relay lease: holder %q until %v; want the first process %q, live", holder, expires, holderA)
	}
	for _, s := range []*app{a, b} {
		if bar := s.statusBar(); !strings.Contains(bar, "relay: ok") || !strings.Contains(bar, s.name) {
			t.Errorf("%s's status bar %q; want the admin and \"relay: ok\"", s.name, bar)
		}
	}
	if n := strings.Count(readFile(t, d.log()), "Relay lease taken"); n != 1 {
		t.Errorf("the log records %d relays taking the lease; want exactly 1:\n%s", n, readFile(t, d.log()))
	}

	// A marks its top conversation done; it leaves both lists.
	_, before, _ := listHeader(a.s.Screen())
	if _, nb, _ := listHeader(b.s.Screen()); nb != before {
		t.Fatalf("the two sessions count %d and %d open conversations", before, nb)
	}
	row := a.selectTop()
	name := rowName(row)
	pressed := time.Now()
	a.send("d")
	gone := func(screen string) bool {
		_, n, ok := listHeader(screen)
		return ok && n == before-1 && (len(listRows(screen)) == 0 || rowName(listRows(screen)[0]) != name)
	}
	doneA := make(chan time.Duration, 1)
	go func() {
		if err := a.s.WaitScreen(gone, stepTimeout, "A's list without "+name); err != nil {
			t.Error(err)
		}
		doneA <- time.Since(pressed)
	}()
	b.waitScreen("B's list without "+name, stepTimeout, gone)
	inB := time.Since(pressed)
	inA := <-doneA
	t.Logf("d in A: A's own screen after %v, B's screen after %v (B behind A by %v)",
		inA.Round(time.Millisecond), inB.Round(time.Millisecond), (inB - inA).Round(time.Millisecond))
	if inB > otherSessionLimit {
		t.Errorf("B showed A's action %v after the key; want within %v", inB, otherSessionLimit)
	}
	// The audit log says who closed which conversation; it is done.
	var convID int64
	var status, who string
	err = db.QueryRow(`SELECT c.id, c.status, COALESCE(p.name, '') FROM audit_log a
		JOIN conversations c ON c.id = a.conversation_id LEFT JOIN contacts p ON p.id = c.contact_id
		WHERE a.admin = ? AND a.action = 'status' AND a.detail = 'done'`, adminA).Scan(&convID, &status, &who)
	if err != nil {
		t.Fatalf("the audit log entry of %s's d: %v", adminA, err)
	}
	if status != "done" || !strings.HasPrefix(who, name) {
		t.Errorf("%s closed conversation %d of %q, now %q; want %s's, done", adminA, convID, who, status, name)
	}

	// A quits (q on the list): B's relay takes the lease.
	a.send("q")
	if err := a.s.WaitExit(stepTimeout); err != nil {
		t.Fatalf("A did not quit cleanly: %v", err)
	}
	took := eventually(t, stepTimeout, "B taking the relay lease", func() (bool, error) {
		h, exp, err := leaseHolder(db)
		return h == holderB && exp.After(time.Now()), err
	})
	t.Logf("relay handed over %v after A exited", took.Round(time.Millisecond))
	// A clean quit releases the lease, so B need not wait for it to expire
	// (10 s): B's next lease check (every 3.3 s) takes it.
	if took > handoverLimit {
		t.Errorf("B took the relay over %v after A quit; want within %v", took, handoverLimit)
	}
	if log := readFile(t, d.log()); !strings.Contains(log, "holder="+holderB) {
		t.Errorf("the log does not record B (%s) taking the relay:\n%s", holderB, log)
	}
	b.waitScreen("B's status bar with the relay up", stepTimeout, func(screen string) bool {
		ls := lines(screen)
		return strings.Contains(ls[len(ls)-2], "relay: ok")
	})
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

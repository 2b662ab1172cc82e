package sshd

import (
	"slices"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func TestFailuresBlockOnlyTheAddressPastTheLimit(t *testing.T) {
	f := newFailures(3, time.Hour)
	for i := 0; i < 2; i++ {
		f.add("10.0.0.1")
	}
	if f.blocked("10.0.0.1") {
		t.Fatal("blocked below the limit")
	}
	f.add("10.0.0.1")
	if !f.blocked("10.0.0.1") {
		t.Fatal("not blocked at the limit")
	}
	if f.blocked("10.0.0.2") {
		t.Fatal("another address blocked")
	}
}

func TestFailuresForgetOutsideTheWindow(t *testing.T) {
	f := &failures{max: 1, window: time.Hour, at: map[string][]time.Time{"10.0.0.1": {time.Now().Add(-2 * time.Hour)}}}
	if f.blocked("10.0.0.1") {
		t.Fatal("an old failure still blocks")
	}
	if len(f.at) != 0 {
		t.Fatalf("old failures kept: %v", f.at)
	}
}

func TestSessionSlotsCapInAllAndPerAdmin(t *testing.T) {
	s := newSessions(3, 2)
	r1, why := s.open("siti")
	if why != admitted {
		t.Fatal("first session refused")
	}
	if _, why := s.open("siti"); why != admitted {
		t.Fatal("second session refused")
	}
	if _, why := s.open("siti"); why != fullAdmin {
		t.Fatalf("third session of one admin: %v, want fullAdmin", why)
	}
	if _, why := s.open(""); why != admitted {
		t.Fatal("an enrolment screen refused below the cap")
	}
	if _, why := s.open("ujang"); why != fullService {
		t.Fatalf("a session over the cap: %v, want fullService", why)
	}
	r1()
	r1() // releasing twice gives back one slot
	if _, why := s.open("ujang"); why != admitted {
		t.Fatal("a freed slot not reused")
	}
	if _, why := s.open("ujang"); why != fullService {
		t.Fatal("a double release freed two slots")
	}
}

func TestSessionsOverTheCapsAreToldWhy(t *testing.T) {
	reg := newFakeRegistry()
	siti, ujang := newKey(t), newKey(t)
	reg.register("siti", siti.PublicKey())
	reg.register("ujang", ujang.PublicKey())
	addr := startServer(t, reg, Options{Language: "en", MaxSessions: 2, MaxPerAdmin: 1})

	first := open(t, addr, siti)
	first.waitFor("INBOX of siti")
	second := open(t, addr, siti)
	second.waitFor("siti already has 1 sessions open")
	second.waitEnd()

	open(t, addr, ujang).waitFor("INBOX of ujang")
	third := open(t, addr, newKeyOf(t, reg, "dewi"))
	third.waitFor("the service is full (2 sessions open)")
	third.waitEnd()

	first.send("q")
	first.waitEnd()
	// The slot is given back when the session ends.
	eventually(t, func() bool { return reg.count("siti ssh.logout") == 1 })
	open(t, addr, siti).waitFor("INBOX of siti")
}

func TestLoginAndLogoutAreAuditedWithKeyAndAddress(t *testing.T) {
	reg := newFakeRegistry()
	key := newKey(t)
	reg.register("siti", key.PublicKey())
	tm := open(t, startServer(t, reg, Options{}), key)
	tm.waitFor("INBOX of siti")
	local := tm.client.LocalAddr().String()
	tm.send("q")
	tm.waitEnd()
	fp := gossh.FingerprintSHA256(key.PublicKey())
	eventually(t, func() bool { return reg.count("siti ssh.logout") == 1 })
	want := []string{"siti ssh.login " + fp + " " + local, "siti ssh.logout " + fp + " " + local}
	if got := reg.auditLog(); !slices.Equal(got, want) {
		t.Fatalf("audit:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestADroppedLinkIsAuditedAsALogout(t *testing.T) {
	reg := newFakeRegistry()
	key := newKey(t)
	reg.register("siti", key.PublicKey())
	tm := open(t, startServer(t, reg, Options{}), key)
	tm.waitFor("INBOX of siti")
	tm.client.Close()
	eventually(t, func() bool { return reg.count("siti ssh.logout") == 1 })
}

func TestCommandsAndTerminallessSessionsAreRefusedInTheAdminsLanguage(t *testing.T) {
	reg := newFakeRegistry()
	key := newKey(t)
	reg.register("siti", key.PublicKey())
	addr := startServer(t, reg, Options{Language: "id"})
	c, err := dial(addr, key)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, _ := sess.CombinedOutput("cat /etc/passwd")
	if !strings.Contains(string(out), "perintah tidak diterima") {
		t.Errorf("exec: %q", out)
	}
	sess, err = c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, _ = sess.CombinedOutput("")
	if !strings.Contains(string(out), "perlu terminal") {
		t.Errorf("no pty: %q", out)
	}
	if n := reg.count("ssh.login"); n != 0 {
		t.Errorf("%d logins audited for refused sessions", n)
	}
}

func TestASessionWithNothingTypedIsClosedThoughTheLinkAnswers(t *testing.T) {
	reg := newFakeRegistry()
	key := newKey(t)
	reg.register("siti", key.PublicKey())
	// Keepalives every 100 ms are answered by the client, so the
	// connection itself is never silent for the idle timeout.
	addr := startServer(t, reg, Options{Language: "id", IdleTimeout: 2 * time.Second, KeepAlive: 100 * time.Millisecond})
	typing := open(t, addr, key)
	idle := open(t, addr, key)
	typing.waitFor("INBOX of siti")
	idle.waitFor("INBOX of siti")
	for range 20 { // 4 s of typing, twice the timeout
		typing.send("j")
		time.Sleep(200 * time.Millisecond)
	}
	idle.waitEnd()
	idle.waitFor("sesi ditutup setelah 2 detik tanpa ketikan")
	select {
	case <-typing.ended:
		t.Fatalf("a session being typed in was closed; screen:\n%s", typing.screen())
	default:
	}
	eventually(t, func() bool { return reg.count("siti ssh.logout") == 1 })
}

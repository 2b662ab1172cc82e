package sshd

import (
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func TestUnknownKeyIsRefusedWhileNoInvitationIsPending(t *testing.T) {
	reg := newFakeRegistry()
	addr := startServer(t, reg, Options{})
	c, err := dial(addr, newKey(t))
	if err == nil {
		c.Close()
		t.Fatal("an unknown key logged in with no invitation pending")
	}
	if !refused(err) {
		t.Fatalf("want an authentication refusal, got %v", err)
	}
}

func TestEnrolmentRegistersTheKeyWithTheRightCode(t *testing.T) {
	reg := newFakeRegistry()
	reg.invite("ujang", "k7m2-9xqa-3hfp")
	addr := startServer(t, reg, Options{Language: "en"})
	key := newKey(t)

	tm := open(t, addr, key)
	tm.waitFor("This key is not registered yet")
	tm.send("wrong-code\r")
	tm.waitFor("Attempts left: 9")
	if s := tm.screen(); strings.Contains(s, "INBOX") {
		t.Fatalf("the enrolment screen showed the inbox:\n%s", s)
	}
	tm.send("k7m2-9xqa-3hfp\r")
	tm.waitFor("Key registered for ujang")
	tm.send("\r")
	tm.waitEnd()

	fp := gossh.FingerprintSHA256(key.PublicKey())
	if a, err := reg.AdminByKey(t.Context(), fp); err != nil || a.Name != "ujang" {
		t.Fatalf("key not registered to ujang: %v %v", a, err)
	}
	again := open(t, addr, key)
	again.waitFor("INBOX of ujang")
	again.send("q")
	again.waitEnd()
}

func TestEnrolmentScreenIsLocalized(t *testing.T) {
	reg := newFakeRegistry()
	reg.invite("ujang", "k7m2-9xqa-3hfp")
	tm := open(t, startServer(t, reg, Options{Language: "id"}), newKey(t))
	tm.waitFor("Kunci ini belum terdaftar")
	tm.send("salah\r")
	tm.waitFor("Sisa percobaan: 9")
}

func TestWrongCodesAreLimitedPerAddress(t *testing.T) {
	reg := newFakeRegistry()
	reg.invite("ujang", "k7m2-9xqa-3hfp")
	addr := startServer(t, reg, Options{Language: "en", MaxFailures: 2})
	tm := open(t, addr, newKey(t))
	tm.waitFor("Code:")
	tm.send("one\r")
	tm.waitFor("Attempts left: 1")
	tm.send("two\r")
	tm.waitFor("Too many wrong codes")
	tm.waitEnd()

	// The right code no longer gets a chance from this address.
	if c, err := dial(addr, newKey(t)); err == nil {
		c.Close()
		t.Fatal("a blocked address connected again")
	}
	if _, err := reg.AdminByKey(t.Context(), "none"); err == nil {
		t.Fatal("registry changed")
	}
}

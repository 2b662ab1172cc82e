package sshd

import (
	"strings"
	"testing"
)

// pub and its fingerprint as ssh-keygen -lf printed them.
const (
	pub = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHvFY8NrWP39pZzQ9KF1YWcWBvodGvJ65CNrli64gIHQ siti@hp"
	fp  = "SHA256:7tWLGjYOoGPLB6cF9UmHVqKFzpIe4zzm8BhdsVnPyF8"
)

func TestParseKeyFingerprintMatchesSSHKeygen(t *testing.T) {
	k, err := ParseKey("  " + pub + "\n")
	if err != nil {
		t.Fatal(err)
	}
	if k.Fingerprint != fp || k.PublicKey != pub {
		t.Errorf("ParseKey = %+v", k)
	}
}

func TestParseKeyRefuses(t *testing.T) {
	for name, line := range map[string]string{
		"empty":    " ",
		"garbage":  "hello world",
		"options":  `command="/bin/sh" ` + pub,
		"private":  "-----BEGIN OPENSSH PRIVATE KEY-----",
		"two keys": pub + "\n" + pub,
	} {
		if _, err := ParseKey(line); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestParseKeysReadsAFile(t *testing.T) {
	ks, err := ParseKeys("# siti's phone\n\n" + pub + "\n")
	if err != nil || len(ks) != 1 || ks[0].Fingerprint != fp {
		t.Fatalf("ParseKeys = %+v, %v", ks, err)
	}
	if _, err := ParseKeys("# nothing\n"); err == nil || !strings.Contains(err.Error(), "no public key") {
		t.Errorf("empty file: %v", err)
	}
	if _, err := ParseKeys(pub + "\nnot a key\n"); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad line: %v", err)
	}
}

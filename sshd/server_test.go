package sshd

import (
	"testing"
	"time"
)

func TestFailuresBlockOnlyTheAddressPastTheLimit(t *testing.T) {
	f := &failures{max: 3, window: time.Hour, at: map[string][]time.Time{}}
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

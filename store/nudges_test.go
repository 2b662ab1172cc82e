package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

func summary(s NudgeSummary) string { return fmt.Sprintf("%s: %d, #%d", s.Admin, s.Count, s.ID) }

func TestNudgesOptInOnePerHourNotWhileOnline(t *testing.T) {
	s, _ := scopeFixture(t)
	clk := &clock{t: t0.Add(10 * time.Minute)}
	s.now = clk.now
	ctx := context.Background()
	if err := s.SetNudge(ctx, "root", "siti", inbox.Nudge{Via: "telegram", To: "12345"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetNudge(ctx, "root", "ujang", inbox.Nudge{Via: "email", To: "Ujang <ujang@bojongkoneng.desa.id>"}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []inbox.Nudge{{Via: "telegram", To: "abc"}, {Via: "email", To: "not an address"}, {Via: "sms", To: "0812"}} {
		if err := s.SetNudge(ctx, "root", "asep", bad); err == nil {
			t.Errorf("SetNudge(%+v) accepted", bad)
		}
	}
	if a, _ := s.Admin(ctx, "ujang"); a.Nudge != (inbox.Nudge{Via: "email", To: "ujang@bojongkoneng.desa.id"}) {
		t.Errorf("ujang's nudge = %+v", a.Nudge)
	}
	online := map[string]bool{"ujang": true}
	isOnline := func(a string) bool { return online[a] }
	queue := func(want int) {
		t.Helper()
		n, err := s.QueueNudges(ctx, 30*time.Minute, isOnline, summary)
		if err != nil || n != want {
			t.Fatalf("QueueNudges = %d, %v; want %d", n, err, want)
		}
	}
	// asep, camat and bupati did not opt in; ujang is logged in.
	queue(1)
	got, _ := s.Nudges(ctx)
	if len(got) != 1 || got[0] != (NudgeRow{Admin: "siti", Via: "telegram", Recipient: "12345", Text: "siti: 1, #1", State: "queued"}) {
		t.Fatalf("nudges = %+v", got)
	}
	// A new message within the hour makes no second nudge.
	acc := account(t, s, "fb-32.01.05.2001", inbox.Facebook)
	clk.add(time.Minute)
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("e", "me", "lampu jalan mati", clk.now())}, ""); err != nil {
		t.Fatal(err)
	}
	clk.add(19 * time.Minute)
	queue(0)
	// After the hour: siti again (the new one), ujang still logged in.
	clk.add(41 * time.Minute)
	queue(1)
	got, _ = s.Nudges(ctx)
	if len(got) != 2 || got[1].Admin != "siti" || !strings.HasPrefix(got[1].Text, "siti: 1, #5") {
		t.Fatalf("nudges = %+v", got)
	}
	// ujang logs out: his unit's conversation is news to him.
	online["ujang"] = false
	queue(1)
	// Opting out stops them.
	if err := s.SetNudge(ctx, "root", "siti", inbox.Nudge{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("f", "mf", "banjir", clk.now())}, ""); err != nil {
		t.Fatal(err)
	}
	clk.add(2 * time.Hour)
	queue(0)
	claims, err := s.ClaimNudges(ctx)
	if err != nil || len(claims) != 3 {
		t.Fatalf("ClaimNudges = %d, %v", len(claims), err)
	}
	if again, _ := s.ClaimNudges(ctx); len(again) != 0 {
		t.Fatalf("claimed twice: %+v", again)
	}
	// A relay that crashed mid-send never sends them again.
	if n, err := s.RecoverNudges(ctx); err != nil || n != 3 {
		t.Fatalf("RecoverNudges = %d, %v", n, err)
	}
	if again, _ := s.ClaimNudges(ctx); len(again) != 0 {
		t.Fatalf("recovered nudges claimed again: %+v", again)
	}
	log, _ := s.Audit(ctx, 0, 100)
	failed := 0
	for _, e := range log {
		if e.Action == string(inbox.AuditNudgeFailed) && e.Admin == RelayActor && strings.Contains(e.Detail, "interrupted") {
			failed++
		}
	}
	if failed != 3 {
		t.Errorf("%d recovered nudges audited as failed; want 3", failed)
	}
}

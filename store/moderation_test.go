package store

import (
	"context"
	"errors"
	"testing"

	"sapa/inbox"
)

// moderatable gives every account of the scope fixture the capability to
// hide comments, as a Facebook Page has.
func moderatable(t *testing.T, s *Store) {
	t.Helper()
	for _, u := range []string{"32.01.05.2001", "32.01.05.2002", "32.01.06.2001", ""} {
		if _, err := s.EnsureAccount(context.Background(), "fb-"+u, inbox.Facebook,
			inbox.Capabilities{Reply: true, PublicComments: true, Moderation: true}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestScopedModerateStaysInScope: a hide over several conversations is one
// transaction; one outside the admin's subtree stops it whole, and a viewer
// hides nothing.
func TestScopedModerateStaysInScope(t *testing.T) {
	s, v := scopeFixture(t)
	moderatable(t, s)
	ctx := context.Background()
	if _, err := v["siti"].Moderate(ctx, []int64{1, 2}, "", true); !errors.Is(err, ErrNotFound) {
		t.Fatalf("siti hiding desa B's conversation: %v", err)
	}
	if _, err := v["lihat"].Moderate(ctx, []int64{1}, "", true); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("a viewer hiding: %v", err)
	}
	if c, _ := s.ClaimHides(ctx, "", nil, 10); len(c) != 0 {
		t.Fatalf("a refused batch queued %d requests", len(c))
	}
	got, err := v["camat"].Moderate(ctx, []int64{1, 2}, "ignored", true)
	if err != nil || got.Queued != 2 {
		t.Fatalf("camat hiding both desa's: %+v %v", got, err)
	}
	entries, _ := s.Audit(ctx, 2, 10)
	if last := entries[len(entries)-1]; last.Admin != "camat" || last.Action != "hide" {
		t.Fatalf("audit: %+v", last)
	}
}

// TestScopedApplyManyStaysInScope: a bulk action reaching outside the
// admin's subtree changes nothing at all; inside, each conversation is
// audited.
func TestScopedApplyManyStaysInScope(t *testing.T) {
	s, v := scopeFixture(t)
	ctx := context.Background()
	done := Change{Status: inbox.StatusDone}
	err := v["siti"].ApplyMany(ctx, "", []IDChange{{ID: 1, Change: done}, {ID: 3, Change: done}})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("siti closing desa C's conversation: %v", err)
	}
	if c, _ := s.Conversation(ctx, 1); c.Status == inbox.StatusDone {
		t.Fatal("the refused batch closed siti's own conversation")
	}
	asep := "asep"
	if err := v["camat"].ApplyMany(ctx, "", []IDChange{{ID: 1, Change: Change{Assign: &asep}}}); !errors.Is(err, ErrNotAssignable) {
		t.Fatalf("assigning to an admin who cannot see it: %v", err)
	}
	if err := v["camat"].ApplyMany(ctx, "", []IDChange{{ID: 1, Change: done}, {ID: 2, Change: done}}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{1, 2} {
		log, _ := s.Audit(ctx, id, 10)
		if last := log[len(log)-1]; last.Admin != "camat" || last.Detail != "done" {
			t.Fatalf("conversation %d audit: %+v", id, last)
		}
	}
}

// TestScopedSpamReadsOnlyTheScope: training and candidates come from the
// admin's own subtree only.
func TestScopedSpamReadsOnlyTheScope(t *testing.T) {
	s, v := scopeFixture(t)
	ctx := context.Background()
	if _, err := s.Apply(ctx, 3, "asep", Change{AddLabel: inbox.SpamLabel, Status: inbox.StatusDone}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, 1, "siti", Change{Status: inbox.StatusDone}); err != nil {
		t.Fatal(err)
	}
	all, _ := s.SpamExamples(ctx, 10)
	if len(all) != 2 || !all[0].Spam || all[0].ConvID != 3 || all[1].Spam || all[0].Text != "jalan rusak di desa" {
		t.Fatalf("every example: %+v", all)
	}
	got, _ := v["camat"].SpamCandidates(ctx, 10)
	if len(got) != 1 || got[0].ConvID != 2 {
		t.Fatalf("camat's candidates: %+v", got)
	}
}

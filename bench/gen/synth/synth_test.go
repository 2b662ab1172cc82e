package synth

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sapa/inbox"
	"sapa/store"
)

func build(t *testing.T, n int, seed int64) (*store.Store, Manifest) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "s.db")
	m, err := Build(context.Background(), p, Options{Conversations: n, Seed: seed, Batch: 97})
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, m
}

func snapshot(t *testing.T, st *store.Store) []inbox.Conversation {
	t.Helper()
	rows, err := st.List(context.Background(), inbox.Filter{View: inbox.ViewAll}, store.Page{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestBuildIsDeterministicAndRealistic(t *testing.T) {
	a, ma := build(t, 600, 7)
	b, mb := build(t, 600, 7)
	if !reflect.DeepEqual(snapshot(t, a), snapshot(t, b)) {
		t.Fatal("two builds with the same seed differ")
	}
	if ma.Messages != mb.Messages || ma.Messages < 1800 {
		t.Fatalf("messages %d and %d", ma.Messages, mb.Messages)
	}
	ctx := context.Background()
	platforms := map[inbox.Platform]bool{}
	statuses := map[inbox.Status]bool{}
	for _, c := range snapshot(t, a) {
		platforms[c.Platform] = true
		statuses[c.Status] = true
	}
	if len(platforms) != len(inbox.Platforms()) || len(statuses) < 4 {
		t.Fatalf("platforms %v, statuses %v", platforms, statuses)
	}
	if len(ma.LongConversations) != 1 {
		t.Fatalf("long conversations %v", ma.LongConversations)
	}
	msgs, err := a.Thread(ctx, ma.LongConversations[0], 2000)
	if err != nil || len(msgs) < LongLength/2 {
		t.Fatalf("long conversation has %d messages (%v)", len(msgs), err)
	}
	if len(ma.Rare) == 0 {
		t.Fatal("no rare terms noted")
	}
	hits, err := a.List(ctx, inbox.Filter{View: inbox.ViewAll, Search: ma.Rare[0]}, store.Page{})
	if err != nil || len(hits) == 0 {
		t.Fatalf("rare term %q: %d hits (%v)", ma.Rare[0], len(hits), err)
	}
	if _, err := Fill(ctx, a, Options{Conversations: 1}); err == nil {
		t.Fatal("Fill into a store with conversations succeeded")
	}
}

func TestLongEmails(t *testing.T) {
	g := newGenerator(1, Epoch, 4000)
	var long, msgs int
	for i := 0; i < 4000; i++ {
		p := g.conversation(i)
		if !p.longEmail {
			continue
		}
		long++
		for k, it := range p.items {
			msgs++
			if n := len(it.Message.Text); n < longEmailMin || n > longEmailMax+4096 {
				t.Fatalf("conversation %d message %d: %d bytes", i, k, n)
			}
			if k > 0 && !strings.Contains(it.Message.Text, "\n> ") {
				t.Fatalf("conversation %d message %d quotes nothing", i, k)
			}
		}
	}
	// 2 % of 4000 conversations, give or take the draw.
	if long < 50 || long > 110 {
		t.Fatalf("%d long email conversations in 4000", long)
	}
}

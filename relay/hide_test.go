package relay

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"testing/synctest"
	"time"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/store"
)

// hideConn is a fake connector whose comments can be hidden: it records
// every Hide call and answers with the next scripted error.
type hideConn struct {
	fakeConn
	hides   []string // "+id" hide, "-id" unhide
	hideErr []error
}

func (h *hideConn) Capabilities() inbox.Capabilities {
	return inbox.Capabilities{Reply: true, PublicComments: true, Moderation: true}
}

func (h *hideConn) Hide(ctx context.Context, externalID string, hidden bool) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	sign := "-"
	if hidden {
		sign = "+"
	}
	h.hides = append(h.hides, sign+externalID)
	if len(h.hideErr) > 0 {
		err := h.hideErr[0]
		h.hideErr = h.hideErr[1:]
		return err
	}
	return nil
}

func (h *hideConn) calls() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.hides...)
}

func comment(thread, id, text string) inbox.Inbound {
	in := msg(thread, id)
	in.Thread.Kind = inbox.KindComment
	in.Message.Text = text
	return in
}

// hideSetup opens a store at path with one account on conn holding one
// spam comment conversation, and returns the conversation's id.
func hideSetup(t *testing.T, path string, conn platforms.Connector) (*store.Store, []Account, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := st.EnsureAccount(ctx, "fb", inbox.Facebook, conn.Capabilities())
	if _, err := st.Ingest(ctx, id, []inbox.Inbound{comment("p1", "c1", "Slot gacor maxwin hari ini")}, ""); err != nil {
		t.Fatal(err)
	}
	l, _ := st.List(ctx, inbox.Filter{}, store.Page{})
	return st, []Account{{ID: id, Name: "fb", Conn: conn, Poll: time.Hour}}, l[0].ID
}

func hiding(st *store.Store, convID int64) inbox.HideState {
	c, _ := st.Conversation(context.Background(), convID)
	return c.Hiding
}

func TestHideIsPerformedOnceThroughTheRelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn := &hideConn{}
		st, accs, conv := hideSetup(t, filepath.Join(t.TempDir(), "sapa.db"), conn)
		defer st.Close()
		ctx := context.Background()
		got, err := st.Moderate(ctx, []int64{conv}, "ani", true)
		if err != nil || got.Queued != 1 {
			t.Fatalf("moderate: %+v %v", got, err)
		}
		if h := hiding(st, conv); h != inbox.HideHiding {
			t.Fatalf("before the relay: %q, want hiding", h)
		}
		stop := run(t, New(st, accs, Options{Tick: 10 * time.Millisecond, LeaseTTL: time.Second}))
		eventually(t, "hidden", func() bool { return hiding(st, conv) == inbox.HideHidden })
		time.Sleep(200 * time.Millisecond) // many more ticks: nothing is done twice
		stop()
		if c := conn.calls(); len(c) != 1 || c[0] != "+c1" {
			t.Fatalf("hide calls %v, want [+c1]", c)
		}
		th, _ := st.Thread(ctx, conv, 10)
		if !th[0].Hidden || th[0].Hiding != inbox.HideHidden {
			t.Fatalf("thread: %+v", th[0])
		}
		// Asking again to hide what is hidden queues nothing; unhiding does.
		if got, _ := st.Moderate(ctx, []int64{conv}, "ani", true); got.Queued != 0 {
			t.Fatalf("hiding a hidden comment queued %d", got.Queued)
		}
		if got, _ := st.Moderate(ctx, []int64{conv}, "ani", false); got.Queued != 1 || hiding(st, conv) != inbox.HideUnhiding {
			t.Fatalf("unhide: %+v %q", got, hiding(st, conv))
		}
	})
}

// TestHideSurvivesRestart: a request queued before a restart, and one a relay
// died performing, are each performed once by the next relay.
func TestHideSurvivesRestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sapa.db")
		conn := &hideConn{}
		st, _, conv := hideSetup(t, path, conn)
		ctx := context.Background()
		if _, err := st.Moderate(ctx, []int64{conv}, "ani", true); err != nil {
			t.Fatal(err)
		}
		// A relay claims it and dies before the platform answers.
		if c, err := st.ClaimHides(ctx, "", nil, 5); err != nil || len(c) != 1 {
			t.Fatalf("claim: %v %v", c, err)
		}
		st.Close()
		st, accs, _ := hideSetup(t, path, conn)
		defer st.Close()
		stop := run(t, New(st, accs, Options{Tick: 10 * time.Millisecond, LeaseTTL: time.Second}))
		eventually(t, "hidden after the restart", func() bool { return hiding(st, conv) == inbox.HideHidden })
		time.Sleep(200 * time.Millisecond)
		stop()
		if c := conn.calls(); len(c) != 1 {
			t.Fatalf("hide calls %v, want one", c)
		}
	})
}

func TestHideRefusedShowsTheFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn := &hideConn{hideErr: []error{platforms.Errorf(platforms.KindPermanent, "(#10) Permission denied")}}
		st, accs, conv := hideSetup(t, filepath.Join(t.TempDir(), "sapa.db"), conn)
		defer st.Close()
		ctx := context.Background()
		st.Moderate(ctx, []int64{conv}, "ani", true)
		stop := run(t, New(st, accs, Options{Tick: 10 * time.Millisecond, LeaseTTL: time.Second}))
		eventually(t, "failed", func() bool { return hiding(st, conv) == inbox.HideFailed })
		stop()
		th, _ := st.Thread(ctx, conv, 10)
		if th[0].Hidden || th[0].HideError == "" {
			t.Fatalf("thread after a refusal: %+v", th[0])
		}
		// The admin may ask again.
		if got, _ := st.Moderate(ctx, []int64{conv}, "ani", true); got.Queued != 1 {
			t.Fatalf("asking again after a refusal queued %d", got.Queued)
		}
	})
}

// TestHideRefusedWhereThePlatformCannot: the capability comes from the
// account's descriptor; a platform without moderation is refused at once
// and nothing is queued.
func TestHideRefusedWhereThePlatformCannot(t *testing.T) {
	conn := &fakeConn{} // no Moderation capability
	st, _, conv := hideSetup(t, filepath.Join(t.TempDir(), "sapa.db"), conn)
	defer st.Close()
	got, err := st.Moderate(context.Background(), []int64{conv}, "ani", true)
	if !errors.Is(err, inbox.ErrCannotHide) || got.Queued != 0 {
		t.Fatalf("moderate on a platform without hiding: %+v %v", got, err)
	}
	if c, _ := st.ClaimHides(context.Background(), "", nil, 5); len(c) != 0 {
		t.Fatalf("queued: %v", c)
	}
}

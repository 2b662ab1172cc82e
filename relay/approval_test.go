package relay

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"sapa/inbox"
	"sapa/store"
)

// approvalSetup registers a desa operator whose replies need approval, the
// camat above her, and a supervisor of another kecamatan, and gives the
// account the desa's unit; it returns each admin's view and the
// conversation's id.
func approvalSetup(t *testing.T, st *store.Store, acct int64) (map[string]*store.Scoped, int64) {
	t.Helper()
	ctx := context.Background()
	if err := st.SyncUnits(ctx, []store.UnitRow{
		{Code: "32.01", Parent: "32", Level: "kabupaten", Name: "Kabupaten Bogor"},
		{Code: "32.01.05", Parent: "32.01", Level: "kecamatan", Name: "Babakan Madang"},
		{Code: "32.01.06", Parent: "32.01", Level: "kecamatan", Name: "Jonggol"},
		{Code: "32.01.05.2001", Parent: "32.01.05", Level: "desa", Name: "Cijayanti"},
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetAccountUnit(ctx, acct, "32.01.05.2001"); err != nil {
		t.Fatal(err)
	}
	views := map[string]*store.Scoped{}
	for _, a := range []inbox.Admin{
		{Name: "dewi", Unit: "32.01.05.2001", Role: inbox.Operator, NeedsApproval: true},
		{Name: "camat", Unit: "32.01.05", Role: inbox.Supervisor},
		{Name: "jonggol", Unit: "32.01.06", Role: inbox.Supervisor},
	} {
		if err := st.AddAdmin(ctx, "root", a); err != nil {
			t.Fatal(err)
		}
		sc, err := st.Scope(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		views[a.Name] = st.As(sc)
	}
	if _, err := st.Ingest(ctx, acct, []inbox.Inbound{msg("a", "1")}, ""); err != nil {
		t.Fatal(err)
	}
	l, _ := st.List(ctx, inbox.Filter{}, store.Page{})
	return views, l[0].ID
}

func TestHeldReplyIsSentOnlyAfterApprovalAndOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn := &fakeConn{}
		st, accs := setup(t, conn)
		v, conv := approvalSetup(t, st, accs[0].ID)
		ctx := context.Background()
		id, err := v["dewi"].Enqueue(ctx, conv, "", "Baik Bu, jalannya kami cek besok", time.Time{}, inbox.StatusPending, false)
		if err != nil || id >= 0 {
			t.Fatalf("a reply needing approval: id %d, %v", id, err)
		}
		stop := run(t, New(st, accs, Options{Tick: 10 * time.Millisecond, LeaseTTL: time.Second}))
		defer stop()
		time.Sleep(time.Second) // a hundred ticks of the relay
		synctest.Wait()
		conn.mu.Lock()
		if len(conn.sent) != 0 {
			t.Fatalf("sent before approval: %+v", conn.sent)
		}
		conn.mu.Unlock()
		th, _ := st.Thread(ctx, conv, 10)
		if last := th[len(th)-1]; last.Delivery != inbox.DeliveryAwaiting || last.SentBy != "dewi" {
			t.Fatalf("the author's thread: %+v", last)
		}
		if got, _ := v["camat"].Approvals(ctx); len(got) != 1 || got[0] != conv {
			t.Fatalf("camat's approvals: %v", got)
		}
		if got, _ := v["jonggol"].Approvals(ctx); len(got) != 0 {
			t.Fatalf("another kecamatan's approvals: %v", got)
		}
		if err := v["jonggol"].Approve(ctx, conv, "", ""); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("another kecamatan approving: %v", err)
		}
		if err := v["dewi"].Approve(ctx, conv, "", ""); !errors.Is(err, store.ErrNotApprover) {
			t.Fatalf("the author approving her own reply: %v", err)
		}
		edited := "Baik Bu, jalan di Cijayanti kami cek besok pagi."
		if err := v["camat"].Approve(ctx, conv, "", edited); err != nil {
			t.Fatal(err)
		}
		if err := v["camat"].Approve(ctx, conv, "", ""); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("approving twice: %v", err)
		}
		eventually(t, "the approved reply sent", func() bool {
			th, _ := st.Thread(ctx, conv, 10)
			return th[len(th)-1].Delivery == inbox.DeliverySent
		})
		time.Sleep(200 * time.Millisecond)
		synctest.Wait()
		conn.mu.Lock()
		defer conn.mu.Unlock()
		if len(conn.sent) != 1 || conn.sent[0].Text != edited {
			t.Fatalf("sends after approval: %+v", conn.sent)
		}
		th, _ = st.Thread(ctx, conv, 10)
		if last := th[len(th)-1]; last.SentBy != "dewi" {
			t.Fatalf("the reply stays the author's: %+v", last)
		}
	})
}

func TestRejectedReplyIsNeverSentAndReturnsAsDraft(t *testing.T) {
	conn := &fakeConn{}
	st, accs := setup(t, conn)
	v, conv := approvalSetup(t, st, accs[0].ID)
	ctx := context.Background()
	if _, err := v["dewi"].Enqueue(ctx, conv, "", "NIK Ibu 3201...", time.Time{}, inbox.StatusPending, false); err != nil {
		t.Fatal(err)
	}
	if err := v["camat"].Reject(ctx, conv, "", "jangan tulis NIK di komentar"); err != nil {
		t.Fatal(err)
	}
	if c, _ := st.ClaimDue(ctx, "", nil, 5); len(c) != 0 {
		t.Fatalf("a rejected reply was queued: %+v", c)
	}
	th, _ := st.Thread(ctx, conv, 10)
	if last := th[len(th)-1]; last.Delivery != inbox.DeliveryRejected || last.LastError != "camat: jangan tulis NIK di komentar" {
		t.Fatalf("the author's thread: %+v", last)
	}
	if d, _ := v["dewi"].LoadDraft(ctx, conv, ""); d.Text != "NIK Ibu 3201..." {
		t.Fatalf("the rejected text is not dewi's draft again: %q", d.Text)
	}
	log, _ := st.Audit(ctx, conv, 20)
	if last := log[len(log)-1]; last.Admin != "camat" || last.Action != "reject" {
		t.Fatalf("audit: %+v", last)
	}
}

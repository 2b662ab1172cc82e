package relay

import (
	"context"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/store"
)

// nudgeRig is a store with one admin opted in to Telegram nudges and work
// waiting in their unit, and a relay over conn on a clock the test moves.
type nudgeRig struct {
	st  *store.Store
	r   *Relay
	now *time.Time
}

func newNudgeRig(t *testing.T, conn *fakeConn, maxAttempts int) nudgeRig {
	t.Helper()
	now := time.Now()
	clock := func() time.Time { return now }
	ctx := context.Background()
	st := nudgeStore(t, store.Options{Now: clock}, "siti")
	id, _ := st.EnsureAccount(ctx, "pemkab-tg", inbox.Telegram, conn.Capabilities())
	if err := st.SetNudge(ctx, "root", "siti", inbox.Nudge{Via: "telegram", To: "777001"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Ingest(ctx, id, []inbox.Inbound{msg("5550001", "5550001:1")}, ""); err != nil {
		t.Fatal(err)
	}
	r := New(st, []Account{{ID: id, Name: "pemkab-tg", Conn: conn}}, Options{Now: clock, MaxAttempts: maxAttempts,
		NudgeText: func(s store.NudgeSummary) string { return "Sapa: " + s.Admin + " has work" }})
	return nudgeRig{st: st, r: r, now: &now}
}

// nudges runs the relay's nudge pass n times, a minute apart.
func (g nudgeRig) nudges(n int) {
	for range n {
		g.r.Nudge(context.Background())
		*g.now = g.now.Add(time.Minute)
	}
}

// state is the one nudge's state.
func (g nudgeRig) state(t *testing.T) string {
	t.Helper()
	rows, err := g.st.Nudges(context.Background())
	if err != nil || len(rows) != 1 {
		t.Fatalf("nudges %+v, %v; want one", rows, err)
	}
	return rows[0].State
}

// failures are the audit log's nudge.failed rows.
func (g nudgeRig) failures(t *testing.T) []string {
	t.Helper()
	log, err := g.st.Audit(context.Background(), 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range log {
		if e.Action == string(inbox.AuditNudgeFailed) {
			out = append(out, e.Admin+" "+e.Detail)
		}
	}
	return out
}

// TestNudgeRetriedAfterATransientFailure: a nudge whose send surely did not
// reach the platform is queued again, not tried before its backoff is up,
// then sent once and never again.
func TestNudgeRetriedAfterATransientFailure(t *testing.T) {
	conn := &fakeConn{sendErr: []error{platforms.Errorf(platforms.KindTransient, "connection refused")}}
	g := newNudgeRig(t, conn, 3)
	g.r.Nudge(context.Background())
	if got := g.state(t); got != "queued" || len(conn.sent) != 1 {
		t.Fatalf("after a refused send: state %s, %d sends; want queued, 1", got, len(conn.sent))
	}
	g.r.Nudge(context.Background()) // the same moment: its backoff is not up
	if len(conn.sent) != 1 {
		t.Fatalf("retried before its backoff: %d sends", len(conn.sent))
	}
	g.nudges(5)
	if got := g.state(t); got != "sent" || len(conn.sent) != 2 {
		t.Fatalf("state %s after %d sends; want sent after 2", got, len(conn.sent))
	}
	if conn.sent[0].IdempotencyKey != conn.sent[1].IdempotencyKey || conn.sent[1].Text != "Sapa: siti has work" {
		t.Errorf("the retry is not the same nudge: %+v", conn.sent)
	}
	if f := g.failures(t); len(f) != 0 {
		t.Errorf("a nudge that went out is audited as failed: %q", f)
	}
}

// TestNudgeFailuresAreBoundedAndAudited: a refusal is not retried, a
// platform that keeps refusing for now is tried max_attempts times, and
// either way the audit log says the nudge failed, once.
func TestNudgeFailuresAreBoundedAndAudited(t *testing.T) {
	refused := platforms.Errorf(platforms.KindTransient, "connection refused")
	for _, c := range []struct {
		name  string
		errs  []error
		sends int
		audit string
	}{
		{"permanent", []error{platforms.Errorf(platforms.KindPermanent, "Bad Request: chat not found")},
			1, "siti via telegram, attempt 1: permanent: Bad Request: chat not found"},
		{"transient every time", []error{refused, refused, refused, refused, refused},
			3, "siti via telegram, attempt 3: transient: connection refused"},
	} {
		t.Run(c.name, func(t *testing.T) {
			conn := &fakeConn{sendErr: c.errs}
			g := newNudgeRig(t, conn, 3)
			g.nudges(30)
			if got := g.state(t); got != "failed" || len(conn.sent) != c.sends {
				t.Fatalf("state %s after %d sends; want failed after %d", got, len(conn.sent), c.sends)
			}
			if f := g.failures(t); len(f) != 1 || !strings.Contains(f[0], c.audit) {
				t.Errorf("audit: %q", f)
			}
		})
	}
}

package e2e

import (
	"strings"
	"testing"
	"time"
)

// TestReplyIsSentAndAudited: open a conversation, write a reply, send it
// with ctrl+s. The thread shows it "terkirim" within seconds, the
// conversation becomes "menunggu" (pending), and the audit log records who
// replied and that it went out.
func TestReplyIsSentAndAudited(t *testing.T) {
	t.Parallel()
	d := newDirs(t)
	a := startSapa(t, d, adminA)
	a.settle(d)

	first := a.openTop()
	header := lines(a.s.Screen())[0]
	t.Logf("opened %q as %q", strings.TrimSpace(first), header)

	reply := "Baik, laporan Bapak/Ibu sudah kami teruskan ke dinas terkait."
	a.send("r")
	a.waitFor("ctrl+s", stepTimeout) // the composer's title row
	a.send(reply)
	a.waitFor(reply, stepTimeout)

	sent := time.Now()
	a.send(keyCtrlS)
	// The reply's own delivery line is the one above its text.
	deliveryOf := func(screen string) string {
		ls := lines(screen)
		for i := 1; i < len(ls); i++ {
			if strings.Contains(ls[i], reply) {
				return ls[i-1]
			}
		}
		return ""
	}
	a.waitScreen("the reply in the thread, sent", stepTimeout, func(screen string) bool {
		return strings.Contains(deliveryOf(screen), "terkirim")
	})
	took := time.Since(sent)
	t.Logf("ctrl+s to \"terkirim\" on screen: %v", took.Round(time.Millisecond))
	screen := a.s.Screen()
	if line := deliveryOf(screen); !strings.Contains(line, adminA) {
		t.Errorf("the sent reply's line %q does not name the admin %q", line, adminA)
	}
	a.waitScreen("the conversation pending (menunggu)", stepTimeout, func(screen string) bool {
		return strings.Contains(lines(screen)[0], "menunggu")
	})

	// Back on the list, the conversation has left the open view for the
	// pending one, where it is the newest.
	a.send(keyEsc)
	a.waitScreen("the list", stepTimeout, listReady)
	a.send(":view pending" + keyEnter)
	a.waitScreen("the pending view with the conversation on top", stepTimeout, func(screen string) bool {
		left, _, ok := listHeader(screen)
		shown := listRows(screen)
		return ok && strings.HasPrefix(left, "Menunggu") && len(shown) > 0 &&
			rowName(shown[0]) == rowName(first) && strings.Contains(shown[0], "menunggu")
	})

	// The database: one outbox row, sent; the conversation pending; the
	// audit log says who replied and that it went out.
	db := openDB(t, d.db())
	var convID int64
	var state, admin, extID string
	var attempts int
	err := db.QueryRow(`SELECT conversation_id, state, admin, external_id, attempts FROM outbox WHERE text = ?`, reply).
		Scan(&convID, &state, &admin, &extID, &attempts)
	if err != nil {
		t.Fatalf("the reply's outbox row: %v", err)
	}
	// The simulator fails 5% of sends transiently (demo failure_rate); the
	// relay then retries after its back-off, so a few runs take ~5 s longer.
	t.Logf("sent after %d attempt(s)", attempts)
	if state != "sent" || admin != adminA || extID == "" {
		t.Errorf("outbox row: state %q admin %q external id %q; want sent, %s, an id", state, admin, extID, adminA)
	}
	var status string
	if err := db.QueryRow(`SELECT status FROM conversations WHERE id = ?`, convID).Scan(&status); err != nil {
		t.Fatal(err)
	}
	if status != "pending" {
		t.Errorf("conversation %d is %q after the reply; want pending", convID, status)
	}
	var nOut int
	if err := db.QueryRow(`SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND direction = 'out' AND text = ?`, convID, reply).Scan(&nOut); err != nil {
		t.Fatal(err)
	}
	if nOut != 1 {
		t.Errorf("the thread holds the reply %d times as an outbound message; want once", nOut)
	}
	rows, err := db.Query(`SELECT admin, action, detail FROM audit_log WHERE conversation_id = ? ORDER BY id`, convID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var actions []string
	replied, wentOut := false, false
	for rows.Next() {
		var who, action, detail string
		if err := rows.Scan(&who, &action, &detail); err != nil {
			t.Fatal(err)
		}
		actions = append(actions, who+" "+action+" "+detail)
		if who == adminA && action == "reply" {
			replied = true
		}
		if action == "sent" && strings.Contains(detail, extID) {
			wentOut = true
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("audit log of conversation %d: %q", convID, actions)
	if !replied {
		t.Errorf("the audit log has no reply by %s for conversation %d: %q", adminA, convID, actions)
	}
	if !wentOut {
		t.Errorf("the audit log does not record the reply as sent (as %s): %q", extID, actions)
	}
}

package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"sapa/inbox"
)

func BenchmarkExpFTS(b *testing.B) {
	for _, v := range []string{"trigger", "none", "simple", "sametext", "contentless"} {
		b.Run(v, func(b *testing.B) {
			s, err := Open(context.Background(), filepath.Join(b.TempDir(), "x.db"), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			s.EnsureAccount(context.Background(), "fb", "facebook", inboxCaps())
			s.w.Exec(`INSERT INTO conversations (id, account_id, platform, external_key, kind) VALUES (1, 1, 'facebook', 'k', 'dm')`)
			switch v {
			case "none":
				s.w.Exec("DROP TRIGGER messages_fts_insert")
			case "simple", "contentless":
				s.w.Exec("DROP TRIGGER messages_fts_insert")
				s.w.Exec("DROP TABLE messages_fts")
				if v == "simple" {
					s.w.Exec(`CREATE VIRTUAL TABLE messages_fts USING fts4 (content="messages", text)`)
				} else {
					s.w.Exec(`CREATE VIRTUAL TABLE messages_fts USING fts4 (content="", text, tokenize=unicode61 "remove_diacritics=1")`)
				}
				s.w.Exec(`CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN INSERT INTO messages_fts (docid, text) VALUES (new.id, new.text); END`)
			case "fts3mi":
				s.w.Exec("DROP TRIGGER messages_fts_insert")
				s.w.Exec("DROP TABLE messages_fts")
				s.w.Exec(`CREATE VIRTUAL TABLE messages_fts USING fts4 (content="messages", matchinfo=fts3, text, tokenize=unicode61 "remove_diacritics=1")`)
				s.w.Exec(`CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN INSERT INTO messages_fts (docid, text) VALUES (new.id, new.text); END`)
			}
			const batch = 2000
			n := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				tx, _ := s.w.Begin()
				st, _ := tx.Prepare(`INSERT INTO messages (conversation_id, account_id, external_id, direction, text, sent_at) VALUES (1, 1, ?, 'in', ?, 1)`)
				for k := 0; k < batch; k++ {
					n++
					if _, err := st.Exec(fmt.Sprint("m", n), text(v, n)); err != nil {
						b.Fatal(err)
					}
				}
				st.Close()
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "msgs/s")
		})
	}
}

func inboxCaps() (c inbox.Capabilities) { return }

func text(v string, n int) string {
	if v == "sametext" {
		return "min jalan di Jl. Raya Cibadak rusak parah, lubangnya udh kaya kolam kapan diperbaiki? yg di ini tolong"
	}
	return fmt.Sprint("min jalan di Jl. Raya Cibadak rusak parah, lubangnya udh kaya kolam kapan diperbaiki? yg di ini tolong ", n)
}

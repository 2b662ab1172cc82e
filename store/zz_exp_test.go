package store

import (
	"context"
	"fmt"
		"path/filepath"
	"testing"
	"time"

	"sapa/inbox"
)

func expItems(base, n int) []inbox.Inbound {
	var out []inbox.Inbound
	for i := 0; i < n; i++ {
		c := (base + i) / 3
		out = append(out, inbox.Inbound{
			Thread: inbox.Thread{ExternalKey: fmt.Sprint("t", c), Kind: inbox.KindComment, Title: "Post"},
			Message: inbox.Message{ExternalID: fmt.Sprint("m", base+i), Direction: inbox.In,
				Text:   "min jalan di Jl. Raya Cibadak rusak parah, lubangnya udh kaya kolam kapan diperbaiki? yg di ini tolong " + fmt.Sprint(base+i),
				SentAt: time.UnixMilli(int64(1e12 + base + i)),
				Author: inbox.Contact{ExternalID: fmt.Sprint("u", c%5000), Name: "Warga", Handle: "@w"}},
		})
	}
	return out
}

func BenchmarkExpIngest(b *testing.B) {
	for _, v := range []string{"base", "nofts", "notouch", "nosync", "nocount", "nocontact", "noidx", "all", "bulkfts"} {
		b.Run(v, func(b *testing.B) {
			s, err := Open(context.Background(), filepath.Join(b.TempDir(), "x.db"), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			id, _ := s.EnsureAccount(context.Background(), "fb", inbox.Facebook, inbox.Capabilities{})
			switch v {
			case "nofts":
				s.w.Exec("DROP TRIGGER messages_fts_insert")
			case "nosync":
				s.w.Exec("PRAGMA synchronous=NORMAL")
			}
			expVar = v
			if v == "noidx" || v == "all" {
				s.w.Exec("DROP INDEX conversations_platform")
				s.w.Exec("DROP INDEX conversations_assignee")
				s.w.Exec("DROP INDEX conversations_queue")
			}
			if v == "bulkfts" {
				s.w.Exec("DROP TRIGGER messages_fts_insert")
			}
			if v == "all" {
				s.w.Exec("DROP TRIGGER messages_fts_insert")
				expVar = "notouch"
			}
			const batch = 2000
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := s.Ingest(context.Background(), id, expItems(i*batch, batch), "c"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "msgs/s")
		})
	}
}

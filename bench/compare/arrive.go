package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"sapa/inbox"
	"sapa/store"
)

// arriveText is the new item of the "new item while idle" step: a citizen's
// message with an emoji, as most are.
const arriveText = "min lampu jalan di depan SDN 1 Cibadak mati lagi 🙏"

// arriveSapa ingests one new message, in a new conversation, into the
// store of a running Sapa, as its relay would: the session learns of it
// from the store's change counter and redraws what changed.
func arriveSapa(db string) error {
	ctx := context.Background()
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	rows, err := st.List(ctx, inbox.Filter{View: inbox.ViewAll}, store.Page{Limit: 1})
	if err != nil || len(rows) == 0 {
		return fmt.Errorf("arrive: no conversation to take an account from (%v)", err)
	}
	now := time.Now()
	key := fmt.Sprintf("bench-arrive-%d", now.UnixNano())
	_, err = st.IngestPushed(ctx, rows[0].AccountID, []inbox.Inbound{{
		Thread: inbox.Thread{ExternalKey: key, Kind: rows[0].Kind, Title: rows[0].Title},
		Message: inbox.Message{ExternalID: key + "-1", Direction: inbox.In, SentAt: now, Text: arriveText,
			Author: inbox.Contact{ExternalID: "bench-citizen", Name: "Euis Rahmawati"}},
	}})
	return err
}

// arriveMaildir delivers one new message into a Maildir's new/ folder, as
// a mail delivery agent does (written in tmp/, then renamed).
func arriveMaildir(dir string) error {
	now := time.Now()
	name := fmt.Sprintf("%d.B9999P%d.sapa-bench", now.Unix(), now.UnixNano()%1e6)
	msg := fmt.Sprintf("From: Euis Rahmawati <euis@example.org>\nTo: Pemkab <humas@example.org>\nSubject: %s\nDate: %s\n"+
		"Message-ID: <%s@sapa-bench>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n%s\n",
		encodeWord(arriveText), now.In(wib).Format(time.RFC1123Z), name, arriveText)
	tmp := filepath.Join(dir, "tmp", name)
	if err := os.WriteFile(tmp, []byte(msg), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, "new", name))
}

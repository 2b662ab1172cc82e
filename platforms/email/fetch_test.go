package email

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sapa/platforms/platformtest"
	"slices"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"sapa/inbox"
	"sapa/platforms"
)

func TestFetchFixturesThroughIMAP(t *testing.T) {
	f := newFakeMail(t)
	names := []string{"indonesian-qp.eml", "latin1-base64.eml", "html-only.eml", "thread-reply.eml", "broken-multipart.eml"}
	for _, n := range names {
		raw, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		f.appendRaw(t, "INBOX", raw, time.Now())
	}
	items, _ := platformtest.FetchAll(t, f.connector(t, f.account()), "")
	if len(items) != len(names) {
		t.Fatalf("got %d items, want %d", len(items), len(names))
	}
	if items[0].Message.Text != wantText(t, "indonesian-qp.txt") || items[1].Message.Text != wantText(t, "latin1-base64.txt") {
		t.Errorf("decoded texts differ after IMAP: %q / %q", items[0].Message.Text, items[1].Message.Text)
	}
	if items[3].Thread.ExternalKey != "banjir-root@mail.example" {
		t.Errorf("thread key %q", items[3].Thread.ExternalKey)
	}
}

func TestFetchFirstStartBoundedByHistoryDays(t *testing.T) {
	f := newFakeMail(t)
	old := time.Now().AddDate(0, 0, -30)
	f.appendRaw(t, "INBOX", citizenMail(t, "lama@mail.example", "lama", "lama", "sebulan lalu", old, nil), old)
	want := f.AddInbound(t, "kemarin")
	acct := f.account()
	acct.HistoryDays = 7
	items, cur := platformtest.FetchAll(t, f.connector(t, acct), "")
	if len(items) != 1 || items[0].Message.ExternalID != want[0] {
		t.Fatalf("items = %v, want only %v", ids(items), want)
	}
	var c cursor
	if err := json.Unmarshal([]byte(cur), &c); err != nil || c.In.U != 2 || c.In.S != "" {
		t.Fatalf("cursor %s: caught up must stand at the last UID with no back-fill bound", cur)
	}
	// A message that arrives later with an old date is still new mail.
	f.appendRaw(t, "INBOX", citizenMail(t, "pindahan@mail.example", "p", "p", "dipindah dari folder lain", old, nil), old)
	items, _ = platformtest.FetchAll(t, f.connector(t, acct), cur)
	if len(items) != 1 || items[0].Message.ExternalID != "pindahan@mail.example" {
		t.Fatalf("after catch-up got %v", ids(items))
	}
}

func TestFetchNothingNewReturnsNothing(t *testing.T) {
	f := newFakeMail(t)
	f.AddInbound(t, "satu", "dua")
	c := f.connector(t, f.account())
	_, cur := platformtest.FetchAll(t, c, "")
	// "UID n:*" matches the last message even when n is past it.
	b, err := c.Fetch(t.Context(), cur)
	if err != nil || len(b.Items) != 0 || b.More || b.Cursor != cur {
		t.Fatalf("idle fetch = %+v, %v", b, err)
	}
}

func TestFetchUIDValidityChangeRereadsWindow(t *testing.T) {
	f := newFakeMail(t)
	want := f.AddInbound(t, "a", "b")
	c := f.connector(t, f.account())
	_, cur := platformtest.FetchAll(t, c, "")
	f.Redeliver()
	more := f.AddInbound(t, "c")
	items, cur2 := platformtest.FetchAll(t, c, cur)
	if got := ids(items); len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != more[0] {
		t.Fatalf("after UIDVALIDITY change got %v", got)
	}
	var a, b cursor
	_ = json.Unmarshal([]byte(cur), &a)
	_ = json.Unmarshal([]byte(cur2), &b)
	if a.In.V == b.In.V {
		t.Fatalf("cursor kept the old UIDVALIDITY: %s → %s", cur, cur2)
	}
}

func TestFetchDamagedCursorStartsOver(t *testing.T) {
	f := newFakeMail(t)
	want := f.AddInbound(t, "x")
	items, _ := platformtest.FetchAll(t, f.connector(t, f.account()), "{not json")
	if len(items) != 1 || items[0].Message.ExternalID != want[0] {
		t.Fatalf("got %v", ids(items))
	}
}

func TestFetchDoesNotMarkSeen(t *testing.T) {
	f := newFakeMail(t)
	f.AddInbound(t, "belum dibaca")
	platformtest.FetchAll(t, f.connector(t, f.account()), "")
	c := f.connector(t, f.account())
	s, err := c.openIMAP(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if _, err := s.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	bufs, err := s.Fetch(imap.SeqSetNum(1), &imap.FetchOptions{Flags: true}).Collect()
	if err != nil || len(bufs) != 1 {
		t.Fatal(err)
	}
	if slices.Contains(bufs[0].Flags, imap.FlagSeen) {
		t.Fatalf("fetch marked the message \\Seen: the office's other clients lose their unread mark")
	}
}

func TestFetchMissingMailboxIsPermanent(t *testing.T) {
	f := newFakeMail(t)
	acct := f.account()
	acct.Options.(*Options).Mailbox = "Kotak Masuk"
	_, err := f.connector(t, acct).Fetch(t.Context(), "")
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindPermanent || pe.Fix == "" {
		t.Fatalf("want permanent error with a fix, got %v", err)
	}
}

func TestFetchConnectionRefusedIsTransient(t *testing.T) {
	ln := listen(t)
	addr := ln.Addr().String()
	_ = ln.Close()
	f := newFakeMail(t)
	acct := f.account()
	acct.Options.(*Options).IMAPAddr = addr
	_, err := f.connector(t, acct).Fetch(t.Context(), "")
	if platforms.KindOf(err) != platforms.KindTransient {
		t.Fatalf("want transient, got %v", err)
	}
}

func TestWaitReturnsOnNewMail(t *testing.T) {
	f := newFakeMail(t)
	f.AddInbound(t, "lama")
	c := f.connector(t, f.account())
	_, cur := platformtest.FetchAll(t, c, "")
	done := make(chan error, 1)
	go func() { done <- c.Wait(t.Context(), cur) }()
	<-f.Idling() // the server is in IDLE now
	want := f.AddInbound(t, "baru")
	if err := <-done; err != nil {
		t.Fatalf("wait: %v", err)
	}
	items, _ := platformtest.FetchAll(t, c, cur)
	if len(items) != 1 || items[0].Message.ExternalID != want[0] {
		t.Fatalf("after wake got %v", ids(items))
	}
}

func TestWaitReturnsAtOnceWhenBehind(t *testing.T) {
	f := newFakeMail(t)
	f.AddInbound(t, "lama")
	c := f.connector(t, f.account())
	_, cur := platformtest.FetchAll(t, c, "")
	f.AddInbound(t, "tiba sebelum Wait")
	if err := c.Wait(t.Context(), cur); err != nil {
		t.Fatalf("wait: %v", err)
	}
}

func TestWaitEndsWithContext(t *testing.T) {
	f := newFakeMail(t)
	c := f.connector(t, f.account())
	_, cur := platformtest.FetchAll(t, c, "")
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- c.Wait(ctx, cur) }()
	<-f.Idling()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("wait after cancel: %v", err)
	}
}

func ids(items []inbox.Inbound) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Message.ExternalID
	}
	return out
}

func TestFetchSentMailboxGivesOfficeReplies(t *testing.T) {
	f := newFakeMail(t)
	want := f.AddInbound(t, "jalan berlubang")
	c := f.connector(t, f.account())
	items, cur := platformtest.FetchAll(t, c, "")
	sent, err := c.Send(t.Context(), replyToItem(items[0], "Akan kami teruskan ke Dinas PU.", "dari-sapa"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "self-sent.eml"))
	if err != nil {
		t.Fatal(err)
	}
	f.appendRaw(t, "Sent", raw, time.Now(), imap.FlagSeen)
	memo := citizenMail(t, "memo@kab.example", "humas", "Undangan rapat", "rapat Senin", time.Now(), nil)
	f.appendRaw(t, "Sent", memo, time.Now(), imap.FlagSeen)
	pending := citizenMail(t, "belum@kab.example", "humas", "Re: x", "belum terkirim", time.Now(), map[string]string{"In-Reply-To": "<" + want[0] + ">"})
	f.appendRaw(t, "Sent", pending, time.Now(), imap.FlagSeen, imap.FlagDraft)

	got, _ := platformtest.FetchAll(t, c, cur)
	if len(got) != 2 {
		t.Fatalf("got %v, want Sapa's reply and the Thunderbird reply only", ids(got))
	}
	if got[0].Message.ExternalID != sent.ExternalID || got[0].Thread.ExternalKey != want[0] || got[0].Message.ParentID != want[0] {
		t.Errorf("Sapa's own reply: %+v in %+v (same external id as the send receipt, same thread)", got[0].Message, got[0].Thread)
	}
	if got[1].Message.ExternalID != "dari-thunderbird@kab.example" || got[1].Thread.ExternalKey != "banjir-root@mail.example" {
		t.Errorf("Thunderbird reply: %+v", got[1])
	}
	for _, it := range got {
		if it.Message.Direction != inbox.Out {
			t.Errorf("%s: direction %s, want out", it.Message.ExternalID, it.Message.Direction)
		}
	}
}

func TestFetchMissingSentMailboxKeepsInbox(t *testing.T) {
	f := newFakeMail(t)
	want := f.AddInbound(t, "tetap masuk")
	acct := f.account()
	acct.Options.(*Options).SentMailbox = "Tidak Ada"
	items, cur := platformtest.FetchAll(t, f.connector(t, acct), "")
	if len(items) != 1 || items[0].Message.ExternalID != want[0] {
		t.Fatalf("got %v", ids(items))
	}
	var c cursor
	if err := json.Unmarshal([]byte(cur), &c); err != nil || c.Sent != (position{}) {
		t.Fatalf("cursor %s: the Sent position must stay unset until it can be read", cur)
	}
}

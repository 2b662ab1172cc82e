// Package synth generates synthetic Sapa stores for benchmarks: any number
// of conversations over every platform, several Indonesian-like messages
// each, with the triage state a real regency's inbox would be in (a few new
// and open, many done, some pending, snoozed, assigned, prioritised and
// labelled). The content is fixed by the seed, the size and the epoch.
//
// Everything goes through the store's public API — Ingest in batches of a
// few thousand messages per transaction, then ApplyMany for triage — so
// generating a store also measures the ingest path.
package synth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"sapa/inbox"
	"sapa/store"
)

// Epoch is the default newest moment of a synthetic store: every message is
// older than it.
var Epoch = time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)

// Options describe a synthetic store.
type Options struct {
	Conversations int
	Seed          int64
	Epoch         time.Time // zero: Epoch
	Batch         int       // messages per Ingest call; zero: 4000
	// Progress, when set, is called after every chunk of conversations.
	Progress func(done, total, messages int, elapsed time.Duration)
	// Resume continues an interrupted build: the store holds the first
	// conversations of this very build, a whole number of chunks, and
	// generation goes on after them. The result is the same store.
	Resume bool
}

// Manifest records what a generated store holds, for benchmarks to pick
// their subjects. It is saved next to the database as <path>.json.
type Manifest struct {
	Conversations     int       `json:"conversations"`
	Messages          int       `json:"messages"`
	Seed              int64     `json:"seed"`
	Epoch             time.Time `json:"epoch"`
	Accounts          []int64   `json:"accounts"`
	LongConversations []int64   `json:"long_conversations"` // LongLength messages each
	Me                string    `json:"me"`                 // an admin with many assignments, for the "mine" view
	Rare              []string  `json:"rare"`               // search terms found in very few messages
	LongEmails        int       `json:"long_emails"`        // conversations of 5–50 KB emails
	TextBytes         int64     `json:"text_bytes"`         // all message texts together
	IngestSeconds     float64   `json:"ingest_seconds"`     // time spent inside Ingest
	TotalSeconds      float64   `json:"total_seconds"`
}

// IngestRate is the messages per second the store ingested while generating.
func (m Manifest) IngestRate() float64 {
	if m.IngestSeconds == 0 {
		return 0
	}
	return float64(m.Messages) / m.IngestSeconds
}

// chunk is how many conversations are generated, ingested and triaged
// together; generation of the next chunk overlaps ingest of this one.
const chunk = 10000

// Fill generates the store's content into st, which must hold no
// conversations yet (conversation ids are predicted from the ingest order,
// and checked).
func Fill(ctx context.Context, st *store.Store, opt Options) (Manifest, error) {
	if opt.Epoch.IsZero() {
		opt.Epoch = Epoch
	}
	if opt.Batch <= 0 {
		opt.Batch = 4000
	}
	m := Manifest{Conversations: opt.Conversations, Seed: opt.Seed, Epoch: opt.Epoch, Me: "admin.dukcapil"}
	have, err := st.Count(ctx, inbox.Filter{View: inbox.ViewAll})
	switch {
	case err != nil:
		return m, err
	case have != 0 && !opt.Resume:
		return m, errors.New("synth: the store already holds conversations")
	case have%chunk != 0 || have > opt.Conversations:
		return m, fmt.Errorf("synth: cannot resume after %d conversations", have)
	}
	accounts, err := EnsureAccounts(ctx, st)
	if err != nil {
		return m, err
	}
	for _, p := range platformOrder {
		m.Accounts = append(m.Accounts, accounts[p])
	}
	g := newGenerator(opt.Seed, opt.Epoch, opt.Conversations)
	plans := make(chan []plan, 1)
	gctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(plans)
		for lo := have; lo < opt.Conversations; lo += chunk {
			hi := min(lo+chunk, opt.Conversations)
			ps := make([]plan, 0, hi-lo)
			for i := lo; i < hi; i++ {
				ps = append(ps, g.conversation(i))
			}
			select {
			case plans <- ps:
			case <-gctx.Done():
				return
			}
		}
	}()
	start := time.Now()
	var ingest time.Duration
	next, done := int64(have)+1, have
	for ps := range plans {
		t := time.Now()
		ids, err := ingestChunk(ctx, st, accounts, ps, opt.Batch, next, done)
		if err == nil {
			// As the relay does after its ticks: ingest only queues.
			_, err = st.IndexPending(ctx)
		}
		ingest += time.Since(t)
		if err != nil {
			return m, err
		}
		next += int64(len(ps))
		if err := triageChunk(ctx, st, ps, ids); err != nil {
			return m, err
		}
		for k, p := range ps {
			m.Messages += len(p.items)
			for _, it := range p.items {
				m.TextBytes += int64(len(it.Message.Text))
			}
			if p.longEmail {
				m.LongEmails++
			}
			if p.long {
				m.LongConversations = append(m.LongConversations, ids[k])
			}
			m.Rare = noteRare(m.Rare, p)
		}
		done += len(ps)
		if opt.Progress != nil {
			opt.Progress(done, opt.Conversations, m.Messages, time.Since(start))
		}
	}
	if err := ctx.Err(); err != nil {
		return m, err
	}
	m.IngestSeconds, m.TotalSeconds = ingest.Seconds(), time.Since(start).Seconds()
	return m, nil
}

// AccountName is the name of the synthetic account of a platform.
func AccountName(p inbox.Platform) string { return "sukamaju-" + string(p) }

// EnsureAccounts records the synthetic accounts in st and returns their ids.
func EnsureAccounts(ctx context.Context, st *store.Store) (map[inbox.Platform]int64, error) {
	ids := map[inbox.Platform]int64{}
	for _, p := range platformOrder {
		id, err := st.EnsureAccount(ctx, AccountName(p), p, inbox.Capabilities{Reply: true, PublicComments: true, DirectMessages: true})
		if err != nil {
			return nil, err
		}
		ids[p] = id
	}
	return ids, nil
}

// Traffic returns the messages of conversations from..to-1 of the traffic
// that follows a built store, grouped by platform: conversation i starts i×2
// minutes after the store's epoch. Thread keys and message ids start with
// tag, so they never collide with a built store's or with another tag's.
func Traffic(seed int64, tag string, from, to int) map[inbox.Platform][]inbox.Inbound {
	g := newGenerator(seed, Epoch.Add(time.Duration(to)*2*time.Minute), to)
	g.tag = tag
	out := map[inbox.Platform][]inbox.Inbound{}
	for i := from; i < to; i++ {
		p := g.conversation(i)
		out[p.platform] = append(out[p.platform], p.items...)
	}
	return out
}

// ingestChunk ingests a chunk account by account, in batches of at most
// batch messages, and returns each conversation's id. A conversation is
// created by its first message, so ids follow the order of ingest.
func ingestChunk(ctx context.Context, st *store.Store, accounts map[inbox.Platform]int64, ps []plan, batch int, next int64, base int) ([]int64, error) {
	ids := make([]int64, len(ps))
	for _, pl := range platformOrder {
		var items []inbox.Inbound
		flush := func() error {
			if len(items) == 0 {
				return nil
			}
			_, err := st.Ingest(ctx, accounts[pl], items, "synthetic:"+itoa(base+len(ps)))
			items = items[:0]
			return err
		}
		for k := range ps {
			if ps[k].platform != pl {
				continue
			}
			ids[k] = next
			next++
			for _, it := range ps[k].items {
				items = append(items, it)
				if len(items) >= batch {
					if err := flush(); err != nil {
						return nil, err
					}
				}
			}
		}
		if err := flush(); err != nil {
			return nil, err
		}
	}
	for _, k := range []int{0, len(ps) - 1} {
		c, err := st.Conversation(ctx, ids[k])
		if err != nil {
			return nil, err
		}
		if want := ps[k].items[0].Thread.ExternalKey; c.ExternalKey != want {
			return nil, fmt.Errorf("synth: conversation %d is %q, want %q: ids did not follow ingest order", ids[k], c.ExternalKey, want)
		}
	}
	return ids, nil
}

// triageChunk applies the chunk's triage changes, one transaction per admin.
func triageChunk(ctx context.Context, st *store.Store, ps []plan, ids []int64) error {
	by := map[string][]store.IDChange{}
	var order []string
	for k, p := range ps {
		if !p.touched {
			continue
		}
		if by[p.admin] == nil {
			order = append(order, p.admin)
		}
		by[p.admin] = append(by[p.admin], store.IDChange{ID: ids[k], Change: p.change})
	}
	for _, a := range order {
		if err := st.ApplyMany(ctx, a, by[a]); err != nil {
			return err
		}
	}
	return nil
}

// noteRare keeps up to eight rare terms that really are in p's messages.
func noteRare(rare []string, p plan) []string {
	for _, w := range p.rare {
		if len(rare) >= 8 {
			return rare
		}
		for _, it := range p.items {
			if strings.Contains(it.Message.Text, w) {
				rare = append(rare, w)
				break
			}
		}
	}
	return rare
}

// Build creates a synthetic store at path (which must not exist) and its
// manifest at path+".json". The store is written under a temporary name and
// renamed when complete, so an interrupted build leaves no half store behind.
func Build(ctx context.Context, path string, opt Options) (Manifest, error) {
	if _, err := os.Stat(path); err == nil {
		return Manifest{}, fmt.Errorf("%s already exists", path)
	}
	tmp := path + ".partial"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if !opt.Resume {
			os.Remove(tmp + suffix)
		}
	}
	epoch := opt.Epoch
	if epoch.IsZero() {
		epoch = Epoch
	}
	st, err := store.Open(ctx, tmp, store.Options{Now: func() time.Time { return epoch }})
	if err != nil {
		return Manifest{}, err
	}
	m, err := Fill(ctx, st, opt)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return m, err
	}
	if _, err := os.Stat(tmp + "-wal"); err == nil {
		return m, fmt.Errorf("%s-wal is still there after closing the store", tmp)
	}
	if err := os.Rename(tmp, path); err != nil {
		return m, err
	}
	return m, WriteManifest(path, m)
}

// WriteManifest saves m as path+".json".
func WriteManifest(path string, m Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path+".json", append(b, '\n'), 0o600)
}

// ReadManifest loads the manifest of the store at path.
func ReadManifest(path string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(path + ".json")
	if err != nil {
		return m, err
	}
	return m, json.Unmarshal(b, &m)
}

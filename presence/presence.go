// Package presence tells the sessions of one process who is reading or
// writing a reply in which conversation. It is a small hub held by
// `sapa serve` and handed to each SSH session: sessions learn of changes
// in-process, the moment they happen, with no polling and no timer, and a
// session's presence goes when the session ends.
package presence

import (
	"sort"
	"sync"

	"sapa/inbox"
)

// Hub is the presence of every session of one process.
type Hub struct {
	mu    sync.Mutex
	seats map[*Seat]struct{}
}

// NewHub returns an empty hub.
func NewHub() *Hub { return &Hub{seats: map[*Seat]struct{}{}} }

// Seat is one session's place in the hub.
type Seat struct {
	h       *Hub
	admin   string
	seq     uint64 // the newest Set applied
	conv    int64
	writing bool
	changed chan struct{} // one pending wake-up; more changes fold into it
}

// Join seats a session of admin, present nowhere yet.
func (h *Hub) Join(admin string) *Seat {
	s := &Seat{h: h, admin: admin, changed: make(chan struct{}, 1)}
	h.mu.Lock()
	h.seats[s] = struct{}{}
	h.mu.Unlock()
	return s
}

// Set says where the session is: reading conversation conv (0: none) and
// whether it is writing a reply there. seq orders the calls of one
// session, which may run in any order: an older one is ignored. Every other
// session hears of a real change.
func (s *Seat) Set(seq uint64, conv int64, writing bool) {
	h := s.h
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, in := h.seats[s]; !in || seq <= s.seq {
		return
	}
	s.seq = seq
	if s.conv == conv && s.writing == writing {
		return
	}
	s.conv, s.writing = conv, writing
	h.notifyLocked(s)
}

// Leave removes the session: its presence is gone for everyone.
func (s *Seat) Leave() {
	h := s.h
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, in := h.seats[s]; !in {
		return
	}
	delete(h.seats, s)
	if s.conv != 0 {
		h.notifyLocked(s)
	}
}

// notifyLocked wakes every session but from.
func (h *Hub) notifyLocked(from *Seat) {
	for o := range h.seats {
		if o == from {
			continue
		}
		select {
		case o.changed <- struct{}{}:
		default: // a wake-up is already pending
		}
	}
}

// Changed is signalled when another session's presence changed.
func (s *Seat) Changed() <-chan struct{} { return s.changed }

// Others is where every other admin is, by admin and conversation, the
// writers first: the same admin's other sessions are not others.
func (s *Seat) Others() []inbox.Present {
	h := s.h
	h.mu.Lock()
	seen := map[inbox.Present]bool{}
	for o := range h.seats {
		if o.admin == s.admin || o.conv == 0 {
			continue
		}
		seen[inbox.Present{Admin: o.admin, ConvID: o.conv, Writing: o.writing}] = true
	}
	h.mu.Unlock()
	out := make([]inbox.Present, 0, len(seen))
	for p := range seen {
		if p.Writing || !seen[inbox.Present{Admin: p.Admin, ConvID: p.ConvID, Writing: true}] {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.ConvID != b.ConvID {
			return a.ConvID < b.ConvID
		}
		if a.Writing != b.Writing {
			return a.Writing
		}
		return a.Admin < b.Admin
	})
	return out
}

package sshd

import (
	"sync"
	"time"
)

// failures counts refused keys and wrong enrolment codes per address
// within a window.
type failures struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	at     map[string][]time.Time
}

func newFailures(max int, window time.Duration) *failures {
	return &failures{max: max, window: window, at: map[string][]time.Time{}}
}

func (f *failures) recent(h string, now time.Time) []time.Time {
	kept := f.at[h][:0]
	for _, t := range f.at[h] {
		if now.Sub(t) < f.window {
			kept = append(kept, t)
		}
	}
	if len(kept) == 0 {
		delete(f.at, h)
		return nil
	}
	f.at[h] = kept
	return kept
}

func (f *failures) add(h string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := time.Now()
	f.at[h] = append(f.recent(h, now), now)
}

func (f *failures) blocked(h string) bool {
	return f.left(h) == 0
}

// left is how many more failures the address may have before it is blocked.
func (f *failures) left(h string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return max(0, f.max-len(f.recent(h, time.Now())))
}

// sessions caps the sessions open in all and per admin.
type sessions struct {
	mu       sync.Mutex
	max      int // in all
	perAdmin int
	total    int
	of       map[string]int
}

func newSessions(max, perAdmin int) *sessions {
	return &sessions{max: max, perAdmin: perAdmin, of: map[string]int{}}
}

// refusal says why a session may not open.
type refusal int

const (
	admitted refusal = iota
	fullService
	fullAdmin
)

// open takes a slot for admin ("" for an enrolment session, which counts
// only in all); release gives it back.
func (s *sessions) open(admin string) (release func(), why refusal) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.total >= s.max {
		return nil, fullService
	}
	if admin != "" && s.of[admin] >= s.perAdmin {
		return nil, fullAdmin
	}
	s.total++
	if admin != "" {
		s.of[admin]++
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.total--
			if admin != "" {
				if s.of[admin]--; s.of[admin] == 0 {
					delete(s.of, admin)
				}
			}
		})
	}, admitted
}

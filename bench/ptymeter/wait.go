package ptymeter

import (
	"fmt"
	"strings"
	"time"
)

// Bytes returns the total number of bytes the program has written to the
// pty so far.
func (s *Session) Bytes() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

// Mark starts a new measurement: [Session.Since] and [Session.WaitQuiet]
// count from here. It returns the total byte count at the mark.
func (s *Session) Mark() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mark = s.total
	return s.total
}

// markOffset returns the byte count at the last Mark (0 before any).
func (s *Session) markOffset() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mark
}

// Since returns the number of bytes written since the last [Session.Mark]
// (or since the start).
func (s *Session) Since() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total - s.mark
}

// LastOutput returns when output last arrived, or the zero time if none has.
func (s *Session) LastOutput() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastOut
}

// WaitQuiet waits until the program has written nothing for quiet, counted
// from the later of its last output and the last Send, Resize or start (so a
// program gets at least quiet to begin answering a key). It gives up after
// max. It returns the bytes written since the last [Session.Mark].
//
// If the pty is closed (the program and everything sharing its terminal
// exited) WaitQuiet returns at once with a nil error: no more output can
// come. On timeout the error wraps [ErrTimeout] and the count is still valid.
//
// Quiet detection cannot tell a finished redraw from a program that pauses
// longer than quiet in the middle of one; pick quiet well above the
// program's think time.
func (s *Session) WaitQuiet(quiet, max time.Duration) (int64, error) {
	deadline := time.Now().Add(max)
	for {
		s.mu.Lock()
		last := s.lastPoke
		if s.lastOut.After(last) {
			last = s.lastOut
		}
		since := s.total - s.mark
		changed := s.changed
		s.mu.Unlock()

		select {
		case <-s.readDone:
			return s.Since(), nil
		default:
		}
		now := time.Now()
		wait := last.Add(quiet).Sub(now)
		if wait <= 0 {
			return since, nil
		}
		left := deadline.Sub(now)
		if left <= 0 {
			return since, fmt.Errorf("%w: still writing after %v (quiet %v)", ErrTimeout, max, quiet)
		}
		if wait > left {
			wait = left
		}
		t := time.NewTimer(wait)
		select {
		case <-changed:
		case <-t.C:
		case <-s.readDone:
		}
		t.Stop()
	}
}

// WaitFor waits up to max until the screen contains substr. Text is matched
// against [Session.Screen], so it cannot span rows. The error wraps
// [ErrTimeout] or [ErrExited] and includes the screen as last seen.
func (s *Session) WaitFor(substr string, max time.Duration) error {
	return s.WaitScreen(func(screen string) bool {
		return strings.Contains(screen, substr)
	}, max, fmt.Sprintf("%q", substr))
}

// WaitScreen waits up to max until ok returns true for the current screen
// text (see [Session.Screen]); what names the condition in the error.
func (s *Session) WaitScreen(ok func(screen string) bool, max time.Duration, what string) error {
	t := time.NewTimer(max)
	defer t.Stop()
	for {
		s.mu.Lock()
		screen := s.screenLocked()
		changed := s.changed
		s.mu.Unlock()
		if ok(screen) {
			return nil
		}
		select {
		case <-changed:
		case <-s.readDone:
			s.mu.Lock()
			screen = s.screenLocked()
			s.mu.Unlock()
			if ok(screen) {
				return nil
			}
			return fmt.Errorf("%w: waiting for %s; screen:\n%s", ErrExited, what, screen)
		case <-t.C:
			return fmt.Errorf("%w: waiting %v for %s; screen:\n%s", ErrTimeout, max, what, screen)
		}
	}
}

// Screen returns the text of the visible screen (the alternate screen when
// the program uses it): one line per row joined by "\n", trailing spaces
// trimmed, colours and attributes dropped. Wide characters appear once.
func (s *Session) Screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.screenLocked()
}

// Line returns row y (0-based) of the screen as in [Session.Screen], or ""
// when y is out of range.
func (s *Session) Line(y int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if y < 0 || y >= s.rows {
		return ""
	}
	return s.lineLocked(y)
}

func (s *Session) screenLocked() string {
	var b strings.Builder
	for y := 0; y < s.rows; y++ {
		if y > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.lineLocked(y))
	}
	return b.String()
}

func (s *Session) lineLocked(y int) string {
	var b strings.Builder
	for x := 0; x < s.cols; x++ {
		c := s.emu.CellAt(x, y)
		switch {
		case c == nil:
			b.WriteByte(' ')
		case c.Content == "" && c.Width == 0:
			// Continuation column of a wide character.
		case c.Content == "":
			b.WriteByte(' ')
		default:
			b.WriteString(c.Content)
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// Cursor returns the cursor position (0-based column and row).
func (s *Session) Cursor() (x, y int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.emu.CursorPosition()
	return p.X, p.Y
}

// AltScreen reports whether the program has switched to the alternate
// screen.
func (s *Session) AltScreen() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.IsAltScreen()
}

// Queries returns the terminal queries seen so far and how they were
// answered, oldest first.
func (s *Session) Queries() []Query {
	s.qmu.Lock()
	defer s.qmu.Unlock()
	return append([]Query(nil), s.queries...)
}

package ptymeter

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Replies the meter gives, chosen to look like a plain xterm-compatible
// terminal with a black background.
const (
	// ReplyDA1 answers Primary Device Attributes (ESC [ c): a VT220 with
	// ANSI colour.
	ReplyDA1 = "\x1b[?62;22c"
	// ReplyDA2 answers Secondary Device Attributes (ESC [ > c).
	ReplyDA2 = "\x1b[>1;10;0c"
	// ReplyStatusOK answers Device Status Report (ESC [ 5 n).
	ReplyStatusOK = "\x1b[0n"
	// ColorBackground is reported for OSC 11 queries.
	ColorBackground = "rgb:0000/0000/0000"
	// ColorForeground is reported for OSC 10 and OSC 12 queries.
	ColorForeground = "rgb:ffff/ffff/ffff"
)

// Query records one terminal query the program sent and what the meter
// answered.
type Query struct {
	// Seq is the query as the program wrote it (re-encoded from the parsed
	// form, e.g. "\x1b[?2026$p"). It is empty for replies the underlying
	// emulator produced on its own for sequences the meter does not handle.
	Seq string
	// Reply is what was written back to the program; empty when the query
	// went unanswered, as it would on a terminal without that feature.
	Reply string
}

// String formats q for logs, with escapes made visible.
func (q Query) String() string {
	if q.Seq == "" {
		return fmt.Sprintf("(emulator) -> %q", q.Reply)
	}
	if q.Reply == "" {
		return fmt.Sprintf("%q -> (no reply)", q.Seq)
	}
	return fmt.Sprintf("%q -> %q", q.Seq, q.Reply)
}

// installResponder registers query handlers on the emulator. Handlers run
// inside emu.Write, which readLoop calls with s.mu held; replies are queued
// in s.pending and written once the lock is released. Handlers registered
// later take precedence over the emulator's own, and returning false falls
// through to them.
func (s *Session) installResponder() {
	e := s.emu
	// csi registers h for one CSI command. h reports whether the sequence
	// is a query (to be logged) and the reply, if any; a sequence with no
	// reply falls through to the emulator's own handler.
	csi := func(prefix, inter, final byte, h func(p ansi.Params) (reply string, query bool)) {
		cmd := ansi.Command(prefix, inter, final)
		e.RegisterCsiHandler(cmd, func(p ansi.Params) bool {
			reply, query := h(p)
			if query {
				s.recordLocked(csiString(prefix, inter, final, p), reply)
			}
			return reply != ""
		})
	}

	// DA1: ESC [ c or ESC [ 0 c.
	csi(0, 0, 'c', func(p ansi.Params) (string, bool) {
		if n, _, _ := p.Param(0, 0); n != 0 {
			return "", false
		}
		return ReplyDA1, true
	})
	// DA2: ESC [ > c.
	csi('>', 0, 'c', func(p ansi.Params) (string, bool) {
		if n, _, _ := p.Param(0, 0); n != 0 {
			return "", false
		}
		return ReplyDA2, true
	})
	// DSR: ESC [ 5 n (status) and ESC [ 6 n (cursor position).
	csi(0, 0, 'n', func(p ansi.Params) (string, bool) {
		switch n, _, _ := p.Param(0, 0); n {
		case 5:
			return ReplyStatusOK, true
		case 6:
			pos := e.CursorPosition()
			return fmt.Sprintf("\x1b[%d;%dR", pos.Y+1, pos.X+1), true
		}
		return "", false
	})
	// DECRQM for DEC private modes: ESC [ ? N $ p.
	csi('?', '$', 'p', func(p ansi.Params) (string, bool) {
		n, _, _ := p.Param(0, 0)
		return fmt.Sprintf("\x1b[?%d;%d$y", n, s.opts.ModeReplies[n]), true
	})
	// DECRQM for ANSI modes: ESC [ N $ p. Reported as not recognised.
	csi(0, '$', 'p', func(p ansi.Params) (string, bool) {
		n, _, _ := p.Param(0, 0)
		return fmt.Sprintf("\x1b[%d;0$y", n), true
	})
	// Queries a plain xterm-compatible terminal leaves unanswered; they are
	// only logged. Programs follow them with DA1 to detect the silence.
	unanswered := func(p ansi.Params) (string, bool) { return "", true }
	csi('?', 0, 'u', unanswered) // kitty keyboard protocol flags
	csi('>', 0, 'q', unanswered) // XTVERSION
	// XTWINOPS: report the text area size (18); other reports (window
	// state, position, pixel sizes, titles) go unanswered. Ops that are not
	// reports, such as 22/23 (push/pop title), are not queries.
	csi(0, 0, 't', func(p ansi.Params) (string, bool) {
		switch n, _, _ := p.Param(0, 0); n {
		case 18:
			return fmt.Sprintf("\x1b[8;%d;%dt", e.Height(), e.Width()), true
		case 11, 13, 14, 15, 16, 19, 20, 21:
			return "", true
		}
		return "", false
	})
	e.RegisterDcsHandler(ansi.Command(0, '+', 'q'), func(_ ansi.Params, data []byte) bool {
		s.recordLocked("\x1bP+q"+string(data)+"\x1b\\", "") // XTGETTCAP
		return false
	})
	e.RegisterDcsHandler(ansi.Command(0, '$', 'q'), func(_ ansi.Params, data []byte) bool {
		s.recordLocked("\x1bP$q"+string(data)+"\x1b\\", "") // DECRQSS
		return false
	})

	// OSC 10/11/12 colour queries: "N;?". Setting a colour falls through
	// to the emulator.
	for _, n := range []int{10, 11, 12} {
		n := n
		e.RegisterOscHandler(n, func(data []byte) bool {
			_, arg, _ := strings.Cut(string(data), ";")
			if arg != "?" {
				return false
			}
			c := ColorForeground
			if n == 11 {
				c = ColorBackground
			}
			reply := "\x1b]" + strconv.Itoa(n) + ";" + c + "\x1b\\"
			s.recordLocked("\x1b]"+string(data)+"\x1b\\", reply)
			return true
		})
	}
}

// recordLocked logs a query and queues its reply. s.mu must be held.
func (s *Session) recordLocked(seq, reply string) {
	s.qmu.Lock()
	s.queries = append(s.queries, Query{Seq: seq, Reply: reply})
	s.qmu.Unlock()
	if reply != "" {
		s.pending = append(s.pending, []byte(reply))
	}
}

// csiString re-encodes a parsed CSI sequence for the query log.
func csiString(prefix, inter, final byte, p ansi.Params) string {
	var b strings.Builder
	b.WriteString("\x1b[")
	if prefix != 0 {
		b.WriteByte(prefix)
	}
	for i, par := range p {
		if i > 0 {
			if p[i-1].HasMore() {
				b.WriteByte(':')
			} else {
				b.WriteByte(';')
			}
		}
		if v := par.Param(-1); v >= 0 {
			b.WriteString(strconv.Itoa(v))
		}
	}
	if inter != 0 {
		b.WriteByte(inter)
	}
	b.WriteByte(final)
	return b.String()
}

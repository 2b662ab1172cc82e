package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
	"sapa/sanitize"
)

// Seat is this session's place among the sessions that share presence: who
// reads or writes a reply in which conversation. `sapa serve` gives each SSH
// session one (presence.Seat); sessions hear of each other in-process, with
// no polling. Without one (a shell session), presence is not shown.
type Seat interface {
	// Set says where this session is; seq orders the calls.
	Set(seq uint64, convID int64, writing bool)
	// Changed is signalled when another session's presence changed.
	Changed() <-chan struct{}
	// Others is where the other admins are.
	Others() []inbox.Present
}

// presenceMsg brings where the other admins are.
type presenceMsg struct{ others []inbox.Present }

// seatState is what the model told its seat last.
type seatState struct {
	seq uint64
	at  inbox.Present // ConvID and Writing only
}

// presentAt is where this session is: the open conversation, writing while
// the composer has the keyboard.
func (m Model) presentAt() inbox.Present {
	if m.screen != screenThread {
		return inbox.Present{}
	}
	return inbox.Present{ConvID: m.thread.conv.ID, Writing: m.composing}
}

// syncSeat tells the seat where this session is, when that changed.
func (m *Model) syncSeat() tea.Cmd {
	if m.deps.Seat == nil {
		return nil
	}
	at := m.presentAt()
	if at == m.seat.at {
		return nil
	}
	m.seat.at = at
	m.seat.seq++
	seat, seq := m.deps.Seat, m.seat.seq
	return func() tea.Msg {
		seat.Set(seq, at.ConvID, at.Writing)
		return nil
	}
}

// firstPresenceCmd reads where the others are at start; its answer arms the
// watcher.
func firstPresenceCmd(seat Seat) tea.Cmd {
	if seat == nil {
		return nil
	}
	return func() tea.Msg { return presenceMsg{others: seat.Others()} }
}

// watchPresenceCmd waits, without a timer, until another session's
// presence changes, then brings the new picture; the root re-arms it.
func watchPresenceCmd(ctx context.Context, seat Seat) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-ctx.Done():
			return nil
		case <-seat.Changed():
			return presenceMsg{others: seat.Others()}
		}
	}
}

// presenceChanged takes the new picture and waits for the next.
func (m *Model) presenceChanged(msg presenceMsg) tea.Cmd {
	byConv := map[int64][]inbox.Present{}
	for _, p := range msg.others {
		byConv[p.ConvID] = append(byConv[p.ConvID], p)
	}
	m.c.present = byConv
	if m.noWatch || m.deps.Seat == nil { // tests feed presenceMsg themselves
		return nil
	}
	return watchPresenceCmd(m.deps.Ctx, m.deps.Seat)
}

// writer is another admin writing a reply in conversation id, "" when none.
func (c *common) writer(id int64) string {
	for _, p := range c.present[id] {
		if p.Writing {
			return p.Admin
		}
	}
	return ""
}

// presenceTag is a list row's note of who is in the conversation: "✎siti"
// writing a reply, "•ujang" reading it; "" when nobody else is.
func (c *common) presenceTag(id int64) string {
	var parts []string
	for _, p := range c.present[id] {
		mark := "•"
		if p.Writing {
			mark = "✎"
		}
		parts = append(parts, mark+sanitize.Line(p.Admin))
	}
	return strings.Join(parts, " ")
}

// presenceLine is the thread header's words for who else is here.
func (c *common) presenceLine(id int64) string {
	var parts []string
	for _, p := range c.present[id] {
		key := "presence.reading"
		if p.Writing {
			key = "presence.writing"
		}
		parts = append(parts, c.loc.F(key, sanitize.Line(p.Admin)))
	}
	return strings.Join(parts, ", ")
}

func localePresenceID() map[string]string {
	return map[string]string{
		"presence.writing":         "✎ %s sedang menulis balasan",
		"presence.reading":         "• %s sedang membaca",
		"confirm.takeover_writing": "%s sedang menulis balasan di sini. Ambil alih? (y/t)",
		"confirm.reply_writing":    "%s sedang menulis balasan di sini. Tetap menulis? (y/t)",
		"done.not_writing":         "tidak jadi menulis",
		"legend.presence_writing":  "sedang menulis balasan",
		"legend.presence_reading":  "sedang membaca",
	}
}

func localePresenceEN() map[string]string {
	return map[string]string{
		"presence.writing":         "✎ %s is writing a reply",
		"presence.reading":         "• %s is reading",
		"confirm.takeover_writing": "%s is writing a reply here. Take over? (y/n)",
		"confirm.reply_writing":    "%s is writing a reply here. Write anyway? (y/n)",
		"done.not_writing":         "not writing",
		"legend.presence_writing":  "writing a reply",
		"legend.presence_reading":  "reading",
	}
}

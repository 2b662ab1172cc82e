package inbox

import "time"

// WindowKind says how a platform treats a reply at a given age of the
// person's last message.
type WindowKind int

// Reply windows.
const (
	// WindowNone: the platform has no reply window (or no message from the
	// person is known, and the connector decides).
	WindowNone WindowKind = iota
	// WindowOpen: inside the standard window (ReplyWindow).
	WindowOpen
	// WindowTagged: past ReplyWindow but inside TaggedWindow: the reply goes
	// out with WindowTag (Messenger's HUMAN_AGENT, up to 7 days).
	WindowTagged
	// WindowTemplate: past ReplyWindow, the reply goes out as the approved
	// WindowTemplate (WhatsApp).
	WindowTemplate
	// WindowClosed: the platform refuses a reply.
	WindowClosed
)

// Window is the reply window that applies to one reply.
type Window struct {
	Kind WindowKind
	// Length is the window's length (ReplyWindow or TaggedWindow); zero
	// for WindowNone, WindowTemplate and WindowClosed.
	Length time.Duration
	// Ends is when the window closes; zero when Length is.
	Ends time.Time
}

// WindowAt is the window a reply sent at now falls in, when the person last
// wrote at lastInbound. The composer shows it and refuses only
// WindowClosed; the connector chooses how to send by it, so both follow one
// rule.
func (c Capabilities) WindowAt(lastInbound, now time.Time) Window {
	if c.ReplyWindow <= 0 || lastInbound.IsZero() {
		return Window{Kind: WindowNone}
	}
	age := now.Sub(lastInbound)
	switch {
	case age <= c.ReplyWindow:
		return Window{Kind: WindowOpen, Length: c.ReplyWindow, Ends: lastInbound.Add(c.ReplyWindow)}
	case c.TaggedWindow > c.ReplyWindow && c.WindowTag != "" && age <= c.TaggedWindow:
		return Window{Kind: WindowTagged, Length: c.TaggedWindow, Ends: lastInbound.Add(c.TaggedWindow)}
	case c.WindowTemplate != "":
		return Window{Kind: WindowTemplate}
	}
	return Window{Kind: WindowClosed}
}

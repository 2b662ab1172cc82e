package ui

import (
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

// messengerCaps are a Messenger account's capabilities as the connector
// declares them: 24 hours, then the HUMAN_AGENT tag up to 7 days.
var messengerCaps = inbox.Capabilities{Reply: true, DirectMessages: true, MaxLength: 2000, Counting: inbox.CountUTF16,
	ReplyWindow: 24 * time.Hour, TaggedWindow: 7 * 24 * time.Hour, WindowTag: "HUMAN_AGENT"}

// TestComposerTaggedWindow: between 24 hours and 7 days a Messenger reply
// is sent with HUMAN_AGENT, so the composer says so and takes it; only past
// 7 days does it refuse, as the platform does.
func TestComposerTaggedWindow(t *testing.T) {
	c := newComposer(testCommon(false))
	c.SetSize(100)
	c.load(1, messengerCaps, t0.Add(-20*time.Hour), "Baik, kami cek.")
	if why := c.refusal(); why != "" || !contains(c.View(), "batas 24 jam: sampai 14:00") {
		t.Fatalf("inside 24 h: refusal %q, view:\n%s", why, c.View())
	}
	c.load(1, messengerCaps, t0.Add(-3*24*time.Hour), "Baik, kami cek.")
	if why := c.refusal(); why != "" {
		t.Fatalf("3 days after the citizen wrote, the reply is refused: %q", why)
	}
	if !contains(c.View(), "tag HUMAN_AGENT, batas 7 hari: sampai 24 Nov 10:00") {
		t.Fatalf("the tagged window is not shown:\n%s", c.View())
	}
	c.load(1, messengerCaps, t0.Add(-8*24*time.Hour), "Baik, kami cek.")
	if why := c.refusal(); !contains(why, "batas waktu balas sudah lewat") {
		t.Fatalf("past 7 days: refusal %q", why)
	}
}

// TestComposerCountsTheMastodonMention: the composer counts as the
// instance does, with the "@handle " Sapa puts in front, so 490 of 500 plus
// a handle that does not fit is refused before it reaches the outbox.
func TestComposerCountsTheMastodonMention(t *testing.T) {
	caps := inbox.Capabilities{Reply: true, MaxLength: 500, Counting: inbox.CountMastodon, MentionsAuthor: true}
	c := newComposer(testCommon(false))
	c.SetSize(80)
	c.load(1, caps, time.Time{}, strings.Repeat("a", 490))
	c.answering("@pengaduan_warga_cibinong")
	if why := c.refusal(); !contains(why, "terlalu panjang: 516 dari 500") {
		t.Fatalf("490 characters behind a 25-character mention: refusal %q", why)
	}
	// A remote mention counts its local part only: "@warga " is 7.
	c.answering("@warga@desa.social")
	if why := c.refusal(); why != "" || !contains(c.View(), "497/500") {
		t.Fatalf("refusal %q, view:\n%s", why, c.View())
	}
}

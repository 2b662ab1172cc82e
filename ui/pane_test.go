package ui

import (
	"testing"
	"time"

	"sapa/inbox"
)

// testCommon is a common with default keys, Indonesian and the fixed clock.
func testCommon(plain bool) *common {
	st := DefaultStyles(testPlatforms())
	if plain {
		st = PlainStyles(testPlatforms())
	}
	tab := newActionTable(actionRows())
	keys, err := newKeyMap(tab, nil, nil)
	if err != nil {
		panic(err)
	}
	return &common{st: st, loc: newLocale("id"), actions: tab, keys: keys, now: func() time.Time { return t0 }, admin: "budi"}
}

func convs(n int) []inbox.Conversation {
	out := make([]inbox.Conversation, n)
	for i := range out {
		out[i] = inbox.Conversation{ID: int64(100 - i), Platform: inbox.Facebook, Status: inbox.StatusOpen,
			Contact: inbox.Contact{Name: "Warga"}, Snippet: "pesan", LastMessageAt: t0.Add(-time.Duration(i) * time.Minute)}
	}
	return out
}

func TestListMovesInsideWindowWithoutIntent(t *testing.T) {
	l := newList(testCommon(false), inbox.Filter{View: inbox.ViewOpen})
	l.SetSize(80, 6)
	l.rows = convs(5)
	l, intent := l.Update(press("j"))
	if l.sel != 1 || intent != nil {
		t.Fatalf("sel=%d intent=%v, want 1 and none", l.sel, intent)
	}
	l, _ = l.Update(press("k"))
	l, intent = l.Update(press("k"))
	if l.sel != 0 || intent != nil {
		t.Fatalf("at the top of the list: sel=%d intent=%v", l.sel, intent)
	}
}

func TestListAsksForNextWindowPastTheEdge(t *testing.T) {
	l := newList(testCommon(false), inbox.Filter{View: inbox.ViewOpen})
	l.SetSize(80, 6)
	l.rows = convs(5)
	l.sel = 4
	l, intent := l.Update(press("down"))
	req, ok := intent.(windowReq)
	if !ok || req.kind != winNext || req.edge.ID != l.rows[4].ID || req.limit != 5 {
		t.Fatalf("intent = %#v, want the window after the last row", intent)
	}
	if !l.loading {
		t.Fatal("list is not marked loading")
	}
	if _, again := l.Update(press("j")); again != nil {
		t.Fatal("a second request was stacked while loading")
	}
}

func TestListEnterOpensSelected(t *testing.T) {
	l := newList(testCommon(false), inbox.Filter{})
	l.SetSize(80, 6)
	l.rows = convs(3)
	l.sel = 2
	_, intent := l.Update(press("enter"))
	if o, ok := intent.(openIntent); !ok || o.conv.ID != l.rows[2].ID {
		t.Fatalf("intent = %#v", intent)
	}
}

func TestListTopWithoutAnchorNeedsNoLoad(t *testing.T) {
	l := newList(testCommon(false), inbox.Filter{})
	l.SetSize(80, 6)
	l.rows = convs(5)
	l.sel = 3
	l, intent := l.Update(press("g"))
	if l.sel != 0 || intent != nil {
		t.Fatalf("g at the top window: sel=%d intent=%v", l.sel, intent)
	}
	l.anchor = inclusive(l.rows[0])
	_, intent = l.Update(press("g"))
	if r, ok := intent.(windowReq); !ok || r.kind != winTop {
		t.Fatalf("g below the top: intent = %#v", intent)
	}
}

func TestListRowLayoutStableAcrossSelection(t *testing.T) {
	l := newList(testCommon(true), inbox.Filter{})
	l.SetSize(80, 6)
	l.rows = convs(5)
	before := l.View()
	l, _ = l.Update(press("j"))
	after := l.View()
	changed := 0
	b, a := splitLines(before), splitLines(after)
	for i := range b {
		if b[i] != a[i] {
			changed++
		}
	}
	if changed != 2 {
		t.Fatalf("moving the selection changed %d rows, want 2", changed)
	}
}

func TestThreadKeysGiveIntents(t *testing.T) {
	th := newThread(testCommon(false), nil)
	th.SetSize(80, 20)
	if _, intent := th.Update(press("r")); intent != (replyIntent{}) {
		t.Fatalf("r: %#v", intent)
	}
	if _, intent := th.Update(press("esc")); intent != (backIntent{}) {
		t.Fatalf("esc: %#v", intent)
	}
}

func TestComposerTypingAsksForASave(t *testing.T) {
	c := newComposer(testCommon(false))
	c.SetSize(80)
	c.load(7, inbox.Capabilities{Reply: true, MaxLength: 280}, time.Time{}, "")
	c.Focus()
	c, intent := c.Update(press("h"))
	d, ok := intent.(draftChangedIntent)
	if !ok || d.convID != 7 {
		t.Fatalf("typing h: intent %#v", intent)
	}
	if c.value() != "h" {
		t.Fatalf("h is text in the composer, got %q", c.value())
	}
	if _, intent := c.Update(press("ctrl+s")); intent != (sendIntent{convID: 7, text: "h"}) {
		t.Fatalf("ctrl+s: %#v", intent)
	}
	if _, intent := c.Update(press("esc")); intent != (closeComposerIntent{}) {
		t.Fatalf("esc: %#v", intent)
	}
	if _, intent := c.Update(press("left")); intent != nil {
		t.Fatalf("moving the cursor asked for a save: %#v", intent)
	}
}

func TestComposerCounterAndRefusals(t *testing.T) {
	c := newComposer(testCommon(true))
	c.SetSize(80)
	c.load(1, inbox.Capabilities{Reply: true, MaxLength: 10, Counting: inbox.CountRunes}, time.Time{}, "12345678901")
	if got := c.View(); !contains(got, "! 11/10") {
		t.Fatalf("over-limit counter not marked:\n%s", got)
	}
	if why := c.refusal(); !contains(why, "terlalu panjang") {
		t.Fatalf("refusal = %q", why)
	}
	c.load(1, inbox.Capabilities{Reply: true, ReplyWindow: 24 * time.Hour}, t0.Add(-25*time.Hour), "halo")
	if why := c.refusal(); !contains(why, "batas waktu balas sudah lewat") {
		t.Fatalf("refusal = %q", why)
	}
	if !contains(c.View(), "batas waktu balas sudah lewat") {
		t.Fatal("closed window not shown")
	}
	c.load(1, inbox.Capabilities{Reply: true, ReplyWindow: 24 * time.Hour}, t0.Add(-20*time.Hour), "halo")
	if why := c.refusal(); why != "" {
		t.Fatalf("refusal inside the window = %q", why)
	}
	if !contains(c.View(), "batas waktu balas sampai 14:00") {
		t.Fatalf("open window not shown:\n%s", c.View())
	}
	c.load(1, inbox.Capabilities{}, time.Time{}, "halo")
	if why := c.refusal(); !contains(why, "tidak bisa dibalas") {
		t.Fatalf("refusal without reply capability = %q", why)
	}
}

func TestPromptEditing(t *testing.T) {
	p := newPrompt(promptCommand, ":", "")
	for _, k := range []string{"a", "s", "s", "i", "g", "n", "space", "b", "u", "d", "i"} {
		p, _ = p.Update(press(k))
	}
	p, _ = p.Update(press("ctrl+w"))
	p, _ = p.Update(press("a"))
	s, x := p.View(40, "")
	if !contains(s, ":assign a") || x != len(":assign a") {
		t.Fatalf("prompt view %q cursor %d", s, x)
	}
	_, r := p.Update(press("enter"))
	if r == nil || r.value != "assign a" || r.cancel {
		t.Fatalf("result %#v", r)
	}
}

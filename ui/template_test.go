package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

// waTemplateCaps are a WhatsApp account's capabilities with a window
// template, as the connector declares them.
var waTemplateCaps = inbox.Capabilities{Reply: true, DirectMessages: true, MaxLength: 4096, Counting: inbox.CountUTF16,
	ReplyWindow: 24 * time.Hour, WindowTemplate: "balasan_layanan", WindowMaxLength: 1024}

func TestComposerOutsideWindowWithTemplate(t *testing.T) {
	// The default look: its counter shows at every length.
	c := newComposer(testCommon(false))
	c.SetSize(80)
	c.load(1, waTemplateCaps, t0.Add(-25*time.Hour), "Jalan sudah dijadwalkan diperbaiki.")
	if why := c.refusal(); why != "" {
		t.Fatalf("a template reply is refused: %q", why)
	}
	view := c.View()
	if !contains(view, "lewat batas 24 jam: dikirim sebagai templat balasan_layanan") || !contains(view, "35/1024") {
		t.Fatalf("template note or limit not shown:\n%s", view)
	}
	golden(t, "composer_template_80", view)

	// Counted against the template's variable, not the text limit.
	c.load(1, waTemplateCaps, t0.Add(-25*time.Hour), strings.Repeat("a", 1025))
	if why := c.refusal(); why != "terlalu panjang untuk templat balasan_layanan: 1025 dari 1024 karakter" {
		t.Fatalf("over the template's limit: %q", why)
	}
	if !contains(c.View(), "! 1025/1024") {
		t.Fatalf("over-limit counter not marked:\n%s", c.View())
	}
	c.load(1, waTemplateCaps, t0.Add(-25*time.Hour), strings.Repeat("a", 1024))
	if why := c.refusal(); why != "" {
		t.Fatalf("exactly the limit: %q", why)
	}

	// Inside the window the template changes nothing.
	c.load(1, waTemplateCaps, t0.Add(-20*time.Hour), strings.Repeat("a", 2000))
	if why := c.refusal(); why != "" {
		t.Fatalf("inside the window: %q", why)
	}
	if v := c.View(); !contains(v, "batas waktu balas sampai 14:00") || !contains(v, "2000/4096") || contains(v, "templat") {
		t.Fatalf("inside the window:\n%s", v)
	}

	// Without a template the closed window still refuses.
	noTemplate := waTemplateCaps
	noTemplate.WindowTemplate, noTemplate.WindowMaxLength = "", 0
	c.load(1, noTemplate, t0.Add(-25*time.Hour), "halo")
	if why := c.refusal(); !contains(why, "batas waktu balas sudah lewat") {
		t.Fatalf("without a template: %q", why)
	}
}

func TestComposerTemplateNoteNarrowAndEnglish(t *testing.T) {
	c := newComposer(testCommon(true))
	c.SetSize(60)
	c.load(1, waTemplateCaps, t0.Add(-25*time.Hour), "halo")
	// Too narrow for the title, the note and the keys: the note wins.
	info := splitLines(c.View())[0]
	if !strings.HasPrefix(info, " lewat batas 24 jam: dikirim sebagai") || contains(info, "Balas") {
		t.Fatalf("narrow info row: %q", info)
	}

	en := testCommon(true)
	en.loc = newLocale("en")
	c = newComposer(en)
	c.SetSize(100)
	c.load(1, waTemplateCaps, t0.Add(-25*time.Hour), strings.Repeat("b", 1100))
	if v := c.View(); !contains(v, "outside the 24-hour window: sent as template balasan_layanan") {
		t.Fatalf("english note:\n%s", v)
	}
	if why := c.refusal(); why != "too long for template balasan_layanan: 1100 of 1024 characters" {
		t.Fatalf("english refusal: %q", why)
	}
}

func TestComposerQueuedNote(t *testing.T) {
	c := newComposer(testCommon(true))
	c.load(1, waTemplateCaps, t0.Add(-25*time.Hour), "satu baris")
	if got := c.queuedNote(); got != "balasan diantre; relay mengirimnya sebagai templat balasan_layanan" {
		t.Fatalf("one line: %q", got)
	}
	c.load(1, waTemplateCaps, t0.Add(-25*time.Hour), "dua\nbaris")
	if got := c.queuedNote(); !contains(got, "baris baru menjadi spasi") {
		t.Fatalf("line breaks: %q", got)
	}
	c.load(1, waTemplateCaps, t0.Add(-1*time.Hour), "dua\nbaris")
	if got := c.queuedNote(); got != "balasan diantre; relay akan mengirim" {
		t.Fatalf("inside the window: %q", got)
	}
}

// TestTemplateReplyFlow goes through the store: the account's capabilities,
// stored as JSON, tell the composer about the template; the reply is queued
// with the text as typed.
func TestTemplateReplyFlow(t *testing.T) {
	e := newEnv(t)
	e.account(t, "wa-layanan", inbox.WhatsApp, waTemplateCaps)
	e.msg(t, "wa-layanan", "6281299", "", "Ujang Sumarna", "w9", "Lampu jalan di RT 03 mati.", t0.Add(-30*time.Hour))
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, "r")
	m = typeText(t, m, "Sudah kami laporkan ke Dishub.\nTerima kasih.")
	screen := screenText(m)
	if !contains(screen, "dikirim sebagai templat balasan_layanan") || !contains(screen, "44/1024") {
		t.Fatalf("composer does not show the template:\n%s", screen)
	}
	checkFrame(t, m)
	golden(t, "composer_template_80x24", screen)
	m = keys(t, m, "ctrl+s")
	counts, _ := e.st.OutboxCounts(context.Background())
	if counts[inbox.DeliveryQueued] != 1 {
		t.Fatalf("outbox = %v, want the reply queued", counts)
	}
	if s := screenText(m); !contains(s, "diantre sebagai templat balasan_layanan; baris baru menjadi spasi") {
		t.Fatalf("status does not say how it is sent:\n%s", s)
	}
}

func TestClosedWindowWithoutTemplateFlow(t *testing.T) {
	e := newEnv(t)
	e.msg(t, "wa-pemkab", "6281288", "", "Euis Komariah", "w8", "Kapan posyandu buka?", t0.Add(-30*time.Hour))
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, "r")
	m = typeText(t, m, "Setiap Selasa.")
	m = keys(t, m, "ctrl+s")
	counts, _ := e.st.OutboxCounts(context.Background())
	if len(counts) != 0 && counts[inbox.DeliveryQueued] != 0 {
		t.Fatalf("outbox = %v, want nothing queued", counts)
	}
	if s := screenText(m); !contains(s, "batas waktu balas sudah lewat") {
		t.Fatalf("refusal not shown:\n%s", s)
	}
}

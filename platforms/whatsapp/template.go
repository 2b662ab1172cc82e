package whatsapp

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
)

// TemplateParamMax is the longest reply sent as the window template's body
// variable, in UTF-16 units like MaxLength. Meta limits a body text
// parameter to 1,024 characters when a template has other components
// (32,768 when the body is its only one) and a template body to 1,024
// characters; Sapa holds every reply to the lower bound because it cannot
// see which components the approved template has.
const TemplateParamMax = 1024

// template is the approved message template that carries replies outside
// the 24-hour window: one body variable, {{1}}, receives the reply text.
type template struct {
	name     string // as approved in WhatsApp Manager, e.g. "balasan_layanan"
	language string // the approved translation's code, e.g. "id"
}

// message builds the template message for POST /{phone-number-id}/messages
// (TemplateMessage in the Cloud API spec). It refuses, before any call,
// text that does not fit the body variable once flattened to one line.
func (t template) message(to, text string) (map[string]any, error) {
	param := templateParam(text)
	if n := inbox.Length(inbox.CountUTF16, param); n > TemplateParamMax {
		return nil, &platforms.Error{Kind: platforms.KindPermanent,
			Message: fmt.Sprintf("di luar jendela 24 jam balasan dikirim sebagai templat %s, paling banyak %d karakter; balasan ini %d karakter "+
				"(outside the 24-hour window the reply is sent as template %s, at most %d characters; this reply has %d)",
				t.name, TemplateParamMax, n, t.name, TemplateParamMax, n),
			Fix: "shorten the reply, or wait for the citizen to write again and reply within 24 hours"}
	}
	return map[string]any{
		"messaging_product": "whatsapp",
		"recipient_type":    "individual",
		"to":                to,
		"type":              "template",
		"template": map[string]any{
			"name":     t.name,
			"language": map[string]string{"policy": "deterministic", "code": t.language},
			"components": []any{map[string]any{
				"type":       "body",
				"parameters": []any{map[string]string{"type": "text", "text": param}},
			}},
		},
	}, nil
}

// explain adds what to check on Meta's side to a template error: the 132xxx
// codes mean the template is missing in this language, not approved,
// paused or disabled, or has another number or kind of variables.
func (t template) explain(err error) {
	var pe *platforms.Error
	code, ok := meta.CodeOf(err)
	if !ok || code < 132000 || code > 132999 || !errors.As(err, &pe) {
		return
	}
	pe.Fix = "check in WhatsApp Manager → Message templates that template " + t.name + " is approved in language " + t.language +
		" and its body has exactly one variable, {{1}}, and no header, media or button variables; or fix window_template and window_template_language"
}

// templateParam is text as a template body variable may carry it: the
// Cloud API refuses a variable holding a line break or a tab, or more than
// four spaces in a row (error 132018, "Param text cannot have new-line/tab
// characters or more than 4 consecutive spaces"), sometimes only in a later
// failed-delivery webhook. So each run of white space that holds anything
// but plain spaces, or four or more of them (one short of the limit, to be
// safe), becomes one space, and the ends are trimmed: paragraphs run on as
// one. The result is never longer than text, so a text that fits
// TemplateParamMax as typed still fits.
func templateParam(text string) string {
	var b strings.Builder
	run, plain := 0, true // the pending white space: its length, and whether it is all ' '
	flush := func() {
		switch {
		case run == 0:
		case plain && run < 4:
			b.WriteString(strings.Repeat(" ", run))
		default:
			b.WriteByte(' ')
		}
		run, plain = 0, true
	}
	for _, r := range strings.TrimSpace(text) {
		if unicode.IsSpace(r) {
			run++
			plain = plain && r == ' '
			continue
		}
		flush()
		b.WriteRune(r)
	}
	return b.String()
}

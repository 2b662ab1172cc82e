package whatsapp_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
	"sapa/platforms/meta/metatest"
	"sapa/platforms/whatsapp"
)

// These tests bring their own small Cloud API so they do not depend on the
// contract fake: it records every send and checks a template message the
// way the spec's TemplateMessage describes it.
const (
	tplPhone = "106540352249999"
	tplToken = "EAAWhatsAppTemplateToken0123456789"
	tplName  = "balasan_layanan"
)

type tplServer struct {
	g  *metatest.Graph
	mu sync.Mutex
	// sends are the decoded bodies of every POST /{phone}/messages.
	sends []map[string]any
	// failCode, when set, answers the next send with this Graph error code.
	failCode int
}

func newTplServer(t *testing.T) *tplServer {
	s := &tplServer{g: metatest.New(t, tplToken)}
	s.g.Mux.HandleFunc("POST "+metatest.Version+"/{phone}/messages", s.send)
	return s
}

func (s *tplServer) send(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil || r.PathValue("phone") != tplPhone {
		metatest.WriteError(w, 400, 100, 0, "OAuthException", "(#100) Invalid parameter")
		return
	}
	s.mu.Lock()
	s.sends = append(s.sends, body)
	fail := s.failCode
	s.failCode = 0
	s.mu.Unlock()
	if fail != 0 {
		metatest.WriteError(w, 400, fail, 0, "OAuthException", "(#132001) Template name does not exist in the translation")
		return
	}
	if body["type"] == "template" {
		// The Cloud API refuses a body variable with a line break, a tab or
		// more than four spaces in a row (#132018).
		tpl, _ := body["template"].(map[string]any)
		comps, _ := tpl["components"].([]any)
		for _, c := range comps {
			params, _ := c.(map[string]any)["parameters"].([]any)
			for _, p := range params {
				text, _ := p.(map[string]any)["text"].(string)
				if strings.ContainsAny(text, "\n\r\t") || strings.Contains(text, "     ") {
					metatest.WriteError(w, 400, 132018, 0, "OAuthException", "(#132018) There was an issue with the parameters in your template.")
					return
				}
			}
		}
	}
	metatest.WriteJSON(w, 200, map[string]any{
		"messaging_product": "whatsapp",
		"contacts":          []any{map[string]any{"input": body["to"], "wa_id": body["to"]}},
		"messages":          []any{map[string]string{"id": "wamid.TPL" + time.Now().Format("150405.000000000")}},
	})
}

func (s *tplServer) bodies() []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]map[string]any(nil), s.sends...)
}

func (s *tplServer) connector(t *testing.T, template, language string) platforms.Connector {
	t.Helper()
	c, err := whatsapp.New(config.Account{Name: "pemkab-wa", Platform: inbox.WhatsApp, BaseURL: s.g.BaseURL(), Options: &whatsapp.Options{PhoneNumberID: tplPhone, WindowTemplate: template, WindowTemplateLanguage: language, Options: meta.Options{Token: config.Secret{Value: tplToken}, AppSecret: config.Secret{Value: "app-secret-tpl"}, VerifyToken: config.Secret{Value: "verify-tpl"}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func tplReply(text string, lastInbound time.Time) inbox.Reply {
	return inbox.Reply{IdempotencyKey: "outbox-42", Thread: inbox.Thread{ExternalKey: "6281234567009", Kind: inbox.KindDM},
		InReplyTo: "wamid.HBgNNjI4MTIzNDU2NzAwORUCABIYFjNFQjA", Recipient: inbox.Contact{ExternalID: "6281234567009"},
		Text: text, LastInboundAt: lastInbound}
}

func TestCapabilitiesNameTheWindowTemplate(t *testing.T) {
	s := newTplServer(t)
	caps := s.connector(t, tplName, "id").Capabilities()
	if caps.WindowTemplate != tplName || caps.WindowMaxLength != whatsapp.TemplateParamMax || caps.ReplyWindow != whatsapp.Window {
		t.Fatalf("with a template: %+v", caps)
	}
	if caps := s.connector(t, "", "").Capabilities(); caps.WindowTemplate != "" || caps.WindowMaxLength != 0 {
		t.Fatalf("without a template: %+v", caps)
	}
}

func TestOutsideWindowSendsTheTemplate(t *testing.T) {
	s := newTplServer(t)
	c := s.connector(t, tplName, "id")
	for i, last := range []time.Time{time.Now().Add(-25 * time.Hour), {}} {
		sent, err := c.Send(context.Background(), tplReply("Jalan di Desa Cibeber sudah dijadwalkan diperbaiki pekan depan.", last))
		if err != nil || !strings.HasPrefix(sent.ExternalID, "wamid.") {
			t.Fatalf("send %d: %+v, %v", i, sent, err)
		}
	}
	bodies := s.bodies()
	if len(bodies) != 2 {
		t.Fatalf("%d sends, want 2", len(bodies))
	}
	want := map[string]any{
		"messaging_product":        "whatsapp",
		"recipient_type":           "individual",
		"to":                       "6281234567009",
		"type":                     "template",
		"biz_opaque_callback_data": "outbox-42",
		"template": map[string]any{
			"name":     tplName,
			"language": map[string]any{"policy": "deterministic", "code": "id"},
			"components": []any{map[string]any{
				"type":       "body",
				"parameters": []any{map[string]any{"type": "text", "text": "Jalan di Desa Cibeber sudah dijadwalkan diperbaiki pekan depan."}},
			}},
		},
	}
	for i, b := range bodies {
		if !reflect.DeepEqual(b, want) {
			t.Errorf("send %d body:\n%v\nwant\n%v", i, b, want)
		}
		// No free-form text, and no quote: templates cannot carry context.
		if _, ok := b["text"]; ok {
			t.Errorf("send %d carries free-form text: %v", i, b)
		}
		if _, ok := b["context"]; ok {
			t.Errorf("send %d carries context: %v", i, b)
		}
	}
}

func TestInsideWindowStaysFreeFormWithATemplate(t *testing.T) {
	s := newTplServer(t)
	c := s.connector(t, tplName, "id")
	long := strings.Repeat("a", whatsapp.TemplateParamMax+500) // over the template's limit, under MaxLength
	for _, text := range []string{"Baik, kami cek.\nTerima kasih.", long} {
		if _, err := c.Send(context.Background(), tplReply(text, time.Now().Add(-23*time.Hour))); err != nil {
			t.Fatalf("send inside the window: %v", err)
		}
	}
	for _, b := range s.bodies() {
		text, _ := b["text"].(map[string]any)
		ctx, _ := b["context"].(map[string]any)
		if b["type"] != "text" || text["body"] == "" || ctx["message_id"] != "wamid.HBgNNjI4MTIzNDU2NzAwORUCABIYFjNFQjA" || b["template"] != nil {
			t.Fatalf("inside the window: %v", b)
		}
	}
	if first, _ := s.bodies()[0]["text"].(map[string]any); first["body"] != "Baik, kami cek.\nTerima kasih." {
		t.Fatalf("line breaks inside the window must be kept: %v", first)
	}
}

func TestTemplateParameterIsOneLine(t *testing.T) {
	s := newTplServer(t)
	c := s.connector(t, tplName, "id")
	cases := []struct{ in, want string }{
		{"Selamat pagi, Bu.\n\nLaporan sudah kami teruskan ke Dinas PU.\r\nTerima kasih.", "Selamat pagi, Bu. Laporan sudah kami teruskan ke Dinas PU. Terima kasih."},
		{"Nomor\ttiket:\t\tA-17", "Nomor tiket: A-17"},
		{"jarak   tiga spasi", "jarak   tiga spasi"},
		{"jarak    empat      enam", "jarak empat enam"},
		{"  \n ujung dipangkas \n", "ujung dipangkas"},
		{"baris  \n  baru", "baris baru"},
	}
	for _, tc := range cases {
		if _, err := c.Send(context.Background(), tplReply(tc.in, time.Time{})); err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
	}
	for i, b := range s.bodies() {
		got := b["template"].(map[string]any)["components"].([]any)[0].(map[string]any)["parameters"].([]any)[0].(map[string]any)["text"]
		if got != cases[i].want {
			t.Errorf("%q sent as %q, want %q", cases[i].in, got, cases[i].want)
		}
	}
}

func TestOverlongTemplateParameterRefusedBeforeSending(t *testing.T) {
	s := newTplServer(t)
	c := s.connector(t, tplName, "id")
	over := strings.Repeat("a", whatsapp.TemplateParamMax+1)
	_, err := c.Send(context.Background(), tplReply(over, time.Now().Add(-30*time.Hour)))
	pe, ok := err.(*platforms.Error)
	if !ok || pe.Kind != platforms.KindPermanent || !strings.Contains(pe.Message, "templat "+tplName) ||
		!strings.Contains(pe.Message, "1024") || !strings.Contains(pe.Message, "1025") || !strings.Contains(pe.Message, "at most") {
		t.Fatalf("over-long: %v", err)
	}
	// Emoji count as two UTF-16 units, as for text messages.
	if _, err := c.Send(context.Background(), tplReply(strings.Repeat("🙏", whatsapp.TemplateParamMax/2+1), time.Time{})); platforms.KindOf(err) != platforms.KindPermanent {
		t.Fatalf("over-long in UTF-16 units: %v", err)
	}
	if n := len(s.g.Requests()); n != 0 {
		t.Fatalf("Meta was called %d times: %v", n, s.g.Requests())
	}
	// Exactly the limit fits, and so does a text that fits once its line
	// breaks are flattened.
	for _, text := range []string{strings.Repeat("a", whatsapp.TemplateParamMax), strings.Repeat("a", whatsapp.TemplateParamMax-2) + "\r\nb"} {
		if _, err := c.Send(context.Background(), tplReply(text, time.Time{})); err != nil {
			t.Fatalf("%d bytes: %v", len(text), err)
		}
	}
}

func TestTemplateErrorsSayWhatToCheck(t *testing.T) {
	s := newTplServer(t)
	c := s.connector(t, tplName, "id")
	s.mu.Lock()
	s.failCode = 132001
	s.mu.Unlock()
	_, err := c.Send(context.Background(), tplReply("halo", time.Time{}))
	pe, ok := err.(*platforms.Error)
	if !ok || pe.Kind != platforms.KindPermanent || !strings.Contains(pe.Fix, tplName) || !strings.Contains(pe.Fix, "{{1}}") {
		t.Fatalf("template error: %#v", err)
	}
	if strings.Contains(err.Error(), tplToken) {
		t.Fatalf("token leaked: %v", err)
	}
}

func TestNoTemplateStillRefusesOutsideWindow(t *testing.T) {
	s := newTplServer(t)
	c := s.connector(t, "", "")
	_, err := c.Send(context.Background(), tplReply("halo", time.Now().Add(-25*time.Hour)))
	pe, ok := err.(*platforms.Error)
	if !ok || pe.Kind != platforms.KindPermanent || !strings.Contains(pe.Message, "24 jam") || !strings.Contains(pe.Fix, "window_template") {
		t.Fatalf("outside the window without a template: %v", err)
	}
	if n := len(s.g.Requests()); n != 0 {
		t.Fatalf("Meta was called: %v", s.g.Requests())
	}
}

package main

import (
	"mime"
	"net/mail"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

func TestParseFlags(t *testing.T) {
	o, err := parseFlags([]string{"-sizes", "80x24, 120x40", "-programs", "sapa,neomutt", "-idle", "5s", "-n", "30"})
	if err != nil {
		t.Fatal(err)
	}
	if len(o.sizes) != 2 || o.sizes[1] != (size{120, 40}) || o.presses != 30 || o.idle != 5*time.Second {
		t.Fatalf("options %+v", o)
	}
	if len(o.programs) != 2 || o.programs[1] != "neomutt" || !o.ssh || o.resizeBy != (size{20, 6}) {
		t.Fatalf("options %+v", o)
	}
	for _, bad := range [][]string{{"-sizes", "80"}, {"-programs", "mutt"}, {"-n", "0"}, {"extra"}} {
		if _, err := parseFlags(bad); err == nil {
			t.Errorf("parseFlags(%q) succeeded", bad)
		}
	}
}

// TestMessage checks that a conversation becomes a message a mail reader
// shows with the same author and text as Sapa's list row.
func TestMessage(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 30, 0, 0, wib)
	c := conv{
		Conversation: inbox.Conversation{ID: 7, Platform: inbox.WhatsApp, Snippet: "punten pak,\naya waleran? 🙏\x1b[2J",
			Contact: inbox.Contact{Name: "Lilis Rusmana", Handle: "+62 813-8098-7161"}},
		author: "Lilis Rusmana",
		thread: []inbox.Message{
			{Direction: inbox.In, Author: inbox.Contact{Name: "Lilis Rusmana"}, Text: "up mimin", SentAt: at},
			{Direction: inbox.Out, SentBy: "admin.desa", Text: "Baik, kami cek.", SentAt: at.Add(time.Hour)},
		},
	}
	m, err := mail.ReadMessage(strings.NewReader(message(c, at)))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	if subject != "punten pak, aya waleran? 🙏" {
		t.Errorf("subject %q: want the snippet on one line, without escapes", subject)
	}
	from, err := m.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "Lilis Rusmana" || from[0].Address != "62813-8098-7161@whatsapp.sukamaju.example" {
		t.Errorf("from %v, %v", from, err)
	}
	if d, err := m.Header.Date(); err != nil || !d.Equal(at) {
		t.Errorf("date %v, %v", d, err)
	}
	var body strings.Builder
	buf := make([]byte, 1024)
	n, _ := m.Body.Read(buf)
	body.Write(buf[:n])
	for _, want := range []string{"Lilis Rusmana · 20 Nov 09:30\n  up mimin", "→ admin.desa · 20 Nov 10:30\n  Baik, kami cek."} {
		if !strings.Contains(body.String(), want) {
			t.Errorf("body %q lacks %q", body.String(), want)
		}
	}
}

func TestTransientText(t *testing.T) {
	z := size{40, 5}
	out := []byte("\x1b[H\x1b[2J\x1b[5dReading... 10/2000\x1b[5;1H\x1b[KReading... 2000/2000\x1b[H" +
		"first row\r\nsecond row\x1b[5;1H\x1b[Kstatus")
	got := transientText(out, z, "")
	if len(got) != 2 || !strings.HasPrefix(got[0], "Reading") || got[1] != "Reading... 2000/2000" {
		t.Fatalf("transient %q, want the two progress lines", got)
	}
	if got := transientText([]byte("\x1b[H\x1b[2Jfirst row\r\nsecond row"), z, ""); len(got) != 0 {
		t.Fatalf("transient %q for a plain frame", got)
	}
}

func TestCheckTargets(t *testing.T) {
	res := &results{Options: map[string]any{"sizes": []string{"80x24"}}}
	res.Runs = []*runResult{
		{Program: "sapa", Label: "Sapa", Size: "80x24", Metrics: metrics{DownN: 100, DownMean: 200, Startup: 2500, Idle: 0, IdleSeconds: 60,
			StartupFresh: 2900, StartupAgain: 2500}},
		// The fresh start is judged against the warm start of its own data
		// (5,180), not the scenario's (4,625, another simulated history).
		{Program: "sapa-lb", Label: "Sapa low-bw", Size: "80x24", Metrics: metrics{DownN: 100, DownMean: 101, Startup: 4625, Idle: 12, IdleSeconds: 60,
			StartupFresh: 5184, StartupAgain: 5180}},
		{Program: "neomutt", Label: "neomutt", Size: "80x24", Metrics: metrics{DownMean: 240, StartupFresh: -1, StartupAgain: -1}},
	}
	met := map[string]bool{}
	for _, tg := range checkTargets(res) {
		met[tg.Name] = tg.Met
	}
	want := map[string]bool{
		"low-bandwidth: mean bytes per j, scrolling included":        false,
		"default look: mean bytes per j ≤ neomutt's in the same run": true,
		"Sapa: start-up bytes":                                    true,
		"Sapa low-bw: bytes while idle":                           false,
		"Sapa: bytes while idle":                                  true,
		"Sapa: fresh start-up no larger than warm (+10 %)":        false,
		"Sapa low-bw: fresh start-up no larger than warm (+10 %)": true,
	}
	for name, w := range want {
		if got, ok := met[name]; !ok || got != w {
			t.Errorf("%s: met %v (present %v), want %v", name, got, ok, w)
		}
	}
}

// A start-up-only run has no presses of j: no target is judged on them.
func TestCheckTargetsStartupOnly(t *testing.T) {
	res := &results{Options: map[string]any{"sizes": []string{"200x50"}}}
	res.Runs = []*runResult{
		{Program: "sapa-lb", Label: "Sapa low-bw", Size: "200x50", Metrics: metrics{Startup: 4625, StartupFresh: 4620, StartupAgain: 4625, Idle: -1}},
		{Program: "sapa", Label: "Sapa", Size: "200x50", Metrics: metrics{Startup: 5776, StartupFresh: 5770, StartupAgain: 5776, Idle: -1}},
		{Program: "neomutt", Label: "neomutt", Size: "200x50", Metrics: metrics{Startup: 9000, StartupFresh: -1, StartupAgain: -1, Idle: -1}},
	}
	for _, tg := range checkTargets(res) {
		if strings.Contains(tg.Name, "per j") {
			t.Errorf("target %q judged with no presses of j", tg.Name)
		}
	}
}

func TestScenarioStartupOnly(t *testing.T) {
	o, err := parseFlags([]string{"-startup-only"})
	if err != nil {
		t.Fatal(err)
	}
	p := &program{name: "sapa", label: "Sapa", ready: func(string, size) bool { return true }}
	sc := scenario(o, p, size{200, 50})
	if len(sc.Steps) != 1 || sc.Steps[0].Name != stepStartup {
		t.Fatalf("steps %+v, want the start-up alone", sc.Steps)
	}
}

func TestNum(t *testing.T) {
	for n, want := range map[int64]string{-1: "-", 0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567"} {
		if got := num(n); got != want {
			t.Errorf("num(%d) = %q, want %q", n, got, want)
		}
	}
}

package email

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

const self = "humas@kab.example"

func parseFixture(t *testing.T, name string) (inbox.Inbound, error, error) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return parseMessage(raw, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), self)
}

func mustParse(t *testing.T, name string) inbox.Inbound {
	t.Helper()
	in, bodyErr, err := parseFixture(t, name)
	if err != nil || bodyErr != nil {
		t.Fatalf("%s: err=%v bodyErr=%v", name, err, bodyErr)
	}
	return in
}

func wantText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseIndonesianQuotedPrintable(t *testing.T) {
	in := mustParse(t, "indonesian-qp.eml")
	m := in.Message
	if m.Text != wantText(t, "indonesian-qp.txt") {
		t.Errorf("text = %q", m.Text)
	}
	if m.ExternalID != "CAJ8x2rusak.jalan.001@mail.example" || in.Thread.ExternalKey != m.ExternalID || m.ParentID != "" {
		t.Errorf("ids: message %q thread %q parent %q", m.ExternalID, in.Thread.ExternalKey, m.ParentID)
	}
	if in.Thread.Kind != inbox.KindEmail || in.Thread.Title != "Jalan rusak di Desa Cibeureum — mohon ditindaklanjuti" {
		t.Errorf("thread = %+v", in.Thread)
	}
	want := inbox.Contact{ExternalID: "siti.rahayu@mail.example", Name: "Siti Rahayu", Handle: "siti.rahayu@mail.example"}
	if m.Author != want || m.Direction != inbox.In {
		t.Errorf("author = %+v, direction %s", m.Author, m.Direction)
	}
	if !m.SentAt.Equal(time.Date(2026, 11, 23, 1, 15, 0, 0, time.UTC)) {
		t.Errorf("sent at %v", m.SentAt)
	}
}

func TestParseLatin1Base64(t *testing.T) {
	in := mustParse(t, "latin1-base64.eml")
	if in.Message.Text != wantText(t, "latin1-base64.txt") {
		t.Errorf("text = %q", in.Message.Text)
	}
	if in.Thread.Title != "Jembatan Pasirés rusak" || in.Message.Author.Name != "José Müller" {
		t.Errorf("title %q, author %q", in.Thread.Title, in.Message.Author.Name)
	}
}

func TestParseHTMLOnly(t *testing.T) {
	in := mustParse(t, "html-only.eml")
	want := "Selamat siang,\n\nLampu jalan di RT 03/RW 05 mati & gelap sejak 3 hari.\nMohon dicek — terima kasih.\n\nSalam,\nBudi"
	if in.Message.Text != want {
		t.Errorf("text = %q\nwant   %q", in.Message.Text, want)
	}
	for _, bad := range []string{"Aduan", "color", "alert", "pelacak", "<"} {
		if strings.Contains(in.Message.Text, bad) {
			t.Errorf("text keeps %q: %q", bad, in.Message.Text)
		}
	}
}

func TestParseThreadReply(t *testing.T) {
	in := mustParse(t, "thread-reply.eml")
	m := in.Message
	if in.Thread.ExternalKey != "banjir-root@mail.example" {
		t.Errorf("thread key = %q, want the first References entry", in.Thread.ExternalKey)
	}
	if m.ParentID != "sapa-k42@kab.example" || m.ExternalID != "banjir-3@mail.example" {
		t.Errorf("parent %q id %q", m.ParentID, m.ExternalID)
	}
	if in.Thread.Title != "Banjir di Kecamatan Cibadak" {
		t.Errorf("title = %q (reply markers stay out of the title)", in.Thread.Title)
	}
	if m.Text != "Airnya sudah surut, terima kasih atas bantuannya.\n\n> Tim kami sudah menuju lokasi." {
		t.Errorf("text = %q (text/plain preferred over html)", m.Text)
	}
}

func TestParseInReplyToOnly(t *testing.T) {
	in := mustParse(t, "self-sent.eml")
	if in.Thread.ExternalKey != "banjir-root@mail.example" || in.Message.ParentID != "banjir-root@mail.example" {
		t.Errorf("thread %q parent %q", in.Thread.ExternalKey, in.Message.ParentID)
	}
	if in.Message.Direction != inbox.Out {
		t.Errorf("the office's own message must be Out, got %s", in.Message.Direction)
	}
}

func TestParseAttachmentSkipped(t *testing.T) {
	in := mustParse(t, "attachment.eml")
	if in.Message.Text != "Sampah di pasar belum diangkut seminggu. Foto terlampir." {
		t.Errorf("text = %q", in.Message.Text)
	}
}

func TestParseReplyToIsTheAuthor(t *testing.T) {
	in := mustParse(t, "reply-to.eml")
	a := in.Message.Author
	if a.Handle != "dewi.lestari@mail.example" || a.Name != "Dewi Lestari" {
		t.Errorf("author = %+v: replies must go to Reply-To", a)
	}
}

func TestParseNoMessageIDIsStable(t *testing.T) {
	a := mustParse(t, "no-message-id.eml")
	b := mustParse(t, "no-message-id.eml")
	id := a.Message.ExternalID
	if !strings.HasPrefix(id, "nomsgid-") || id != b.Message.ExternalID || a.Thread.ExternalKey != id {
		t.Errorf("ids %q / %q, thread %q", id, b.Message.ExternalID, a.Thread.ExternalKey)
	}
	if a.Message.Author.Handle != "lama@mail.example" || a.Message.Text != "Pesan dari klien surat lama." {
		t.Errorf("parsed %+v", a.Message)
	}
	if isMsgID(id) {
		t.Errorf("a derived id must never be written into In-Reply-To")
	}
}

func TestParseBrokenHeaderIsAnError(t *testing.T) {
	if _, _, err := parseFixture(t, "broken-header.eml"); err == nil {
		t.Fatal("a header that is not MIME must be reported")
	}
}

func TestParseBrokenMultipartKeepsText(t *testing.T) {
	in, _, err := parseFixture(t, "broken-multipart.eml")
	if err != nil {
		t.Fatal(err)
	}
	if in.Message.Text != "Tolong bantu, air PDAM tidak mengalir." || in.Message.ExternalID != "terpotong@mail.example" {
		t.Errorf("parsed %+v", in.Message)
	}
}

func TestParseTruncatedNeverPanics(t *testing.T) {
	for _, name := range []string{"indonesian-qp.eml", "latin1-base64.eml", "html-only.eml", "thread-reply.eml", "attachment.eml"} {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		for n := 0; n < len(raw); n += 7 {
			_, _, _ = parseMessage(raw[:n], time.Time{}, self)
		}
	}
}

func TestCleanSubject(t *testing.T) {
	for in, want := range map[string]string{
		"Re: Re: RE: jalan":      "jalan",
		"Aw: Balas: BLS: banjir": "banjir",
		"Re[2]: sampah":          "sampah",
		"Fwd: undangan":          "Fwd: undangan",
		"Rekap laporan":          "Rekap laporan",
		"  re :  x ":             "x",
	} {
		if got := cleanSubject(in); got != want {
			t.Errorf("cleanSubject(%q) = %q, want %q", in, got, want)
		}
	}
}

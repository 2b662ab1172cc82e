package ui

import (
	"context"
	"strings"
	"testing"

	"sapa/inbox"
	"sapa/store"
)

// deskUnits is a small tree: the kabupaten, Kecamatan Bojonggede with two
// desa, and an agency.
func deskUnits(t *testing.T, e *env) {
	t.Helper()
	e.units(t, []store.UnitRow{
		{Code: "32.01", Parent: "32", Level: "kabupaten", Name: "Kabupaten Bogor"},
		{Code: "32.01.22", Parent: "32.01", Level: "kecamatan", Name: "Bojonggede"},
		{Code: "disdukcapil", Parent: "32.01", Level: "opd", Name: "Disdukcapil"},
		{Code: "32.01.22.2001", Parent: "32.01.22", Level: "desa", Name: "Susukan"},
		{Code: "32.01.22.2002", Parent: "32.01.22", Level: "desa", Name: "Kedung Waringin"},
	})
}

// TestRoutedThreadCorrectedEscalatedNotedDelegated walks one conversation
// through the desk keys as an admin would: the thread says where the relay
// routed it, U corrects it with completion, E escalates it with a note, n
// notes it, D delegates it to an agency; each shows in the thread.
func TestRoutedThreadCorrectedEscalatedNotedDelegated(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	deskUnits(t, e)
	ctx := context.Background()
	c := convByName(t, e, "Siti Rahma")
	if err := e.st.ApplyRoutes(ctx, []store.Route{{Conversation: c.ID, Unit: "32.01.22", Matched: "bojong gede", Confident: true,
		Agency: "disdukcapil", Keyword: "KTP"}}); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, e, testConfig())
	m = keys(t, m, "enter")
	if m.thread.conv.ID != c.ID {
		t.Fatalf("opened %d, want %d", m.thread.conv.ID, c.ID)
	}
	for _, want := range []string{"Diarahkan ke Kec. Bojonggede: “bojong gede” (U: ubah)", "Instansi: Disdukcapil (“KTP”) (D: delegasikan)"} {
		if s := screenText(m); !strings.Contains(s, want) {
			t.Fatalf("thread lacks %q:\n%s", want, s)
		}
	}

	m = keys(t, m, "U")
	if got := m.prompt.label; got != "pindahkan dari Kec. Bojonggede ke: " {
		t.Fatalf("U prompt %q", got)
	}
	m = typeText(t, m, "Desa Su")
	m = keys(t, m, "tab")
	if got := string(m.prompt.input); got != "Desa Susukan " {
		t.Fatalf("completed %q", got)
	}
	m = keys(t, m, "enter")
	if c = convByName(t, e, "Siti Rahma"); c.Unit != "32.01.22.2001" {
		t.Fatalf("U placed it in %q", c.Unit)
	}

	m = keys(t, m, "E")
	if got := m.prompt.label; got != "eskalasi ke Kec. Bojonggede, catatan: " {
		t.Fatalf("E prompt %q", got)
	}
	m = typeText(t, m, "jalan kabupaten, bukan desa\n")
	if c = convByName(t, e, "Siti Rahma"); c.Unit != "32.01.22" {
		t.Fatalf("E sent it to %q", c.Unit)
	}

	m = keys(t, m, "n")
	m = typeText(t, m, "warga sudah lapor tiga kali\n")

	m = keys(t, m, "D")
	if got := string(m.prompt.input); got != "Disdukcapil" {
		t.Fatalf("D offers %q, want the agency the keyword named", got)
	}
	m = keys(t, m, "enter")
	if got := m.prompt.label; got != "delegasikan ke Disdukcapil, catatan: " {
		t.Fatalf("D note prompt %q", got)
	}
	m = keys(t, m, "enter") // no note
	if c = convByName(t, e, "Siti Rahma"); c.Unit != "disdukcapil" {
		t.Fatalf("D sent it to %q", c.Unit)
	}
	s := screenText(m)
	for _, want := range []string{"⇡ Eskalasi Desa Susukan → Kec. Bojonggede · budi", "jalan kabupaten, bukan desa",
		"✎ Catatan internal (tidak terkirim) · budi", "│ warga sudah lapor tiga kali", "⇢ Delegasi Kec. Bojonggede → Disdukcapil"} {
		if !strings.Contains(s, want) {
			t.Errorf("thread lacks %q:\n%s", want, s)
		}
	}
	// Back on the list, the row says where it came from.
	m = keys(t, m, "esc")
	if s := screenText(m); !strings.Contains(s, "dari Kec. Bojonggede · ") {
		t.Errorf("list row lacks the marker:\n%s", s)
	}
	audit, _ := e.st.Audit(ctx, c.ID, 20)
	var actions []string
	for _, a := range audit {
		actions = append(actions, a.Action)
	}
	if got := strings.Join(actions, " "); !strings.Contains(got, "route unit escalate note delegate") {
		t.Errorf("audit %q", got)
	}
}

// TestEscalateAtTheTopSaysSo: the kabupaten has no parent to escalate to.
func TestEscalateAtTheTopSaysSo(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	deskUnits(t, e)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "E")
	if m.prompt.active() || !strings.Contains(screenText(m), "sudah di unit teratas") {
		t.Fatalf("E at the kabupaten:\n%s", screenText(m))
	}
}

// TestFollowedThreadIsReadOnly: a desa admin who escalated a conversation
// still opens it, reads the trail and a read-only banner, is offered no
// key to change it, and is refused a note.
func TestFollowedThreadIsReadOnly(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	deskUnits(t, e)
	ctx := context.Background()
	c := convByName(t, e, "Siti Rahma")
	if err := e.st.ApplyRoutes(ctx, []store.Route{{Conversation: c.ID, Unit: "32.01.22.2001", Matched: "susukan", Confident: true}}); err != nil {
		t.Fatal(err)
	}
	m := adminModel(t, e, inbox.Admin{Name: "neng", Unit: "32.01.22.2001", Role: inbox.Operator})
	m = keys(t, m, "enter", "E")
	m = typeText(t, m, "bukan wewenang desa\n")
	s := screenText(m)
	for _, want := range []string{"Hanya baca: sudah diteruskan ke Kec. Bojonggede", "Diarahkan ke Desa Susukan: “susukan”", "bukan wewenang desa"} {
		if !strings.Contains(s, want) {
			t.Errorf("thread lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "(U: ubah)") {
		t.Errorf("a followed conversation offers U:\n%s", s)
	}
	m = keys(t, m, "n")
	m = typeText(t, m, "catatan\n")
	if s := screenText(m); !strings.Contains(s, "hanya baca: percakapan ini sudah diteruskan") {
		t.Errorf("a note on a followed conversation:\n%s", s)
	}
	if tr, _ := e.st.Trail(ctx, c.ID); len(tr.Notes) != 0 {
		t.Errorf("notes %+v", tr.Notes)
	}
}

// TestUnsureRouteOnlySuggests: a suggestion moves nothing; the thread names
// it and U offers it, so enter applies it.
func TestUnsureRouteOnlySuggests(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	deskUnits(t, e)
	ctx := context.Background()
	c := convByName(t, e, "Budi Santoso")
	if err := e.st.ApplyRoutes(ctx, []store.Route{{Conversation: c.ID, Unit: "32.01.22", Matched: "bojong"}}); err != nil {
		t.Fatal(err)
	}
	if c = convByName(t, e, "Budi Santoso"); c.Unit != "32.01" {
		t.Fatalf("a suggestion moved it to %q", c.Unit)
	}
	m := newModel(t, e, testConfig())
	for m.list.sel < len(m.list.rows) && m.list.rows[m.list.sel].ID != c.ID {
		m = keys(t, m, "j")
	}
	m = keys(t, m, "enter")
	if s := screenText(m); !strings.Contains(s, "Saran unit: Kec. Bojonggede (“bojong”) (U: terapkan)") {
		t.Fatalf("thread lacks the suggestion:\n%s", s)
	}
	m = keys(t, m, "U")
	if got := string(m.prompt.input); got != "Kecamatan Bojonggede" {
		t.Fatalf("U offers %q", got)
	}
	m = keys(t, m, "enter")
	if c = convByName(t, e, "Budi Santoso"); c.Unit != "32.01.22" {
		t.Fatalf("U with the suggestion placed it in %q", c.Unit)
	}
}

// TestEscalateMarkedSendsEachToItsParent: `;E` asks for one note and sends
// every marked conversation up from its own unit, each with the note.
func TestEscalateMarkedSendsEachToItsParent(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	deskUnits(t, e)
	ctx := context.Background()
	siti, budi := convByName(t, e, "Siti Rahma"), convByName(t, e, "Budi Santoso")
	if err := e.st.ApplyRoutes(ctx, []store.Route{
		{Conversation: siti.ID, Unit: "32.01.22.2001", Matched: "susukan", Confident: true},
		{Conversation: budi.ID, Unit: "32.01.22", Matched: "bojong gede", Confident: true},
	}); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, e, testConfig())
	for _, c := range []inbox.Conversation{siti, budi} {
		for i := 0; i < 10; i++ {
			if cur, ok := m.current(); ok && cur.ID == c.ID {
				break
			}
			m = keys(t, m, "j")
		}
		m = keys(t, m, "g")
		for i := 0; i < 10; i++ {
			if cur, ok := m.current(); ok && cur.ID == c.ID {
				break
			}
			m = keys(t, m, "j")
		}
		m = keys(t, m, "space")
	}
	if len(m.list.marks) != 2 {
		t.Fatalf("%d marked, want 2", len(m.list.marks))
	}
	m = keys(t, m, ";", "E")
	if got := m.prompt.label; got != "eskalasi 2 percakapan ke unit induk masing-masing, catatan: " {
		t.Fatalf(";E prompt %q", got)
	}
	m = typeText(t, m, "lintas wilayah\n")
	if c := convByName(t, e, "Siti Rahma"); c.Unit != "32.01.22" {
		t.Errorf("Siti's conversation went to %q, want the kecamatan", c.Unit)
	}
	if c := convByName(t, e, "Budi Santoso"); c.Unit != "32.01" {
		t.Errorf("Budi's conversation went to %q, want the kabupaten", c.Unit)
	}
	for _, id := range []int64{siti.ID, budi.ID} {
		tr, err := e.st.Trail(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.Handoffs) != 1 || tr.Handoffs[0].Note != "lintas wilayah" {
			t.Errorf("conversation %d trail %+v, want one handoff with the note", id, tr.Handoffs)
		}
	}
	if len(m.list.marks) != 0 || !strings.Contains(screenText(m), "dieskalasi: 2 percakapan") {
		t.Errorf("after ;E marks %d, screen:\n%s", len(m.list.marks), screenText(m))
	}
}

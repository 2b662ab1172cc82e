package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/spam"
	"sapa/store"
)

// testSpam is main's wiring of the spam package, for the screen's tests:
// one suggestion shared by every screen built with it.
type testSpam struct{ *spam.Shared }

func sharedSpam(st *store.Store) testSpam {
	return testSpam{spam.NewShared(func(ctx context.Context) ([]spam.Example, error) {
		judged, err := st.SpamExamples(ctx, 500)
		in := make([]spam.Example, len(judged))
		for i, e := range judged {
			in[i] = spam.Example{Text: e.Text, Spam: e.Spam}
		}
		return in, err
	})}
}

func (s testSpam) Ready(ctx context.Context) (SpamModel, error) {
	snap, err := s.Shared.Ready(ctx)
	return testSnap(snap), err
}

func (s testSpam) Retrain(ctx context.Context) (SpamModel, error) {
	snap, err := s.Shared.Retrain(ctx)
	return testSnap(snap), err
}

func testSnap(snap *spam.Snapshot) SpamModel {
	sm := SpamModel{Gen: snap.Gen, Next: snap.Next}
	if snap.Model.Ready() {
		sm.Suggest = snap.Model.Suggest
	}
	return sm
}

// judgedEnv holds the admins' past marking: spam they labelled, and
// complaints they answered and closed, then three new open ones.
func judgedEnv(t *testing.T) *env {
	e := newEnv(t)
	ctx := context.Background()
	spamTexts := []string{
		"Slot gacor hari ini maxwin dijamin, depo 10rb jadi jutaan klik https://bit.ly/gacor88",
		"pinjaman dana cepat cair tanpa jaminan, bunga rendah. hub 0812-7788-1234",
		"JP PARAH!! Baru main 5 menit langsung cair 2jt di MAXWIN77 link: https://maxwin77.vip",
		"Selamat! Anda pemenang undian Rp 175jt, konfirmasi ke 0813-9999-1111",
		"yg mau penghasilan tambahan 500rb/hari kerja dr rumah cuma modal HP, chat WA 0857-1212-3434",
		"Slot gacor malam ini depo 25rb wd jutaan di DEWAJP99 https://dewajp99.top",
		"Dana cepat cair tanpa jaminan, pinjaman online resmi, hub 0821-5555-6666",
	}
	hamTexts := []string{
		"Jalan di Kampung Sawah rusak parah sudah tiga bulan, kapan diperbaiki?",
		"Lampu PJU di Jl. Raya Bojong Gede mati sejak minggu lalu",
		"Bagaimana cara mengurus KTP yang hilang di Disdukcapil?",
		"Sampah menumpuk di pasar Cibinong belum diangkut",
		"Air PDAM mati lagi di Perumahan Citayam, mohon dicek",
		"Jadwal posyandu di desa kami bulan ini kapan ya?",
		"Saluran air depan sekolah tersumbat, banjir tiap hujan",
	}
	at := t0.Add(-30 * 24 * time.Hour)
	for i, text := range append(spamTexts, hamTexts...) {
		at = at.Add(time.Hour)
		who := fmt.Sprintf("Warga %02d", i)
		e.msg(t, "fb-pemkab", fmt.Sprintf("old/%d", i), "Post", who, fmt.Sprintf("o%d", i), text, at)
		c := convByName(t, e, who)
		ch := inbox.Change{Status: inbox.StatusDone}
		if i < len(spamTexts) {
			ch.AddLabel = inbox.SpamLabel
		}
		if _, err := e.st.Apply(ctx, c.ID, "siti", ch); err != nil {
			t.Fatal(err)
		}
	}
	e.msg(t, "fb-pemkab", "new/1", "Post", "Gacor Bos", "n1",
		"Slot gacor hari ini 🔥 maxwin dijamin, depo 10rb jadi jutaan 💰 klik https://bit.ly/koin303", t0.Add(-3*time.Minute))
	e.msg(t, "fb-pemkab", "new/2", "Post", "Dana Kilat", "n2",
		"PINJAMAN DANA CEPAT cair tanpa jaminan, bunga rendah. hub 0812-3456-7890", t0.Add(-2*time.Minute))
	e.msg(t, "fb-pemkab", "new/3", "Post", "Siti Rahma", "n3",
		"Jalan di depan pasar Cibadak rusak parah, kapan diperbaiki?", t0.Add(-time.Minute))
	return e
}

func spamModel(t *testing.T, e *env) Model {
	t.Helper()
	return spamScreen(t, e, "budi", sharedSpam(e.st))
}

// spamScreen is admin's screen with the process's suggestion sp.
func spamScreen(t *testing.T, e *env, admin string, sp testSpam) Model {
	t.Helper()
	d := testDeps(e, testConfig())
	d.Admin, d.Spam = admin, sp
	return startWith(t, d, 80, 24)
}

func lineWith(screen, who string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, who) {
			return l
		}
	}
	return ""
}

func TestSpamSuggestedFromTheAdminsOwnMarking(t *testing.T) {
	e := judgedEnv(t)
	m := spamModel(t, e)
	screen := screenText(m)
	for _, who := range []string{"Gacor Bos", "Dana Kilat"} {
		if r := lineWith(screen, who); !strings.Contains(r, "*$FB") {
			t.Errorf("%s not suggested: %q", who, r)
		}
	}
	if r := lineWith(screen, "Siti Rahma"); strings.Contains(r, "$") {
		t.Errorf("a citizen's complaint suggested as spam: %q", r)
	}
	// Suggesting acts on nothing.
	if c := convByName(t, e, "Gacor Bos"); c.Status == inbox.StatusDone || len(c.Labels) > 0 {
		t.Fatalf("the suggestion acted by itself: %+v", c)
	}
	// The suggested-spam view lists both, marked; ;$ confirms them.
	m = keys(t, m, ":")
	m = typeText(t, m, "spam_view\n")
	screen = screenText(m)
	if !strings.Contains(screen, "2 ditandai") || lineWith(screen, "Siti Rahma") != "" || !strings.Contains(screen, "saran spam") {
		t.Fatalf("spam view:\n%s", screen)
	}
	m = keys(t, m, ";", "$")
	for _, who := range []string{"Gacor Bos", "Dana Kilat"} {
		c := convByName(t, e, who)
		if c.Status != inbox.StatusDone || !slices.Contains(c.Labels, inbox.SpamLabel) {
			t.Fatalf("%s after ;$: %s %v", who, c.Status, c.Labels)
		}
	}
	if c := convByName(t, e, "Siti Rahma"); c.Status == inbox.StatusDone {
		t.Fatal("the complaint was closed")
	}
}

// TestSpamSilentWithoutMarking: with nothing learned, nothing is suggested
// and the view says what to do.
func TestSpamSilentWithoutMarking(t *testing.T) {
	e := newEnv(t)
	e.msg(t, "fb-pemkab", "new/1", "Post", "Gacor Bos", "n1", "Slot gacor hari ini maxwin", t0.Add(-time.Minute))
	m := spamModel(t, e)
	if r := lineWith(screenText(m), "Gacor Bos"); strings.Contains(r, "$") {
		t.Fatalf("suggested without any marking: %q", r)
	}
	m = keys(t, m, ":")
	m = typeText(t, m, "spam_view\n")
	if !strings.Contains(screenText(m), "minimal 5 spam") {
		t.Fatalf("spam view without marking:\n%s", screenText(m))
	}
}

// selectWho moves the selection down to who's row.
func selectWho(t *testing.T, m Model, who string) Model {
	t.Helper()
	for range 50 {
		if c, ok := m.current(); ok && c.Contact.Name == who {
			return m
		}
		m = keys(t, m, "j")
	}
	t.Fatalf("no row for %s:\n%s", who, screenText(m))
	return m
}

// TestSpamSharedAcrossScreens: the screens of one process share one
// suggestion, trained once, and an admin's `$` in one screen teaches the
// suggestion the other screen draws.
func TestSpamSharedAcrossScreens(t *testing.T) {
	e := judgedEnv(t)
	for i, text := range []string{
		"Obat pelangsing herbal ampuh, promo terbatas khasiat terbukti",
		"Promo obat pelangsing herbal ampuh khasiat terbukti, stok terbatas",
		"Obat pelangsing herbal promo ampuh, khasiat terbukti terbatas",
	} {
		who := fmt.Sprintf("Herbal %d", i+1)
		e.msg(t, "fb-pemkab", fmt.Sprintf("herbal/%d", i), "Post", who, fmt.Sprintf("h%d", i), text, t0.Add(time.Duration(i-10)*time.Minute))
	}
	sp := sharedSpam(e.st)
	a := spamScreen(t, e, "budi", sp)
	b := spamScreen(t, e, "siti", sp)
	if n := sp.Trainings(); n != 1 {
		t.Fatalf("two screens trained %d times, want once", n)
	}
	if r := lineWith(screenText(b), "Herbal 3"); r == "" || strings.Contains(r, "$") {
		t.Fatalf("suggested before any admin marked its kind: %q", r)
	}
	for _, who := range []string{"Herbal 1", "Herbal 2"} {
		a = selectWho(t, a, who)
		a = keys(t, a, "$")
	}
	if n := sp.Trainings(); n != 3 {
		t.Fatalf("trainings after two marks: %d, want 3", n)
	}
	// The other screen is told of the new training and redraws its rows.
	b = run(t, b, spamFollowCmd(b.deps.Ctx, b.deps.Spam, b.spamNext))
	if r := lineWith(screenText(b), "Herbal 3"); !strings.Contains(r, "$FB") {
		t.Fatalf("another admin's marks did not reach this screen: %q", r)
	}
}

package spam

import (
	"reflect"
	"testing"
)

var judged = []Example{
	{"Slot gacor hari ini maxwin 100% klik https://gacor88.xyz/daftar", true},
	{"SLOT GACOR gampang menang, deposit pulsa tanpa potongan wa.me/6281234567890", true},
	{"PINJAMAN DANA CEPAT tanpa jaminan cair 1 jam hubungi 0812-3456-7890", true},
	{"Pinjaman online cepat cair, bunga rendah, chat admin 081298765432", true},
	{"Selamat! Anda pemenang bansos Rp 15.000.000 klaim di bit.ly/bansos-2026", true},
	{"Hadiah bansos untuk warga terpilih, klaim sekarang di https://bansos-resmi.site", true},
	{"Jalan di Desa Cibinong rusak parah, mohon segera diperbaiki", false},
	{"Air PDAM mati lagi di Bojong Gede sejak kemarin", false},
	{"Bagaimana cara mengurus e-KTP yang hilang?", false},
	{"Lampu jalan di depan SD Negeri 2 Cisarua mati sudah seminggu", false},
	{"Sampah menumpuk di pasar Citeureup, tolong diangkut", false},
	{"Kapan jadwal vaksin di puskesmas Gunung Putri?", false},
	{"Terima kasih pelayanan Disdukcapil cepat sekali", false},
}

func TestSuggestsWhatAdminsMarked(t *testing.T) {
	m := Train(judged)
	for _, spam := range []string{
		"slot gacor malam ini pasti maxwin https://gacor99.xyz",
		"PINJAMAN DANA cair cepat hubungi 0813-1111-2222",
		"Selamat anda pemenang hadiah bansos, klaim di bit.ly/hadiah",
	} {
		if !m.Suggest(spam) {
			t.Errorf("not suggested as spam (p=%.3f): %q", m.Probability(spam), spam)
		}
	}
	for _, ham := range []string{
		"Jalan rusak di Cisarua belum diperbaiki, mohon dicek",
		"Air mati di Cibinong, kapan PDAM datang?",
		"Saya mau tanya syarat pinjaman modal usaha dari pemkab untuk UMKM",
		"Lampu jalan mati di Gunung Putri",
	} {
		if m.Suggest(ham) {
			t.Errorf("a citizen's message suggested as spam (p=%.3f): %q", m.Probability(ham), ham)
		}
	}
}

func TestSilentUntilItHasLearnt(t *testing.T) {
	m := Train(judged[:4]) // four spam, no judged citizen messages
	if m.Ready() || m.Suggest("slot gacor maxwin") {
		t.Fatal("a model with too few examples suggests")
	}
	var zero Model
	if zero.Suggest("slot gacor") || zero.Probability("x") != 0 {
		t.Fatal("the zero model suggests")
	}
}

func TestFeatures(t *testing.T) {
	got := Features("Hubungi 0812-3456-7890 atau https://www.Gacor88.xyz/daftar, Rp 15.000.000!")
	want := []string{"hubungi", "<num12+>", "atau", "<link>", "<host:gacor88.xyz>", "rp", "<num6-8>"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Features = %q, want %q", got, want)
	}
}

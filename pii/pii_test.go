package pii

import (
	"fmt"
	"testing"
)

// bogor is a guard that knows three of Kabupaten Bogor's kecamatan.
func bogor() *Guard { return New([]string{"32.01.01", "32.01.02", "32.01.40"}) }

func kinds(fs []Finding) string {
	s := ""
	for _, f := range fs {
		s += fmt.Sprintf("%s:%q ", f.Kind, f.Text)
	}
	return s
}

func TestNIKValidation(t *testing.T) {
	g := bogor()
	cases := []struct {
		text string
		want bool
	}{
		{"3201011208850001", true},           // a man from Cibinong, born 12-08-1985
		{"3201014508900003", true},           // a woman: day 05 + 40
		{"3201 0145 0890 0003", true},        // written in groups
		{"3201.014508.900003", true},         // with dots
		{"3171012901000002", true},           // Jakarta Pusat, 29 January 2000
		{"3201411208850001", false},          // kecamatan 41 is not in Kabupaten Bogor
		{"9901011208850001", false},          // no province 99
		{"3200011208850001", false},          // regency 00
		{"3201011213850001", false},          // month 13
		{"3201013208850001", false},          // day 32
		{"3201017208850001", false},          // day 72: 32 for a woman
		{"3201013102850001", false},          // 31 February
		{"3201011208850000", false},          // serial 0000
		{"32010112088500012", false},         // 17 digits: some other number
		{"rekening 1234567890123456", false}, // no region
	}
	for _, c := range cases {
		got := g.ExposedIDs(c.text)
		if (len(got) == 1) != c.want {
			t.Errorf("%q: found %s, want NIK %v", c.text, kinds(got), c.want)
		}
	}
}

func TestKKByItsWords(t *testing.T) {
	fs := bogor().ExposedIDs("No KK saya 3201011208850001 mohon dicek")
	if len(fs) != 1 || fs[0].Kind != KK {
		t.Fatalf("got %s, want one KK", kinds(fs))
	}
	fs = bogor().ExposedIDs("NIK saya 3201011208850001 mohon dicek")
	if len(fs) != 1 || fs[0].Kind != NIK {
		t.Fatalf("got %s, want one NIK", kinds(fs))
	}
}

func TestCheckCopiedFromThread(t *testing.T) {
	thread := []string{
		"Min, NIK saya 3201014508900003 belum masuk DTKS. Hubungi saya di 0812-3456-7890 atau siti.aminah@gmail.com. Alamat Jl. Mawar No. 12, RT 03/RW 05 Pakansari",
	}
	reply := "Baik Bu Siti, NIK 3201014508900003 sudah kami cek. Kami akan hubungi ke +62 812 3456 7890 / Siti.Aminah@gmail.com dan petugas datang ke jl mawar no 12 rt 3 rw 5."
	fs := bogor().Check(reply, thread)
	want := []Kind{NIK, Phone, Email, Address, Address}
	if len(fs) != len(want) {
		t.Fatalf("got %s, want %v", kinds(fs), want)
	}
	for i, k := range want {
		if fs[i].Kind != k {
			t.Errorf("finding %d: %s, want %s (%s)", i, fs[i].Kind, k, kinds(fs))
		}
		if reply[fs[i].Start:fs[i].End] != fs[i].Text {
			t.Errorf("finding %d: offsets do not hold %q", i, fs[i].Text)
		}
	}
}

func TestCheckLeavesOfficeContactsAlone(t *testing.T) {
	thread := []string{"jalan di depan rumah saya rusak, Jl. Raya Parung"}
	reply := "Silakan hubungi call center kami di 0812-9999-0000 atau pengaduan@bogorkab.go.id. Jl. Raya Parung No. 1 sudah masuk jadwal."
	if fs := bogor().Check(reply, thread); len(fs) != 0 {
		t.Fatalf("office contacts and a street named in public flagged: %s", kinds(fs))
	}
}

func TestCheckNIKAlwaysFlagged(t *testing.T) {
	// Not in the thread (typed from a DM, say): an NIK never goes out in public.
	if fs := bogor().Check("NIK 3201011208850001 sudah aktif", nil); len(fs) != 1 || fs[0].Kind != NIK {
		t.Fatalf("got %s, want the NIK", kinds(fs))
	}
}

func TestPhoneForms(t *testing.T) {
	for _, s := range []string{"081234567890", "0812 3456 7890", "+6281234567890", "+62 812-3456-7890", "62.812.3456.7890"} {
		fs := phones("hub " + s + " ya")
		if len(fs) != 1 || phoneKey(fs[0].Text) != "81234567890" {
			t.Errorf("%q: got %s", s, kinds(fs))
		}
	}
	for _, s := range []string{"tanggal 08/12", "Rp 081.000", "kode 0251 8321075"} {
		if fs := phones(s); len(fs) != 0 {
			t.Errorf("%q: not a mobile number, got %s", s, kinds(fs))
		}
	}
}

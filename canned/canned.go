// Package canned holds the office's ready replies: short texts with
// variables ({nama}, {platform}, {unit}, {admin}, {tanggal}) filled in for
// the conversation at hand, found from the composer by a few letters of
// their name or text.
package canned

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// Reply is one ready reply.
type Reply struct {
	Name string // short and unique: "terima-kasih", "ktp-syarat"
	Text string // with variables in braces
}

// Vars are the values a reply's variables take.
type Vars struct {
	Nama     string    // the citizen's name
	Platform string    // "Facebook", "WhatsApp"…
	Unit     string    // the unit answering: "Kecamatan Cibinong"
	Admin    string    // the admin signing the reply
	Tanggal  time.Time // today
}

// Variables are the names a reply may use.
var Variables = []string{"nama", "platform", "unit", "admin", "tanggal"}

var variable = regexp.MustCompile(`\{([a-zA-Z_]+)\}`)

// Defaults are the replies Sapa ships, in the Indonesian an office writes.
var Defaults = []Reply{
	{"salam", "Halo Kak {nama}, terima kasih sudah menghubungi kami melalui {platform}. Ada yang bisa kami bantu?"},
	{"terima-kasih", "Terima kasih laporannya, Kak {nama}. Sudah kami catat dan kami teruskan ke dinas terkait. Kami kabari lagi perkembangannya 🙏"},
	{"minta-lokasi", "Mohon maaf, Kak {nama}, boleh kami minta titik lokasinya (share loc) dan foto kondisinya? Agar petugas mudah menemukan lokasinya."},
	{"minta-dm", "Kak {nama}, agar data pribadi Kakak aman, mohon kirimkan detailnya lewat pesan pribadi (DM), jangan di kolom komentar ya 🙏"},
	{"data-pribadi", "Demi keamanan, mohon jangan menuliskan NIK, nomor KK atau nomor HP di kolom komentar. Silakan kirim lewat pesan pribadi, Kak {nama}."},
	{"diteruskan", "Laporan Kakak sudah kami teruskan ke {unit} pada {tanggal}. Mohon ditunggu tindak lanjutnya."},
	{"ktp-syarat", "Untuk pembuatan e-KTP pemula, silakan datang ke Disdukcapil atau kantor kecamatan dengan membawa fotokopi Kartu Keluarga. Layanan tidak dipungut biaya."},
	{"jam-layanan", "Kantor kami melayani Senin–Jumat pukul 08.00–16.00 WIB, kecuali hari libur nasional dan cuti bersama."},
	{"hoaks", "Informasi tersebut tidak benar (hoaks), Kak {nama}. Selalu cek informasi di kanal resmi kami dan jangan ikut menyebarkan ya 🙏"},
	{"selesai", "Terima kasih atas kesabarannya, Kak {nama}. Laporan ini kami tandai selesai; jika masih ada kendala, silakan kabari kami kembali. Salam, {admin}."},
}

// Check reports a variable text does not know, so a typo in the config
// ("{name}") is an error rather than a brace sent to a citizen.
func Check(text string) error {
	for _, m := range variable.FindAllStringSubmatch(text, -1) {
		if !known(m[1]) {
			return fmt.Errorf("unknown variable {%s}: use %s", m[1], "{"+strings.Join(Variables, "}, {")+"}")
		}
	}
	return nil
}

func known(name string) bool {
	for _, v := range Variables {
		if v == name {
			return true
		}
	}
	return false
}

// Expand fills in the variables of text. An empty value leaves a neutral
// word behind rather than a gap ("Kak {nama}" with no name is "Kak").
func Expand(text string, v Vars) string {
	out := variable.ReplaceAllStringFunc(text, func(m string) string {
		switch m[1 : len(m)-1] {
		case "nama":
			return v.Nama
		case "platform":
			return v.Platform
		case "unit":
			return v.Unit
		case "admin":
			return v.Admin
		case "tanggal":
			if v.Tanggal.IsZero() {
				return ""
			}
			return Tanggal(v.Tanggal)
		}
		return m
	})
	// "Kak ," or "Kak  ," when a value was empty.
	out = strings.ReplaceAll(out, " ,", ",")
	return strings.Join(strings.Fields(out), " ")
}

var bulan = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
	"September", "Oktober", "November", "Desember"}

// Tanggal writes a date as Indonesian letters do: "7 Desember 2026".
func Tanggal(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), bulan[t.Month()-1], t.Year())
}

// Merge returns the defaults with extra appended; an extra reply with a
// default's name replaces it. Names must be unique and texts valid.
func Merge(defaults, extra []Reply) ([]Reply, error) {
	out := append([]Reply(nil), defaults...)
	seen := map[string]bool{}
	for _, r := range extra {
		if strings.TrimSpace(r.Name) == "" || strings.TrimSpace(r.Text) == "" {
			return nil, fmt.Errorf("a canned reply needs a name and a text (%q)", r.Name)
		}
		if seen[r.Name] {
			return nil, fmt.Errorf("canned reply %q is defined twice", r.Name)
		}
		seen[r.Name] = true
		if err := Check(r.Text); err != nil {
			return nil, fmt.Errorf("canned reply %q: %w", r.Name, err)
		}
		replaced := false
		for i := range out {
			if out[i].Name == r.Name {
				out[i], replaced = r, true
			}
		}
		if !replaced {
			out = append(out, r)
		}
	}
	return out, nil
}

// Search returns the replies whose name or text holds every word of query
// as the start of a word, in their order; an empty query returns them all.
func Search(replies []Reply, query string) []Reply {
	q := words(query)
	var out []Reply
	for _, r := range replies {
		ws := words(r.Name + " " + r.Text)
		if matchAll(q, ws) {
			out = append(out, r)
		}
	}
	return out
}

func matchAll(query, ws []string) bool {
	for _, q := range query {
		found := false
		for _, w := range ws {
			if strings.HasPrefix(w, q) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

package route

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a message: its normalized form (lower case, letters
// and digits only, abbreviations expanded) and where it sits in the text.
type token struct {
	norm       string
	start, end int  // byte offsets in the original text
	handle     bool // part of an @handle, a #tag or a user_name: never a place
}

// marker is a word that says what kind of unit the next name is.
type marker int

const (
	noMarker marker = iota
	markKecamatan
	markDesa
	markKelurahan
	markRegion // kabupaten, kota, provinsi: the next name is a region, not one of ours
)

// markers are the words and abbreviations citizens put before a unit name.
var markers = map[string]marker{
	"kec": markKecamatan, "kecamatan": markKecamatan, "kcmtn": markKecamatan,
	"kecmatan": markKecamatan, "kecamtan": markKecamatan, "kcm": markKecamatan,
	"desa": markDesa, "ds": markDesa, "dsa": markDesa,
	"kel": markKelurahan, "kelurahan": markKelurahan, "kelurhan": markKelurahan, "lurah": markKelurahan,
	"kab": markRegion, "kabupaten": markRegion, "kota": markRegion, "prov": markRegion, "provinsi": markRegion,
}

// abbreviations expand the shortened words of place names: "Gn. Putri",
// "Tj. Sari", "Pdk. Rajeg". Roman numerals become digits so "Gunung Bunder
// II" and "gunung bunder 2" meet.
var abbreviations = map[string]string{
	"gn": "gunung", "gng": "gunung", "gnng": "gunung",
	"tj": "tanjung", "tjg": "tanjung",
	"pdk": "pondok",
	"ii":  "2", "iii": "3",
}

// tokenize splits text into words. An apostrophe inside a word is dropped
// ("Ciampe'a"); any other non-letter, non-digit character separates words.
func tokenize(text string) []token {
	var out []token
	var b strings.Builder
	start := -1
	handle := false
	flush := func(end int) {
		if start < 0 {
			return
		}
		norm := b.String()
		if x, ok := abbreviations[norm]; ok {
			norm = x
		}
		out = append(out, token{norm: norm, start: start, end: end, handle: handle})
		b.Reset()
		start, handle = -1, false
	}
	for i, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
				handle = i > 0 && (text[i-1] == '@' || text[i-1] == '#')
			}
			b.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '’') && start >= 0 && nextIsLetter(text, i+utf8.RuneLen(r)):
			// Ciampe'a: the apostrophe is part of the word
		case r == '_' && start >= 0:
			handle = true // user_name: a handle, not prose
		default:
			flush(i)
		}
	}
	flush(len(text))
	return out
}

func nextIsLetter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i < len(s) && unicode.IsLetter(r)
}

// normalizeName is a unit name as the index keys it: lower case, spaces
// and punctuation removed, roman numerals as digits ("Cibatok I" →
// "cibatok1").
func normalizeName(name string) string {
	var b strings.Builder
	for _, t := range tokenize(name) {
		switch t.norm {
		case "i":
			b.WriteString("1")
		default:
			b.WriteString(t.norm)
		}
	}
	return b.String()
}

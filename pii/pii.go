// Package pii finds personal data in a reply before it is posted in public:
// an NIK or KK number (16 digits with a valid region code and date), mobile
// phone numbers and e-mail addresses copied from the thread, and street
// addresses copied from the thread. UU PDP (Law 27/2022) makes the office
// answerable for what it leaves on its own page, so the guard asks before a
// public reply goes out; private channels are not checked.
package pii

import (
	"regexp"
	"slices"
	"strings"
)

// Kind is a type of personal data.
type Kind string

// The kinds of personal data the guard knows.
const (
	NIK     Kind = "nik"     // Nomor Induk Kependudukan, the citizen ID number
	KK      Kind = "kk"      // Kartu Keluarga (family card) number
	Phone   Kind = "phone"   // a mobile number
	Email   Kind = "email"   // an e-mail address
	Address Kind = "address" // a street address with a house number, or RT/RW
)

// Kinds lists every kind the guard reports, in the order above; the screen
// has a name for each.
func Kinds() []Kind { return []Kind{NIK, KK, Phone, Email, Address} }

// Finding is one piece of personal data in a text.
type Finding struct {
	Kind       Kind
	Text       string // as written
	Start, End int    // byte offsets in the checked text
}

// Guard checks texts. Build it with New; it is immutable.
type Guard struct {
	districts map[string]bool // "320101": the local regency's kecamatan, by NIK prefix
	regencies map[string]bool // "3201": the regencies those belong to
}

// New builds a guard that knows the local tree's kecamatan codes
// ("32.01.01"): an NIK or KK from the regency must name one of them; from
// elsewhere a known province code and a plausible regency and district do.
func New(kecamatanCodes []string) *Guard {
	g := &Guard{districts: map[string]bool{}, regencies: map[string]bool{}}
	for _, c := range kecamatanCodes {
		d := strings.ReplaceAll(c, ".", "")
		if len(d) == 6 {
			g.districts[d] = true
			g.regencies[d[:4]] = true
		}
	}
	return g
}

// provinces are the Kemendagri province codes, the first two digits of
// every NIK.
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true, "16": true, "17": true, "18": true,
	"19": true, "21": true, "31": true, "32": true, "33": true, "34": true, "35": true, "36": true,
	"51": true, "52": true, "53": true, "61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "72": true, "73": true, "74": true, "75": true, "76": true, "81": true, "82": true,
	"91": true, "92": true, "93": true, "94": true, "95": true, "96": true,
}

// sixteen finds 16 digits written together or in groups ("3201 0145 0890
// 0003", "3201.014508.900003").
var sixteen = regexp.MustCompile(`\d(?:[ .\-]?\d){15}`)

// idNumbers finds NIK and KK numbers in text.
func (g *Guard) idNumbers(text string) []Finding {
	var out []Finding
	for _, loc := range sixteen.FindAllStringIndex(text, -1) {
		if (loc[0] > 0 && isDigit(text[loc[0]-1])) || (loc[1] < len(text) && isDigit(text[loc[1]])) {
			continue // part of a longer number
		}
		digits := onlyDigits(text[loc[0]:loc[1]])
		kind, ok := g.classify(digits)
		if !ok {
			continue
		}
		if kind == NIK && mentionsKK(text[:loc[0]]) {
			kind = KK
		}
		out = append(out, Finding{Kind: kind, Text: text[loc[0]:loc[1]], Start: loc[0], End: loc[1]})
	}
	return out
}

// classify reports whether 16 digits are an NIK or KK: a region code
// (province, regency, kecamatan), a date (DDMMYY: for an NIK the holder's
// birth date, a woman's day plus 40; for a KK the date of issue) and a
// serial number that is not zero.
func (g *Guard) classify(d string) (Kind, bool) {
	if !g.region(d[:6]) || d[12:] == "0000" {
		return "", false
	}
	day, month := atoi(d[6:8]), atoi(d[8:10])
	if month < 1 || month > 12 {
		return "", false
	}
	switch {
	case day >= 1 && day <= daysIn(month):
		return NIK, true // a man's NIK or a KK: both are personal data
	case day >= 41 && day-40 <= daysIn(month):
		return NIK, true // a woman's NIK
	}
	return "", false
}

func (g *Guard) region(r string) bool {
	if !provinces[r[:2]] || r[2:4] == "00" || r[4:6] == "00" {
		return false
	}
	if g.regencies[r[:4]] {
		return g.districts[r]
	}
	return true
}

// daysIn is the most days month can have (29 for February: the year of an
// NIK's date has two digits only).
func daysIn(month int) int {
	switch month {
	case 2:
		return 29
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

var kkWords = regexp.MustCompile(`(?i)(\bkk\b|kartu\s+keluarga|no\.?\s*kk)[^0-9]{0,20}$`)

// mentionsKK reports whether the words just before a number call it a KK.
func mentionsKK(before string) bool {
	if len(before) > 40 {
		before = before[len(before)-40:]
	}
	return kkWords.MatchString(before)
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func onlyDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// ExposedIDs returns the NIK and KK numbers in a citizen's message: posted
// in a public comment, the office should offer to hide it.
func (g *Guard) ExposedIDs(text string) []Finding {
	return g.idNumbers(text)
}

// Check returns the personal data in reply that should not go out in
// public: any NIK or KK number, and phone numbers, e-mail addresses and
// street addresses that also appear in thread (the conversation's other
// messages). Findings are in the order they appear in reply.
func (g *Guard) Check(reply string, thread []string) []Finding {
	out := g.idNumbers(reply)
	joined := strings.Join(thread, "\n")
	threadPhones := map[string]bool{}
	for _, f := range phones(joined) {
		threadPhones[phoneKey(f.Text)] = true
	}
	for _, f := range phones(reply) {
		if threadPhones[phoneKey(f.Text)] && !overlaps(out, f) {
			out = append(out, f)
		}
	}
	threadEmails := map[string]bool{}
	for _, f := range emails(joined) {
		threadEmails[strings.ToLower(f.Text)] = true
	}
	for _, f := range emails(reply) {
		if threadEmails[strings.ToLower(f.Text)] {
			out = append(out, f)
		}
	}
	out = append(out, copiedAddresses(reply, joined)...)
	slices.SortFunc(out, func(a, b Finding) int { return a.Start - b.Start })
	return out
}

func overlaps(fs []Finding, f Finding) bool {
	for _, x := range fs {
		if f.Start < x.End && x.Start < f.End {
			return true
		}
	}
	return false
}

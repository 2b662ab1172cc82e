package pii

import (
	"regexp"
	"strings"
)

// mobile finds Indonesian mobile numbers: 08…, +62 8…, 62-8…, with spaces,
// dots or dashes between the digits.
var mobile = regexp.MustCompile(`(?:\+62|\b62|\b0)[ .\-]?8\d(?:[ .\-]?\d){6,10}\b`)

// email finds e-mail addresses.
var email = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)

func phones(text string) []Finding { return find(mobile, Phone, text) }
func emails(text string) []Finding { return find(email, Email, text) }
func find(re *regexp.Regexp, k Kind, text string) []Finding {
	var out []Finding
	for _, loc := range re.FindAllStringIndex(text, -1) {
		out = append(out, Finding{Kind: k, Text: text[loc[0]:loc[1]], Start: loc[0], End: loc[1]})
	}
	return out
}

// phoneKey is a number without its country or trunk prefix: "0812-3456
// 7890" and "+62 812 34567890" are one number.
func phoneKey(s string) string {
	d := onlyDigits(s)
	d = strings.TrimPrefix(d, "62")
	return strings.TrimPrefix(d, "0")
}

// Street addresses: a street, alley or housing estate with a house number,
// or an RT/RW (the neighbourhood units every Indonesian address has).
var (
	street = regexp.MustCompile(`(?i)\b(?:jl|jln|jalan|gg|gang|komp|komplek|kompleks|perum|perumahan|blok)\b\.?\s*[^\n,;:!?]{1,40}?\bno\b\.?\s*\d+[a-z]?\b`)
	rtrw   = regexp.MustCompile(`(?i)\brt\.?\s*0*(\d{1,3})\s*(?:/|,|\s)\s*(?:rw\.?\s*)?0*(\d{1,3})\b`)
	nonAln = regexp.MustCompile(`[^a-z0-9]+`)
)

// addresses returns the street addresses in text with a normalized key
// each, so a copy with other spacing or case still matches.
func addresses(text string) ([]Finding, []string) {
	var fs []Finding
	var keys []string
	for _, loc := range street.FindAllStringIndex(text, -1) {
		s := text[loc[0]:loc[1]]
		fs = append(fs, Finding{Kind: Address, Text: s, Start: loc[0], End: loc[1]})
		keys = append(keys, streetKey(s))
	}
	for _, m := range rtrw.FindAllStringSubmatchIndex(text, -1) {
		fs = append(fs, Finding{Kind: Address, Text: text[m[0]:m[1]], Start: m[0], End: m[1]})
		keys = append(keys, "rt "+strings.TrimLeft(text[m[2]:m[3]], "0")+" rw "+strings.TrimLeft(text[m[4]:m[5]], "0"))
	}
	return fs, keys
}

// streetKey folds case, punctuation and the street word's spelling.
func streetKey(s string) string {
	k := strings.TrimSpace(nonAln.ReplaceAllString(strings.ToLower(s), " "))
	for _, p := range []string{"jalan ", "jln ", "jl ", "gang ", "gg ", "kompleks ", "komplek ", "komp ", "perumahan ", "perum "} {
		if strings.HasPrefix(k, p) {
			return strings.TrimPrefix(k, p)
		}
	}
	return k
}

// copiedAddresses returns the addresses in reply that appear in thread.
func copiedAddresses(reply, thread string) []Finding {
	_, known := addresses(thread)
	if len(known) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, k := range known {
		seen[k] = true
	}
	fs, keys := addresses(reply)
	var out []Finding
	for i, f := range fs {
		if seen[keys[i]] {
			out = append(out, f)
		}
	}
	return out
}

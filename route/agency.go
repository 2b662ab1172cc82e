package route

import (
	"errors"
	"fmt"
	"strings"
)

// AgencyRule sends messages holding any of its keywords to an agency.
type AgencyRule struct {
	Agency   string   // as admins name it: "Disdukcapil", or an agency unit's code
	Keywords []string // matched as whole words, case, spaces and hyphens aside: "e-KTP" finds "ektp", "E KTP"
}

// DefaultAgencyRules are used when the config names none: the questions a
// regency's office hears most, each with the agency that answers it. Order
// is priority: the first rule with a keyword in the message wins.
var DefaultAgencyRules = []AgencyRule{
	{"Damkar", []string{"kebakaran", "damkar", "terbakar"}},
	{"BPBD", []string{"banjir", "longsor", "pohon tumbang", "gempa", "kekeringan", "angin kencang", "pengungsian", "siaga 1", "tumbang", "kebanjiran", "jebol"}},
	{"Disdukcapil", []string{"e-KTP", "KTP", "KTP-el", "kartu keluarga", "KK", "akta", "akta kelahiran", "KIA", "capil", "dukcapil", "disdukcapil", "surat pindah"}},
	{"Dinas Kesehatan", []string{"puskesmas", "posyandu", "BPJS", "DBD", "fogging", "stunting", "vaksin", "imunisasi", "bidan", "rumah sakit", "kesehatan", "dokter"}},
	{"Dinsos", []string{"bansos", "PKH", "DTKS", "BPNT", "bantuan sosial", "rumah tidak layak huni", "rutilahu", "beras gratis"}},
	{"Disdik", []string{"sekolah", "PPDB", "guru", "murid", "SD", "SMP", "guru honorer"}},
	{"PDAM", []string{"PDAM", "air bersih", "air mati", "sumur bor", "air sumur"}},
	{"DLH", []string{"sampah", "TPA", "TPPAS", "limbah", "tercemar", "debu pabrik", "debu tambang", "polusi"}},
	{"Dishub", []string{"macet", "angkot", "lampu jalan", "lampu merah", "parkir", "lalu lintas", "overload", "PJU", "kereta", "stasiun", "truk", "penerangan jalan"}},
	{"Satpol PP", []string{"PKL", "reklame", "satpol", "satpol pp"}},
	{"Dinas PUPR", []string{"jalan rusak", "jalannya rusak", "jalan berlubang", "berlubang", "jembatan", "drainase", "got", "aspal", "diaspal", "jalan ambles", "amblas", "ambles", "jalan putus", "rusak", "lubang", "dibetulin", "dibenerin", "diperbaiki"}},
}

// Agencies matches keyword rules. It is immutable.
type Agencies struct {
	rules []compiledRule
}

type compiledRule struct {
	agency string
	keys   map[string]bool // normalized keywords
	maxN   int
}

// NewAgencies checks and compiles rules; an empty agency or keyword is an
// error naming the rule.
func NewAgencies(rules []AgencyRule) (*Agencies, error) {
	a := &Agencies{}
	for i, r := range rules {
		if strings.TrimSpace(r.Agency) == "" {
			return nil, fmt.Errorf("agency rule %d has no agency", i+1)
		}
		if len(r.Keywords) == 0 {
			return nil, fmt.Errorf("agency rule %d (%s) has no keywords", i+1, r.Agency)
		}
		c := compiledRule{agency: strings.TrimSpace(r.Agency), keys: map[string]bool{}}
		for _, k := range r.Keywords {
			toks := tokenize(k)
			if len(toks) == 0 {
				return nil, fmt.Errorf("agency rule %d (%s) has an empty keyword", i+1, r.Agency)
			}
			var b strings.Builder
			for _, t := range toks {
				b.WriteString(t.norm)
			}
			c.keys[b.String()] = true
			c.maxN = max(c.maxN, len(toks))
		}
		a.rules = append(a.rules, c)
	}
	if len(a.rules) == 0 {
		return nil, errors.New("no agency rules")
	}
	return a, nil
}

// Match returns the agency of the first rule with a keyword in text, and the
// words that matched as written; "" when none.
func (a *Agencies) Match(text string) (agency, matched string) {
	if a == nil {
		return "", ""
	}
	toks := tokenize(text)
	for _, r := range a.rules {
		for i := range toks {
			var b strings.Builder
			// "e-KTP" written "ektp", "e ktp" or "E-KTP": the joined words
			// count, whatever number of them the keyword had.
			for n := 1; n <= r.maxN+1 && i+n <= len(toks); n++ {
				b.WriteString(toks[i+n-1].norm)
				if r.keys[b.String()] {
					return r.agency, text[toks[i].start:toks[i+n-1].end]
				}
			}
		}
	}
	return "", ""
}

package route

import (
	"slices"
	"strings"
	"testing"

	"sapa/units"
)

var bogor = NewMatcher(units.Default())

func TestMatchReadsHowCitizensWrite(t *testing.T) {
	cases := []struct {
		text, code, matched string
	}{
		{"air PDAM mati lagi di Bojong Gede", "32.01.13", "Bojong Gede"},        // spaced
		{"bojonggede banjir", "32.01.13", "bojonggede"},                         // joined
		{"Babakanmadang macet", "32.01.05", "Babakanmadang"},                    // joined, two words in the tree
		{"Gn. Putri macet total", "32.01.02", "Gn. Putri"},                      // abbreviated
		{"gn putri banjir", "32.01.02", "gn putri"},                             // abbreviated, no dot
		{"CITEUREUP BANJIR", "32.01.03", "CITEUREUP"},                           // case
		{"cibinnong banjir lagi nih min", "32.01.01", "cibinnong"},              // a letter added
		{"cilengsi macet parah", "32.01.07", "cilengsi"},                        // a letter dropped
		{"darmaga macet tiap sore", "32.01.30", "darmaga"},                      // two letters swapped
		{"ciampe'a ada pohon tumbang", "32.01.15", "ciampe'a"},                  // apostrophe
		{"gunung bunder 2 longsor", "32.01.17.2005", "gunung bunder 2"},         // roman numeral
		{"Kec. Cisarua macet horor", "32.01.25", "Cisarua"},                     // kec.
		{"Jalan di Desa Cijayanti rusak", "32.01.05.2001", "Cijayanti"},         // a desa
		{"kel. pakansari drainase mampet", "32.01.01.1007", "pakansari"},        // kel.
		{"ds. susukan sampah liar", "32.01.13.2003", "susukan"},                 // ds.
		{"Pabuaran Bojonggede banjir", "32.01.13.1007", "Pabuaran, Bojonggede"}, // shared desa, kecamatan after
		{"Pabuaran, Gunung Sindur, jalan berlubang", "32.01.11.2010", "Pabuaran, Gunung Sindur"},
		{"desa pabuaran kecamatan kemang posyandu", "32.01.12.2004", "pabuaran, kemang"},
		{"cibinong macet parah", "32.01.01", "cibinong"},               // kecamatan and desa: the kecamatan
		{"Kel. Cibinong minta pos ronda", "32.01.01.1006", "Cibinong"}, // unless kel. says otherwise
		{"desa cibinong gunung sindur jalan rusak", "32.01.11.2008", "cibinong, gunung sindur"},
		{"desa ciomas kec ciomas air bersih", "32.01.29.2005", "ciomas, ciomas"},
		{"ciomas tenjo banjir", "32.01.23.2002", "ciomas, tenjo"}, // a kecamatan's name, a desa of the other
		{"kecamatan jonggol butuh rumah sakit, jauh ke cibinong", "32.01.06", "jonggol"},
		{"bendungan jonggol jalannya rusak", "32.01.06.2010", "bendungan, jonggol"}, // a common word, with its kecamatan
		{"Desa Benteng ada jalan amblas", "32.01.15.2012", "Benteng"},               // a common word, with "desa"
	}
	for _, c := range cases {
		m := bogor.Match(c.text)
		if m.Unit.Code != c.code {
			t.Errorf("%q: got %q (%s), want %s", c.text, m.Unit.Code, m.Unit.Label(), c.code)
			continue
		}
		if got := strings.Join(m.Matched, ", "); got != c.matched {
			t.Errorf("%q: matched %q, want %q", c.text, got, c.matched)
		}
		if m.Outside || len(m.Candidates) > 0 {
			t.Errorf("%q: outside %v, candidates %d with a unit", c.text, m.Outside, len(m.Candidates))
		}
	}
}

func TestMatchWouldRatherNotGuess(t *testing.T) {
	cases := []struct {
		text       string
		candidates []string // the units an admin is offered
		outside    bool
	}{
		{"pabuaran jalannya rusak parah", []string{"32.01.01.1012", "32.01.09.2002", "32.01.11.2010", "32.01.12.2004", "32.01.13.1007"}, false},
		{"desa cisarua jalannya rusak", []string{"32.01.21.2003", "32.01.35.2001"}, false},
		{"jalan dari cibinong ke citeureup rusak", []string{"32.01.01", "32.01.03"}, false},
		{"Ciawi, Tasikmalaya jalannya rusak", nil, true},
		{"cisarua bandung barat longsor", nil, true},
		{"Kel. Bantarjati Kota Bogor got mampet", nil, true},
		{"tanah sareal banjir", nil, true},
		{"kemang jakarta selatan macet", nil, true},
		{"cimanggis depok sampah", nil, true},
		{"pak jonggol ketua RT kami sudah lapor", nil, false},
		{"@jonggol_official tolong cek dm", nil, false},
		{"kang cibinong bilang bansos udah cair", nil, false},
		{"bendungan jebol, sawah kebanjiran", nil, false},
		{"jalan tengah kampung rusak", nil, false},
		{"cimanggis banjir lagi", nil, false}, // better known as Depok's
		{"susunan acara pelantikan", nil, false},
		{"penghasilan tambahan 500rb/hari", nil, false},
		{"pengadilan negeri", nil, false},
		{"Pusdalops BPBD Kab. Sukamaju", nil, false}, // a regency of that name, not the desa
		{"halo min, syarat bikin e-KTP apa ya", nil, false},
	}
	for _, c := range cases {
		m := bogor.Match(c.text)
		if m.Found() {
			t.Errorf("%q: guessed %s (%s) from %q", c.text, m.Unit.Code, m.Unit.Label(), m.Matched)
			continue
		}
		var got []string
		for _, u := range m.Candidates {
			got = append(got, u.Code)
		}
		slices.Sort(got)
		if !slices.Equal(got, c.candidates) {
			t.Errorf("%q: candidates %v, want %v", c.text, got, c.candidates)
		}
		if m.Outside != c.outside {
			t.Errorf("%q: outside %v, want %v", c.text, m.Outside, c.outside)
		}
	}
}

func TestFuzzyGuessesOnlyOneName(t *testing.T) {
	g := bogor.g
	if n, ok := g.fuzzy("cijayati"); !ok || n != "cijayanti" {
		t.Errorf("cijayati: %q %v, want cijayanti", n, ok)
	}
	// "cibenteng" is one letter from Cibanteng (Ciampea) and from Cibentang
	// (Ciseeng): no guess.
	if n, ok := g.fuzzy("cibenteng"); ok {
		t.Errorf("cibenteng read as %q", n)
	}
	// "sentuh" is a word one letter from Sentul, and too short to guess.
	if _, ok := g.fuzzy("sentuh"); ok {
		t.Error("sentuh read as Sentul")
	}
}

func TestDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"cibinong", "cibinong", 0}, {"cibinnong", "cibinong", 1}, {"darmaga", "dramaga", 1},
		{"wanahareng", "wanaherang", 2}, {"abc", "xyz", 3},
	}
	for _, c := range cases {
		if got := distance(c.a, c.b, 5); got != c.want {
			t.Errorf("distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	if got := distance("abcdef", "uvwxyz", 1); got != 2 {
		t.Errorf("distance past the limit = %d, want limit+1", got)
	}
}

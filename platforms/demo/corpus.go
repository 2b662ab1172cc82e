package demo

import (
	"fmt"
	"strings"
)

// Message texts are templates with {slots}. A filler fills one conversation:
// place slots ({desa}, {kec}, {jalan}…) are chosen once and reused, so the
// citizen and the admin talk about the same village. A template that starts
// with "!" is shouted (upper case, as angry citizens do); one that starts with
// "en:" is English, and the conversation continues in English.

var (
	roads = []string{"Jl. Raya Bogor", "Jl. Raya Jakarta–Bogor", "Jl. Tegar Beriman", "Jl. Mayor Oking", "Jl. Raya Ciawi",
		"Jl. Raya Puncak", "Jl. Raya Parung", "Jl. Raya Cileungsi–Jonggol", "Jl. Raya Dramaga", "Jl. Raya Leuwiliang",
		"Jl. Raya Tajur Halang", "Jl. Raya Narogong", "Jl. Raya Jasinga", "Jl. Raya Bojonggede–Kemang", "Jl. Alternatif Sentul",
		"Jl. Raya Citeureup", "Jl. Raya Cigombong", "Jl. Raya Gunung Putri"}
	kampung = []string{"Kp. Cipeuteuy", "Kp. Babakan Sirna", "Kp. Legok Nyenang", "Kp. Pasir Ipis",
		"Kp. Bojong Loa", "Kp. Sawah Lega", "Kp. Cimuncang", "Kp. Leuwi Goong", "Kp. Ciheulang", "Kp. Pabuaran Sireum", "Kp. Cibogo"}
	schools = []string{"SDN Pakansari 01", "SDN Bendungan 02", "SMPN 1 Cibinong", "SMPN 1 Ciawi", "SMPN 2 Cileungsi",
		"SDN Cijayanti 03", "SMPN 1 Bojonggede", "SDN Karadenan 04", "SMPN 1 Leuwiliang", "SMPN 3 Citeureup"}
	clinics = []string{"Puskesmas Cibinong", "Puskesmas Ciawi", "Puskesmas Bojonggede", "Puskesmas Citeureup",
		"Puskesmas Cileungsi", "Puskesmas Leuwiliang", "Puskesmas Babakan Madang", "Puskesmas Parung"}
	markets  = []string{"Pasar Cibinong", "Pasar Ciawi", "Pasar Citeureup", "Pasar Parung", "Pasar Cileungsi", "depan Pasar Leuwiliang"}
	estates  = []string{"Perum Griya Bojong Indah", "Perum Puri Cibinong Asri", "Perum Taman Cileungsi Permai", "Perum Bukit Ciawi Residence"}
	days     = []string{"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}
	months   = []string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}
	emojis   = []string{"🙏", "🙏🙏", "😭", "😡", "🤬", "😩", "👍", "😅", "🙄", "!!", "...", "", "", "😢", "🔥"}
	calls    = []string{"min", "min", "kak", "pak", "admin", "mimin", "bu", "min"}
	linkHost = []string{"bit.ly/", "s.id/", "tinyurl.com/", "cutt.ly/"}
	casinos  = []string{"GACOR88", "MAXWIN77", "DEWAJP99", "SULTANSPIN", "KOIN303"}
)

// filler fills the templates of one conversation.
type filler struct {
	r        *rng
	memo     map[string]string
	first    string // the citizen's first name
	full     string // the citizen's full name
	office   string // the unit that answers, e.g. "Dinas PUPR"
	places   *places
	home     []village // where the account's citizens mostly live; nil: anywhere
	v        *village  // the conversation's village, once named
	official bool      // an admin is writing: official names
}

func newFiller(r *rng, first, full, office string, pl *places, home []village) *filler {
	return &filler{r: r, memo: map[string]string{}, first: first, full: full, office: office, places: pl, home: home}
}

// formal expands a template as an admin writes it: places by their
// official names.
func (f *filler) formal(t string) string {
	f.official = true
	defer func() { f.official = false }()
	return f.fill(t)
}

// clone returns a filler that keeps the conversation's chosen places but
// draws from r, for messages generated later (a live follow-up).
func (f *filler) clone(r *rng) *filler {
	g := &filler{r: r, memo: map[string]string{}, first: f.first, full: f.full, office: f.office, places: f.places, home: f.home, v: f.v}
	for k, v := range f.memo {
		g.memo[k] = v
	}
	return g
}

// isEnglish reports whether a template is English.
func isEnglish(t string) bool { return strings.HasPrefix(t, "en:") }

// fill expands one template.
func (f *filler) fill(t string) string {
	t = strings.TrimPrefix(t, "en:")
	shout := strings.HasPrefix(t, "!")
	t = strings.TrimPrefix(t, "!")
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			break
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			panic("demo: unclosed slot in template " + t)
		}
		b.WriteString(t[:i])
		b.WriteString(f.slot(t[i+1 : i+j]))
		t = t[i+j+1:]
	}
	s := b.String()
	for strings.Contains(s, "  ") { // an empty {emo} leaves no double space
		s = strings.ReplaceAll(s, "  ", " ")
	}
	s = strings.TrimSpace(s)
	if shout {
		s = strings.ToUpper(s)
	}
	return s
}

// memoSlots are chosen once per conversation.
var memoSlots = map[string]bool{"desa": true, "kec": true, "ds": true, "kkec": true, "jalan": true, "kp": true, "rt": true,
	"sekolah": true, "pkm": true, "pasar": true, "perum": true, "hari": true, "tgl": true, "n": true,
	"bln": true, "nik": true, "tiket": true, "hp": true, "link": true, "situs": true, "rp": true}

func (f *filler) slot(key string) string {
	if f.official {
		if v, ok := f.officialPlace(key); ok {
			return v
		}
	}
	if v, ok := f.memo[key]; ok {
		return v
	}
	v := f.draw(key)
	if memoSlots[key] {
		f.memo[key] = v
	}
	return v
}

func (f *filler) draw(key string) string {
	r := f.r
	switch key {
	case "desa":
		return written(r, f.village().name)
	case "kec":
		return written(r, f.village().kec)
	case "ds":
		v := f.village()
		return desaWord(r, *v) + written(r, v.name)
	case "kkec":
		return kecWord(r) + written(r, f.village().kec)
	case "jalan":
		return r.pick(roads)
	case "kp":
		return r.pick(kampung)
	case "rt":
		return fmt.Sprintf("RT %02d/RW %02d", r.between(1, 9), r.between(1, 14))
	case "sekolah":
		return r.pick(schools)
	case "pkm":
		return r.pick(clinics)
	case "pasar":
		return r.pick(markets)
	case "perum":
		return r.pick(estates)
	case "hari":
		return r.pick(days)
	case "tgl":
		return fmt.Sprintf("%d %s", r.between(1, 28), r.pick(months))
	case "n":
		return fmt.Sprint(r.between(2, 6))
	case "bln":
		return fmt.Sprint(r.between(2, 8))
	case "jam":
		return fmt.Sprint(r.between(7, 16))
	case "nik":
		return fmt.Sprintf("3202%s%sxxxx%s", r.digits(2), r.digits(2), r.digits(4))
	case "tiket":
		return fmt.Sprintf("SKM-%s", r.digits(5))
	case "hp":
		return fmt.Sprintf("08%s-%s-%s", r.pick([]string{"12", "13", "21", "52", "57", "77", "95", "31"}), r.digits(4), r.digits(4))
	case "link":
		return "https://" + r.pick(linkHost) + r.alnum(r.between(5, 8), "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
	case "situs":
		return r.pick(casinos)
	case "rp":
		return r.pick([]string{"50rb", "100rb", "150rb", "200rb", "300rb", "500rb"})
	case "emo":
		return r.pick(emojis)
	case "sapa":
		return r.pick(calls)
	case "nama":
		return f.first
	case "namalengkap":
		return f.full
	case "office":
		return f.office
	case "warga":
		return r.pick(firstNames)
	}
	panic("demo: unknown slot {" + key + "}")
}

// village is the conversation's village, chosen when first named: mostly
// one of the account's own when it belongs to a kecamatan or desa.
func (f *filler) village() *village {
	if f.v == nil {
		vs := f.places.villages
		if len(f.home) > 0 && f.r.chance(0.85) {
			vs = f.home
		}
		v := vs[f.r.intn(len(vs))]
		f.v = &v
	}
	return f.v
}

// officialPlace is a place slot as an admin writes it.
func (f *filler) officialPlace(key string) (string, bool) {
	switch key {
	case "desa":
		return f.village().name, true
	case "kec":
		return f.village().kec, true
	case "ds":
		return f.village().label(), true
	case "kkec":
		return "Kecamatan " + f.village().kec, true
	}
	return "", false
}

// Replies and answers that fit any topic.
var (
	// nags: the citizen writes again before anyone answered.
	nags = []string{"{sapa}??", "halo {sapa} 😩 kok gak dibales2", "up {sapa} 🙏", "!{sapa} tolong dibales",
		"{sapa}, gmn kelanjutannya? 🙏", "punten {sapa}, aya waleran? 🙏", "sy tunggu dr kmrn {sapa} 😩",
		"ping {sapa} 🙏", "adminnya lg libur ya? 😅", "Mohon tanggapannya 🙏", "dibaca doang nih? {emo}",
		"😭 {sapa} tlg dijawab, penting bgt ini", "!udah {n} hari gak ada jawaban 😡"}
	// chimes: another citizen joins a public comment thread.
	chimes = []string{"sama {sapa}, di {desa} jg gt {emo}", "bener bgt, tolong lah pak bupati", "up biar dibaca admin",
		"ikut nyimak {sapa}", "wkwkwk paling gak dibales", "setuju!! 👍", "di tmpt sy mah lebih parah {emo}",
		"ieu leres pisan, tos lami teu aya perbaikan", "tolong diperhatikan pak, kasian warga",
		"kmrn sy jg ngalamin {sapa}"}
	// answers: the citizen answers an admin's reply.
	answers = []string{"oke {sapa} makasih 🙏", "siap {sapa} 👍", "hatur nuhun 🙏", "matur nuwun {sapa}", "sip, ditunggu",
		"ok", "makasih infonya kak", "👍", "terima kasih pak", "wah cepet jg responnya, mantap",
		"jgn cuma janji ya {sapa} 😅", "oh gitu, baru tau sy. nuhun", "tp kmrn sy kesana katanya blm bisa {sapa}",
		"baik, sy coba dulu ya", "udh sy DM ya {sapa}"}
	// adminMore: an admin writes again in the same conversation.
	adminMore = []string{"Sama-sama, Kak {nama}. Semoga membantu 🙏",
		"Baik Kak, akan kami pantau terus. Terima kasih sudah melapor.",
		"Mohon maaf atas keterlambatannya, Kak. Kami sudah konfirmasi ulang ke {office}; petugas dijadwalkan ke lokasi hari {hari}.",
		"Terima kasih atas kesabarannya. Perkembangan terbaru akan kami sampaikan di sini.",
		"Baik, datanya sudah kami terima. Mohon ditunggu ya Kak.",
		"Untuk data pribadi (NIK, nomor HP) mohon kirim lewat pesan pribadi, jangan di kolom komentar ya Kak 🙏",
		"Sudah kami teruskan kembali ke {office} dengan nomor tiket {tiket}, Kak."}
	enNags    = []string{"Hello? Any update on this?", "Hi, just following up on my message.", "Anyone there? 🙏"}
	enAnswers = []string{"Thanks a lot!", "Appreciate the quick reply 🙏", "Great, thank you.", "Ok, I'll try that. Thanks!",
		"Thanks, but the office told me something different yesterday."}
	enReplies = []string{"Hello {nama}, thank you for reaching out. We have forwarded your message to {office} and will get back to you shortly.",
		"Hi {nama}, thanks for the report. Our team at {office} will follow up; you can also call our hotline (0251) 555-0112 on weekdays.",
		"Thank you for your message. Services at the Mal Pelayanan Publik are open Monday–Friday 08:00–15:00 and Saturday 08:00–12:00."}
	enMore = []string{"You're welcome, {nama}. Have a nice day!", "We have asked {office} to check again. Sorry for the wait."}
)

// tagged splits "0,2|text" into its indices and text. Without such a prefix
// it returns no indices.
func tagged(s string) ([]int, string) {
	i := strings.IndexByte(s, '|')
	if i <= 0 || strings.Trim(s[:i], "0123456789,") != "" {
		return nil, s
	}
	var idx []int
	for _, f := range strings.Split(s[:i], ",") {
		n := 0
		for _, c := range f {
			n = n*10 + int(c-'0')
		}
		idx = append(idx, n)
	}
	return idx, s[i+1:]
}

// pickTagged picks a template that fits reply want: tagged with it, or not
// tagged at all. ok is false when none fits.
func pickTagged(r *rng, xs []string, want int) (string, bool) {
	var fit []string
	for _, x := range xs {
		idx, text := tagged(x)
		if idx == nil {
			fit = append(fit, text)
		}
		for _, i := range idx {
			if i == want {
				fit = append(fit, text)
			}
		}
	}
	if len(fit) == 0 {
		return "", false
	}
	return r.pick(fit), true
}

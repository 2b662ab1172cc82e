package synth

import (
	"math"
	"strings"

	"sapa/inbox"
)

// Long emails. Real email bodies are kilobytes, not a line: a letter with
// a formal greeting, several paragraphs, an HTML newsletter or form turned
// to text (image placeholders, numbered link references, table rows), a
// signature and a disclaimer, and every reply quoting the message before
// it. They are what makes the full-text index and the per-conversation word
// lists large, so the search benchmarks must run with them.
const (
	// LongEmailShare of the email conversations are long emails: a quarter
	// of the 8 % of conversations that are email, so 2 % of all.
	LongEmailShare = 0.25
	longEmailMin   = 5 << 10  // smallest body, bytes
	longEmailMax   = 50 << 10 // largest body, bytes
)

// isLongEmail reports whether conversation i, of platform pl, is a long
// email thread. It draws from its own stream, so the other conversations
// are the same as in a store built without long emails.
func (g *generator) isLongEmail(i int, pl inbox.Platform) bool {
	return pl == inbox.Email && !g.isLong(i) && newRNG(g.seed, 3, i).chance(LongEmailShare)
}

// lengthen turns the messages of a long email thread into long emails: each
// gets a body of 5–50 KB (log-uniform), made of its own short text, fresh
// paragraphs and, from the second message on, the previous message quoted.
func (g *generator) lengthen(i int, items []inbox.Inbound) {
	r := newRNG(g.seed, 4, i)
	f := &filler{r: r, memo: map[string]string{}, name: strings.Fields(items[0].Message.Author.Name + " Warga")[0]}
	prev := ""
	for k := range items {
		m := &items[k].Message
		size := int(float64(longEmailMin) * math.Pow(float64(longEmailMax)/longEmailMin, r.float()))
		var b strings.Builder
		b.Grow(size + 256)
		if m.Direction == inbox.Out {
			b.WriteString("Yth. Bapak/Ibu " + m.Author.Name + ",\n\n")
		} else {
			b.WriteString("Yth. Admin Pemerintah Kabupaten Sukamaju,\n\n")
		}
		b.WriteString(m.Text + "\n\n")
		own := size
		if prev != "" {
			own = size / 3 // the rest is the quote
		}
		for b.Len() < own {
			paragraph(&b, r, f)
		}
		signature(&b, r, m)
		if prev != "" {
			b.WriteString("\nPada " + r.pick(days) + ", " + itoa(r.between(1, 28)) + " " +
				r.pick(months) + " 2026 pukul " + itoa(r.between(7, 21)) + "." + r.digits(2) + ", " +
				items[k-1].Message.Author.Name + " menulis:\n")
			quote(&b, prev, size)
		}
		m.Text = strings.TrimRight(b.String(), "\n")
		prev = m.Text
	}
}

var months = []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
	"September", "Oktober", "November", "Desember"}

// paragraph writes one block of an email: prose mostly, sometimes what an
// HTML mail looks like once turned to text.
func paragraph(b *strings.Builder, r *rng, f *filler) {
	tp := &topics[r.weighted(topicWeights, sum(topicWeights))]
	switch x := r.intn(10); {
	case x < 6: // prose: a few sentences
		for n := r.between(2, 6); n > 0; n-- {
			s := f.fill(r.pick(append(append([]string{}, tp.opens...), tp.follows...)))
			b.WriteString(s + f.tail() + ". ")
		}
		b.WriteString("\n\n")
	case x < 7: // a numbered list
		for n := 1; n <= r.between(3, 7); n++ {
			b.WriteString(itoa(n) + ". " + f.fill(r.pick(tp.replies)) + "\n")
		}
		b.WriteString("\n")
	case x < 8: // a table turned to text
		b.WriteString("| No | Nama | Desa | Keterangan |\n|----|------|------|------------|\n")
		for n := 1; n <= r.between(3, 12); n++ {
			b.WriteString("| " + itoa(n) + " | " + r.pick(firstNames) + " " + r.pick(lastNames) + " | " +
				r.pick(desa) + " | " + r.zipf(everyday) + " " + r.zipf(everyday) + " |\n")
		}
		b.WriteString("\n")
	case x < 9: // images and links of an HTML newsletter
		b.WriteString("[image: " + r.pick(desa) + "-" + r.digits(3) + ".jpg]\n\n*" + f.fill(tp.subject) + "*\n\n")
		for n := 1; n <= r.between(2, 5); n++ {
			b.WriteString("[" + itoa(n) + "] https://sukamajukab.go.id/" + tp.key + "/" + r.alnum(8, "abcdefghijkmnopqrstuvwxyz23456789") + "\n")
		}
		b.WriteString("\n")
	default: // a forwarded notice
		b.WriteString("---------- Pesan terusan ----------\nDari: " + r.pick(admins) + "@sukamajukab.go.id\nPerihal: " +
			f.fill(tp.subject) + "\n\n" + f.fill(r.pick(tp.replies)) + f.tail() + "\n\n")
	}
}

// signature ends an email as people and offices do.
func signature(b *strings.Builder, r *rng, m *inbox.Message) {
	if m.Direction == inbox.Out {
		b.WriteString("\nHormat kami,\nPemerintah Kabupaten Sukamaju\nJl. Raya Cibadak No. " + itoa(r.between(1, 200)) +
			"\n\nEmail ini beserta lampirannya ditujukan hanya untuk penerima yang dituju. Jika Anda bukan penerima " +
			"yang dimaksud, mohon hapus email ini dan beri tahu pengirim.\n")
		return
	}
	b.WriteString("\nTerima kasih,\n" + m.Author.Name + "\n" + m.Author.Handle + "\n\nDikirim dari " +
		r.pick([]string{"Yahoo Mail di Android", "iPhone saya", "Outlook untuk Android", "perangkat seluler saya"}) + "\n")
}

// quote appends prev with every line prefixed by "> ", until b holds size bytes.
func quote(b *strings.Builder, prev string, size int) {
	for line := range strings.SplitSeq(prev, "\n") {
		if b.Len() >= size {
			return
		}
		if line == "" || line[0] == '>' {
			b.WriteString(">" + line + "\n")
		} else {
			b.WriteString("> " + line + "\n")
		}
	}
}

package inbox

import (
	"strings"
	"testing"
)

func TestLength(t *testing.T) {
	cases := []struct {
		c    Counting
		text string
		want int
	}{
		{CountRunes, "Halo Pak", 8},
		{CountRunes, "ありがとう", 5},
		{CountUTF16, "😡", 2},
		{CountUTF16, "jalan", 5},
		{CountXWeighted, "jalan rusak", 11},
		{CountXWeighted, "ありがとう", 10},
		{CountXWeighted, "👨‍👩‍👧", 2},
		{CountXWeighted, "👍🏽", 2},
		{CountXWeighted, "🇮🇩", 2},
		{CountXWeighted, "❤️", 2},
		{CountXWeighted, "e\u0301", 1},
		{CountXWeighted, "lihat https://jabarprov.go.id/berita/panjang-sekali-alamatnya", 6 + 23},
		{CountXWeighted, "HTTPS://example.com/a", 23},
	}
	for _, tc := range cases {
		if got := Length(tc.c, tc.text); got != tc.want {
			t.Errorf("Length(%s, %q) = %d, want %d", tc.c, tc.text, got, tc.want)
		}
	}
}

func TestMastodonLengthCountsAsTheInstance(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"halo", 4},
		{"@budi@desa.social halo", len("@budi halo")},
		{"@budi halo", len("@budi halo")},
		{"email budi@desa.social", len("email budi@desa.social")}, // not a mention
		{"lihat https://bogorkab.go.id/berita/2026/03/jalan-rusak-cibeureum-diperbaiki ya", len("lihat  ya") + 23},
		{"👨‍👩‍👧 ok", 4}, // one grapheme, a space, two letters
	} {
		if got := Length(CountMastodon, tc.text); got != tc.want {
			t.Errorf("Length(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

func TestReplyLengthCountsTheAddedMention(t *testing.T) {
	caps := Capabilities{MaxLength: 500, Counting: CountMastodon, MentionsAuthor: true}
	text := strings.Repeat("a", 490)
	// "@warga@desa.social " counts as "@warga " (7): 497 fits.
	if got := caps.ReplyLength(text, "@warga@desa.social"); got != 497 {
		t.Fatalf("ReplyLength = %d, want 497", got)
	}
	// A local handle longer than the room left does not fit.
	if got := caps.ReplyLength(text, "pengaduan_warga_cibinong"); got <= 500 {
		t.Fatalf("ReplyLength = %d, want over 500", got)
	}
	// Text that already starts with the mention is not mentioned twice.
	if got := caps.ReplyLength("@warga@desa.social halo", "warga@desa.social"); got != len("@warga halo") {
		t.Fatalf("ReplyLength = %d", got)
	}
}

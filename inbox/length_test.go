package inbox

import "testing"

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

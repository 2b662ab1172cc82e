package inbox

import (
	"regexp"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// urlPattern finds links, which X counts as 23 characters whatever their length.
var urlPattern = regexp.MustCompile(`(?i)https?://[^\s]+`)

// xURLWeight is the weighted length X gives every link (t.co wrapping).
const xURLWeight = 23

// Length measures text the way a platform with the given counting rule does.
func Length(c Counting, text string) int {
	switch c {
	case CountUTF16:
		return len(utf16.Encode([]rune(text)))
	case CountXWeighted:
		return xWeighted(text)
	default:
		return utf8.RuneCountInString(text)
	}
}

// xWeighted follows twitter-text v3: the text is NFC-normalised; an emoji
// sequence (ZWJ families, flags, skin tones) weighs two whatever its length;
// other code points in the light ranges weigh one and the rest two; links
// weigh 23. Links without a scheme are not recognised, so such text may be
// counted a little short.
func xWeighted(text string) int {
	n := 0
	rest := urlPattern.ReplaceAllStringFunc(norm.NFC.String(text), func(string) string {
		n += xURLWeight
		return ""
	})
	g := uniseg.NewGraphemes(rest)
	for g.Next() {
		runes := g.Runes()
		if isEmojiCluster(runes) {
			n += 2
			continue
		}
		for _, r := range runes {
			n += xRuneWeight(r)
		}
	}
	return n
}

// isEmojiCluster reports whether a grapheme cluster is an emoji sequence.
func isEmojiCluster(runes []rune) bool {
	for _, r := range runes {
		switch {
		case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x1F1E6 && r <= 0x1F1FF:
			return true
		case r == 0xFE0F && len(runes) > 1:
			return true
		}
	}
	return false
}

func xRuneWeight(r rune) int {
	switch {
	case r <= 4351, r >= 8192 && r <= 8205, r >= 8208 && r <= 8223, r >= 8242 && r <= 8247:
		return 1
	}
	return 2
}

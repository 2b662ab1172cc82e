package inbox

import (
	"regexp"
	"unicode/utf16"
	"unicode/utf8"
)

// urlPattern finds links, which X counts as 23 characters whatever their length.
var urlPattern = regexp.MustCompile(`https?://[^\s]+`)

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

// xWeighted follows twitter-text v3: code points in the light ranges weigh
// one, every other code point (CJK, emoji) weighs two, and links weigh 23.
func xWeighted(text string) int {
	n := 0
	rest := urlPattern.ReplaceAllStringFunc(text, func(string) string {
		n += xURLWeight
		return ""
	})
	for _, r := range rest {
		n += xRuneWeight(r)
	}
	return n
}

func xRuneWeight(r rune) int {
	switch {
	case r <= 4351, r >= 8192 && r <= 8205, r >= 8208 && r <= 8223, r >= 8242 && r <= 8247:
		return 1
	}
	return 2
}

package inbox

import (
	"regexp"
	"strings"
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
	case CountMastodon:
		return mastodonLength(text)
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

// mastodonMention finds a mention the way Mastodon's extractor does: "@"
// not preceded by a word character, "=" or "/", the username, and an
// optional "@domain".
var mastodonMention = regexp.MustCompile(`(?i)(^|[^\p{L}\p{N}_=/])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(@[\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*)?`)

// mastodonURLWeight is what Mastodon counts for any link.
const mastodonURLWeight = 23

// mastodonLength follows Mastodon's StatusLengthValidator: every link
// counts 23, a mention of a remote account counts only its local part
// ("@budi@desa.social" counts as "@budi"), and the rest is counted in
// grapheme clusters.
func mastodonLength(text string) int {
	n := 0
	rest := urlPattern.ReplaceAllStringFunc(text, func(string) string {
		n += mastodonURLWeight
		return ""
	})
	rest = mastodonMention.ReplaceAllString(rest, "$1@$2")
	return n + uniseg.GraphemeClusterCount(rest)
}

// ReplyLength is the length of text as the platform will count the reply:
// with the "@handle " the connector puts in front when MentionsAuthor
// (handle is the author answered), by Counting.
func (c Capabilities) ReplyLength(text, handle string) int {
	if c.MentionsAuthor {
		text = WithMention(handle, text)
	}
	return Length(c.Counting, text)
}

// WithMention puts "@handle " in front of text unless text already starts
// with that mention. handle may carry its "@" or not; empty changes nothing.
func WithMention(handle, text string) string {
	handle = strings.TrimPrefix(handle, "@")
	if handle == "" {
		return text
	}
	m := "@" + handle
	if f := strings.Fields(text); len(f) > 0 && strings.EqualFold(f[0], m) {
		return text
	}
	return m + " " + text
}

package mastodon

import (
	"strings"

	"golang.org/x/net/html"
)

// htmlToText turns a status' HTML content into the plain text its author
// typed: tags are dropped, entities decoded, <br> becomes a line break and
// paragraphs are separated by a blank line. Mastodon hides parts of long
// links in "invisible" spans; their text is kept so links come out whole.
func htmlToText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	// pending is the break owed before the next text: block elements only
	// separate content, they never lead or trail it.
	pending := ""
	need := func(brk string) {
		if b.Len() > 0 && len(brk) > len(pending) {
			pending = brk
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// io.EOF, or a truncated tag: either way keep what was read.
			return b.String()
		case html.TextToken:
			t := string(z.Text())
			if t == "" {
				continue
			}
			b.WriteString(pending)
			pending = ""
			b.WriteString(t)
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "br":
				if tt != html.EndTagToken {
					// A line break is content: it may lead or repeat.
					b.WriteString(pending)
					pending = ""
					b.WriteString("\n")
				}
			case "p", "blockquote", "pre", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6":
				need("\n\n")
			case "li", "div":
				need("\n")
			}
		}
	}
}

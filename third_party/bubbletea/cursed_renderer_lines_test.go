package tea

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// A frame redrawn line by line (only the lines whose text changed) writes
// exactly what the same frame drawn whole writes, whatever the frames: rows
// moving, a selection moving, the list scrolling, styles left open, wide and
// zero-width characters, a resize.
func TestCursedRenderer_changedLinesOnly(t *testing.T) {
	t.Parallel()
	row := func(i, sel int, text string) string {
		s := fmt.Sprintf(" %02d \x1b[1m%s\x1b[m %s", i, "Warga", text)
		if i == sel {
			return "\x1b[7m" + fmt.Sprintf(" %02d Warga %s", i, text) + "\x1b[m"
		}
		return s
	}
	list := func(top, sel int, extra string) string {
		var rows []string
		for i := top; i < top+8; i++ {
			rows = append(rows, row(i, sel, "jalan rusak"+extra))
		}
		return strings.Join(rows, "\n") + "\n\x1b[90m status\x1b[m"
	}
	frames := []string{
		list(0, 0, ""),
		list(0, 1, ""),
		list(0, 2, ""),
		list(0, 2, "!"),
		list(1, 2, ""),        // scrolled by one row
		list(1, 2, "\x1b[4m"), // every row leaves underline open for the next
		list(1, 3, ""),        // and the frame after it
		strings.Replace(list(1, 3, ""), " 05", "\u0301 05", 1), // a line starting with a combining mark
		list(1, 3, ""),
		strings.Replace(list(1, 4, ""), "jalan", "🙏 jalan", 2), // wide characters
		list(1, 4, ""),
		"\x1b]8;;http://x\x07link\x1b]8;;\x07\n" + list(1, 4, ""), // a hyperlink
		list(1, 5, ""),
	}
	run := func(whole bool, w, h int, frames []string) []string {
		var out bytes.Buffer
		r := newCursedRenderer(&out, []string{"TERM=xterm-256color"}, w, h)
		var got []string
		for _, f := range frames {
			out.Reset()
			if whole {
				r.lastLines = nil
			}
			v := NewView(f)
			v.AltScreen = true
			r.render(v)
			if err := r.flush(false); err != nil {
				t.Fatal(err)
			}
			got = append(got, out.String())
		}
		return got
	}
	for _, size := range [][2]int{{40, 9}, {30, 12}} {
		whole, lines := run(true, size[0], size[1], frames), run(false, size[0], size[1], frames)
		for i := range frames {
			if whole[i] != lines[i] {
				t.Errorf("%dx%d frame %d: drawn by lines wrote\n%q\nwhole it writes\n%q", size[0], size[1], i, lines[i], whole[i])
			}
		}
	}
	// The frames that qualify are drawn by lines.
	var out bytes.Buffer
	r := newCursedRenderer(&out, []string{"TERM=xterm-256color"}, 40, 9)
	for _, f := range frames[:2] {
		v := NewView(f)
		v.AltScreen = true
		r.render(v)
		if err := r.flush(false); err != nil {
			t.Fatal(err)
		}
	}
	if r.lastLines == nil {
		t.Error("a frame of SGR-styled lines was not kept by lines")
	}
}

func TestSeparableLine(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{
		"":                           true,
		"plain":                      true,
		"\x1b[1mbold\x1b[m after":    true,
		"\x1b[7mrow\x1b[0m":          true,
		"\x1b[1mopen":                false,
		"\x1b[1mx\x1b[m\x1b[31m":     false,
		"\x1b]8;;u\x07l\x1b]8;;\x07": false,
		"tab\there":                  false,
		"\u0301mark":                 false,
		"\x1b[1m\u0301mark\x1b[m":    false,
		"mark\u0301":                 true,
		"🙏 ok":                       true,
		"c1 \u009b31m":               false,
		"bad \xff utf8":              false,
		"cr\r":                       false,
	} {
		if got := separableLine(in); got != want {
			t.Errorf("separableLine(%q) = %v, want %v", in, got, want)
		}
	}
}

// A line equal to the frame before's qualifies as it did; a changed line is
// looked at again, and one that does not qualify still makes the frame
// draw whole.
func TestSeparableLinesAfterLastFrame(t *testing.T) {
	last := separableLines("a \x1b[1mb\x1b[m\nc", nil)
	if len(last) != 2 {
		t.Fatalf("lines of the first frame: %q", last)
	}
	if got := separableLines("a \x1b[1mb\x1b[m\nd", last); len(got) != 2 || got[1] != "d" {
		t.Fatalf("a changed line that qualifies: %q", got)
	}
	if got := separableLines("a \x1b[1mb\x1b[m\n\x1b[1md", last); got != nil {
		t.Fatalf("a changed line leaving its style open qualified: %q", got)
	}
	if got := separableLines("a \x1b[1mb\x1b[m\nc\n\x1b]8;;x\x07e", last); got != nil {
		t.Fatalf("a new line with a hyperlink qualified: %q", got)
	}
}

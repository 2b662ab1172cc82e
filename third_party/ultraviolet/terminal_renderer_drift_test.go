package uv

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"
)

// frames renders each frame the way bubbletea does (clear the buffer, draw
// the whole view, so every row is touched) and returns what each wrote.
func frames(t *testing.T, grapheme bool, width, height int, views ...string) []string {
	t.Helper()
	var buf bytes.Buffer
	r := NewTerminalRenderer(&buf, []string{"TERM=xterm-256color"})
	r.SetFullscreen(true)
	r.SetGraphemeWidth(grapheme)
	r.Resize(width, height)
	scr := NewScreenBuffer(width, height)
	var out []string
	for _, v := range views {
		buf.Reset()
		scr.Clear()
		NewStyledString(v).Draw(scr, scr.Bounds())
		r.Render(scr.RenderBuffer)
		if err := r.Flush(); err != nil {
			t.Fatal(err)
		}
		out = append(out, buf.String())
	}
	return out
}

// A row holding a wide character that did not change costs nothing when
// another row changes: typing next to a line with an emoji writes the typed
// character, not the emoji's line.
func TestRendererLeavesUnchangedWideRowAlone(t *testing.T) {
	for _, grapheme := range []bool{false, true} {
		out := frames(t, grapheme, 20, 3,
			"hatur nuhun 🙏 pak\nbalas: a\n",
			"hatur nuhun 🙏 pak\nbalas: ab\n")
		if strings.Contains(out[1], "hatur") || strings.Contains(out[1], "🙏") {
			t.Errorf("grapheme %v: unchanged wide row was rewritten: %q", grapheme, out[1])
		}
		if !strings.Contains(out[1], "b") || len(out[1]) > 8 {
			t.Errorf("grapheme %v: typing one character wrote %q", grapheme, out[1])
		}
	}
}

// A change left of the first wide cell is written in place: the terminal has
// every narrow cell before it where the model says.
func TestRendererPatchesLeftOfWideCell(t *testing.T) {
	out := frames(t, false, 20, 2,
		"  TG warga 🙏 ok\n> FB lain\n",
		"> TG warga 🙏 ok\n  FB lain\n")
	if strings.Contains(out[1], "warga") || strings.Contains(out[1], "🙏") {
		t.Errorf("the marker move rewrote the wide row: %q", out[1])
	}
	if strings.Count(out[1], ">") != 1 || len(out[1]) > 16 {
		t.Errorf("the marker move wrote %q", out[1])
	}
}

// A change right of a cell the width models measure differently repaints
// from that cell, with autowrap off and a re-anchor after, and leaves the
// narrow cells before it.
func TestRendererRepaintsFromWideCell(t *testing.T) {
	out := frames(t, false, 20, 1,
		"warga \u2764\ufe0f ok",
		"warga \u2764\ufe0f no")
	if strings.Contains(out[1], "warga") {
		t.Errorf("the narrow cells before the drift cell were rewritten: %q", out[1])
	}
	for _, want := range []string{"\u2764\ufe0f no", "\x1b[?7l", "\x1b[?7h", "\x1b[K"} {
		if !strings.Contains(out[1], want) {
			t.Errorf("repaint from the wide cell lacks %q: %q", want, out[1])
		}
	}
	// Changed before the wide cell and after it: from the first change.
	out = frames(t, false, 20, 1,
		"warga 世界 ok",
		"wargi 世界 no")
	if !strings.Contains(out[1], "i 世界 no") || strings.Contains(out[1], "warg") {
		t.Errorf("repaint from the first change: %q", out[1])
	}
}

// A change right of every wide cell of a row, each one every width model
// measures alike (an emoji, CJK), is written in place: typing a reply in the
// pane beside a list row holding 🙏 writes the typed character only.
func TestRendererPatchesRightOfAgreedWideCells(t *testing.T) {
	for _, grapheme := range []bool{false, true} {
		out := frames(t, grapheme, 30, 1,
			"warga 🙏 世界 | balas: a",
			"warga 🙏 世界 | balas: ab")
		if strings.Contains(out[1], "🙏") || strings.Contains(out[1], "世") || strings.Contains(out[1], "\x1b[K") {
			t.Errorf("grapheme %v: the row was repainted: %q", grapheme, out[1])
		}
		if !strings.Contains(out[1], "b") || len(out[1]) > 8 {
			t.Errorf("grapheme %v: typing one character wrote %q", grapheme, out[1])
		}
	}
}

// What the screen shows after any of these frames is what the frame says.
func TestRendererWidePatchesKeepScreenRight(t *testing.T) {
	views := []string{
		"  TG warga 🙏 ok\n> FB lain 世\n",
		"> TG warga 🙏 ok\n  FB lain 世\n",
		"> TG warga 🙏 okay\n  FB lain\n",
		"> TG wargi 🙏 okay\n  FB 世 lain\n",
		"> TG wargi 🙏 okey\n  FB 世 lain!\n",
		"> TG wargi 🙏 ok\n  FB 世界 lain!\n",
		"x\n\n",
	}
	out := frames(t, false, 20, 2, views...)
	term := newTestEmulator(20, 2)
	for i, o := range out {
		term.write(o)
		want := strings.Split(strings.TrimSuffix(views[i], "\n"), "\n")
		for y := range want {
			if got := term.row(y); got != want[y] {
				t.Errorf("frame %d row %d: screen %q, want %q (output %q)", i, y, got, want[y], o)
			}
		}
	}
}

// testEmulator is just enough of a terminal to check what the renderer's
// output leaves on screen: text (wide characters two columns, as the model
// measures them), cursor moves, erases and the autowrap mode.
type testEmulator struct {
	w, h   int
	cells  [][]string
	x, y   int
	nowrap bool
}

func newTestEmulator(w, h int) *testEmulator {
	e := &testEmulator{w: w, h: h}
	e.clear()
	return e
}

func (e *testEmulator) clear() {
	e.cells = make([][]string, e.h)
	for y := range e.cells {
		e.cells[y] = make([]string, e.w)
		for x := range e.cells[y] {
			e.cells[y][x] = " "
		}
	}
}

func (e *testEmulator) row(y int) string {
	var b strings.Builder
	for _, c := range e.cells[y] {
		b.WriteString(c)
	}
	return strings.TrimRight(b.String(), " ")
}

func (e *testEmulator) write(s string) {
	for len(s) > 0 {
		switch {
		case s[0] == '\r':
			e.x, s = 0, s[1:]
		case s[0] == '\n':
			e.y, s = min(e.y+1, e.h-1), s[1:]
		case s[0] == '\b':
			e.x, s = max(e.x-1, 0), s[1:]
		case strings.HasPrefix(s, "\x1b["):
			i := 2
			for i < len(s) && (s[i] < 0x40 || s[i] > 0x7e) {
				i++
			}
			e.csi(s[2:i], s[i])
			s = s[i+1:]
		case s[0] == 0x1b:
			panic("unexpected escape " + s)
		default:
			g, rest := firstGrapheme(s)
			e.put(g)
			s = rest
		}
	}
}

// firstGrapheme splits off the first grapheme cluster of s.
func firstGrapheme(s string) (string, string) {
	g, _, _, _ := uniseg.FirstGraphemeClusterInString(s, -1)
	return g, s[len(g):]
}

func (e *testEmulator) put(g string) {
	w := max(ansi.StringWidth(g), 1)
	if e.x+w > e.w {
		if e.nowrap {
			e.x = e.w - w
		} else {
			e.x, e.y = 0, min(e.y+1, e.h-1)
		}
	}
	e.cells[e.y][e.x] = g
	for k := 1; k < w; k++ {
		e.cells[e.y][e.x+k] = ""
	}
	e.x = min(e.x+w, e.w)
	if e.x == e.w && e.nowrap {
		e.x = e.w - 1
	}
}

func (e *testEmulator) csi(params string, final byte) {
	n := func(i, def int) int {
		ps := strings.Split(strings.TrimPrefix(params, "?"), ";")
		if i >= len(ps) || ps[i] == "" {
			return def
		}
		v := 0
		for _, c := range ps[i] {
			v = v*10 + int(c-'0')
		}
		return v
	}
	switch final {
	case 'H':
		e.y, e.x = n(0, 1)-1, n(1, 1)-1
	case 'G', '`':
		e.x = n(0, 1) - 1
	case 'd':
		e.y = n(0, 1) - 1
	case 'A':
		e.y -= n(0, 1)
	case 'B':
		e.y += n(0, 1)
	case 'C':
		e.x += n(0, 1)
	case 'D':
		e.x -= n(0, 1)
	case 'K':
		for x := e.x; x < e.w && n(0, 0) == 0; x++ {
			e.cells[e.y][x] = " "
		}
	case 'X':
		for x := e.x; x < min(e.w, e.x+n(0, 1)); x++ {
			e.cells[e.y][x] = " "
		}
	case 'J':
		e.clear()
	case 'h', 'l':
		if params == "?7" {
			e.nowrap = final == 'l'
		}
	case 'm':
	default:
		panic("unexpected sequence CSI " + params + string(final))
	}
}

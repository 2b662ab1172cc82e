package e2e

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sgrRE matches one SGR sequence (CSI … m) and captures its parameters.
var sgrRE = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// colourParams returns every colour-setting SGR parameter in b: foreground
// and background colours (30–38, 40–48, 90–97, 100–107) and underline
// colour (58). Resets to the default colour (39, 49, 59) and the 0 reset
// are not colours. A 38/48/58 swallows its own colour arguments.
func colourParams(b []byte) []string {
	var out []string
	for _, m := range sgrRE.FindAllSubmatch(b, -1) {
		params := strings.FieldsFunc(string(m[1]), func(r rune) bool { return r == ';' })
		for i := 0; i < len(params); i++ {
			p := params[i]
			if j := strings.IndexByte(p, ':'); j >= 0 {
				p = p[:j] // 38:2:r:g:b carries its arguments itself
			}
			n, err := strconv.Atoi(p)
			if err != nil {
				continue
			}
			switch {
			case n >= 30 && n <= 37, n >= 40 && n <= 47, n >= 90 && n <= 97, n >= 100 && n <= 107:
				out = append(out, string(m[0]))
			case n == 38 || n == 48 || n == 58:
				out = append(out, string(m[0]))
				if strings.Contains(params[i], ":") {
					continue
				}
				// 38;5;n or 38;2;r;g;b
				if i+1 < len(params) && params[i+1] == "5" {
					i += 2
				} else if i+1 < len(params) && params[i+1] == "2" {
					i += 4
				}
			}
		}
	}
	return out
}

// markerRow returns the row (0-based, on screen) that carries the
// low-bandwidth selection marker ">", or -1.
func markerRow(screen string) int {
	for i, l := range lines(screen) {
		if i > 0 && i < rows-2 && strings.HasPrefix(l, ">") {
			return i
		}
	}
	return -1
}

// TestLowBandwidthMovesMarkerWithoutColour: with --low-bandwidth, the
// selection is a ">" marker, and pressing j moves it one row down while
// writing no colour at all.
func TestLowBandwidthMovesMarkerWithoutColour(t *testing.T) {
	t.Parallel()
	d := newDirs(t)
	a := startSapa(t, d, adminA, "--low-bandwidth")
	a.settle(d)
	a.send("g")
	a.waitScreen("the marker on the top row", stepTimeout, func(screen string) bool { return markerRow(screen) == 1 })
	a.quiet(500 * time.Millisecond)
	// The marker moves past wide characters: the default demo's first
	// screen has rows holding emoji (the byte benchmark types next to them).
	if n := wideRows(a.s.Screen()); n < 3 {
		t.Errorf("the first screen has %d rows with emoji, want at least 3:\n%s", n, a.s.Screen())
	}
	if c := colourParams(a.rec.everything()); len(c) > 0 {
		t.Errorf("start-up in low-bandwidth mode wrote %d colour sequences, e.g. %q", len(c), c[:min(5, len(c))])
	}

	for step := 1; step <= 3; step++ {
		a.s.Mark()
		a.rec.on()
		a.send("j")
		a.waitScreen("the marker one row down", stepTimeout, func(screen string) bool { return markerRow(screen) == 1+step })
		a.quiet(300 * time.Millisecond)
		wrote := a.rec.off()
		t.Logf("j #%d: %d bytes: %q", step, len(wrote), wrote)
		if c := colourParams(wrote); len(c) > 0 {
			t.Errorf("j #%d wrote colour sequences %q in low-bandwidth mode", step, c)
		}
		screen := a.s.Screen()
		if n := strings.Count(screen, "\n>"); n != 1 {
			t.Errorf("j #%d: %d rows carry the marker; want 1:\n%s", step, n, screen)
		}
	}
}

// wideRows counts the list rows of screen that hold a wide character (an
// emoji or a CJK ideograph).
func wideRows(screen string) int {
	n := 0
	for i, l := range lines(screen) {
		if i == 0 || i >= rows-2 {
			continue
		}
		for _, r := range l {
			if r >= 0x1100 && (r >= 0x1F000 || (r >= 0x2E80 && r <= 0xFFDC)) {
				n++
				break
			}
		}
	}
	return n
}

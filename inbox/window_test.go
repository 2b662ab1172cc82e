package inbox

import (
	"testing"
	"time"
)

func TestWindowAt(t *testing.T) {
	last := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	messenger := Capabilities{ReplyWindow: 24 * time.Hour, TaggedWindow: 7 * 24 * time.Hour, WindowTag: "HUMAN_AGENT"}
	whatsapp := Capabilities{ReplyWindow: 24 * time.Hour, WindowTemplate: "balasan_layanan"}
	plain := Capabilities{ReplyWindow: 24 * time.Hour}
	for _, tc := range []struct {
		name string
		caps Capabilities
		age  time.Duration
		want WindowKind
	}{
		{"messenger 20 h", messenger, 20 * time.Hour, WindowOpen},
		{"messenger 3 days", messenger, 72 * time.Hour, WindowTagged},
		{"messenger 7 days", messenger, 7 * 24 * time.Hour, WindowTagged},
		{"messenger 8 days", messenger, 8 * 24 * time.Hour, WindowClosed},
		{"whatsapp 3 days", whatsapp, 72 * time.Hour, WindowTemplate},
		{"24 h only, 25 h", plain, 25 * time.Hour, WindowClosed},
		{"no window", Capabilities{}, 1000 * time.Hour, WindowNone},
	} {
		w := tc.caps.WindowAt(last, last.Add(tc.age))
		if w.Kind != tc.want {
			t.Errorf("%s: kind %v, want %v", tc.name, w.Kind, tc.want)
		}
	}
	if w := messenger.WindowAt(last, last.Add(72*time.Hour)); !w.Ends.Equal(last.Add(7*24*time.Hour)) || w.Length != 7*24*time.Hour {
		t.Errorf("tagged window %+v", w)
	}
	if w := messenger.WindowAt(time.Time{}, last); w.Kind != WindowNone {
		t.Errorf("no inbound known: %+v", w)
	}
}

package e2e

import (
	"strings"
	"testing"
	"time"
)

// TestDemoShowsEveryPlatform: `sapa demo` opens on the inbox, and the
// per-platform view (`:platform <p>`) shows conversations of each of the nine
// platform kinds — as many as the database holds in the open view.
func TestDemoShowsEveryPlatform(t *testing.T) {
	t.Parallel()
	d := newDirs(t)
	a := startSapa(t, d, adminA)
	a.waitList()
	t.Logf("inbox list with conversations drawn %v after start (fresh demo database)", time.Since(a.started).Round(time.Millisecond))
	a.settle(d)
	t.Logf("whole demo history in and shown %v after start", time.Since(a.started).Round(time.Millisecond))

	// The unfiltered list already mixes platforms.
	mixed := map[string]bool{}
	for _, r := range listRows(a.s.Screen()) {
		mixed[rowBadge(r)] = true
	}
	if len(mixed) < 3 {
		t.Errorf("the first screen of the inbox shows only platforms %v; want a mix:\n%s", mixed, a.s.Screen())
	}

	db := openDB(t, d.db())
	platforms := []struct {
		command string // the :platform argument
		badge   string // the list's badge
		db      string // conversations.platform
	}{
		{"fb", "FB", "facebook"},
		{"msg", "MSG", "messenger"},
		{"ig", "IG", "instagram"},
		{"wa", "WA", "whatsapp"},
		{"x", "X", "x"},
		{"yt", "YT", "youtube"},
		{"tg", "TG", "telegram"},
		{"ma", "MA", "mastodon"},
		{"@", "@", "email"},
	}
	for _, p := range platforms {
		var want int
		if err := db.QueryRow(`SELECT COUNT(*) FROM conversations WHERE platform = ? AND status IN ('new', 'open')`, p.db).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if want == 0 {
			t.Errorf("the demo database holds no open %s conversation", p.db)
			continue
		}
		a.send(":platform " + p.command + keyEnter)
		a.waitScreen("the "+p.badge+" view", stepTimeout, func(screen string) bool {
			left, _, ok := listHeader(screen)
			return ok && strings.HasSuffix(left, "· "+p.badge) && len(listRows(screen)) > 0 &&
				rowBadge(listRows(screen)[0]) == p.badge
		})
		a.quiet(300 * time.Millisecond) // the whole frame, not just its first rows
		screen := a.s.Screen()
		_, count, _ := listHeader(screen)
		if count != want {
			t.Errorf("%s view counts %d conversations, the database has %d open", p.badge, count, want)
		}
		shown := listRows(screen)
		if len(shown) != min(want, rows-3) {
			t.Errorf("%s view shows %d rows, want %d:\n%s", p.badge, len(shown), min(want, rows-3), screen)
		}
		for _, r := range shown {
			if rowBadge(r) != p.badge {
				t.Errorf("%s view shows a row of another platform: %q", p.badge, r)
			}
		}
	}
	a.send(":platform all" + keyEnter)
	a.waitScreen("the unfiltered list", stepTimeout, func(screen string) bool {
		left, _, ok := listHeader(screen)
		return ok && !strings.Contains(left, "·")
	})
}

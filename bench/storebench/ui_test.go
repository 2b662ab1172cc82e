package storebench

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/email"
	"sapa/platforms/facebook"
	"sapa/platforms/instagram"
	"sapa/platforms/mastodon"
	"sapa/platforms/messenger"
	"sapa/platforms/telegram"
	"sapa/platforms/whatsapp"
	"sapa/platforms/x"
	"sapa/platforms/youtube"
	"sapa/store"
	"sapa/ui"
)

// driver runs Sapa's root model as bubbletea would, minus the terminal:
// commands run in their own goroutines and their messages come back through
// a channel to Update. The change watcher's command blocks until the store
// changes, like in the real program.
type driver struct {
	tb     testing.TB
	m      tea.Model
	in     chan tea.Msg
	ctx    context.Context
	cancel context.CancelFunc
}

func newDriver(tb testing.TB, st *store.Store, admin string) *driver {
	return newDriverOn(tb, st, admin)
}

// newDriverOn is newDriver over any store the screen takes (a scoped one).
// The screen starts as a first start does, on the open view: a screen
// resumes where its admin left it, and a benchmark's last run may have left
// it on a search (whose pages its start-up then read before the timed
// search) or in a thread (which took the enter meant for the list).
func newDriverOn(tb testing.TB, st ui.Store, admin string) *driver {
	if err := st.SaveScreen(context.Background(), admin, inbox.Screen{Filter: inbox.Filter{View: inbox.ViewOpen}}); err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cfg := config.Default()
	cfg.Admin.Name = admin
	cfg.UI.Language = "id"
	d := &driver{tb: tb, in: make(chan tea.Msg, 1024), ctx: ctx, cancel: cancel}
	d.m = ui.New(ui.Deps{Store: st, Admin: admin, Config: cfg, Ctx: ctx, Now: func() time.Time { return synthEpoch }, Platforms: shippedPlatforms()})
	return d
}

// exec runs cmd in its own goroutine. The goroutine holds the channel, not
// the driver: a timer's command outlives its screen (the clock's next
// change may be hours away), and holding the driver kept every closed
// screen's model alive, which grew the benchmarks' resident memory by
// about 0.4 MB a screen.
func (d *driver) exec(cmd tea.Cmd) {
	if cmd != nil {
		in := d.in
		go func() { in <- cmd() }()
	}
}

// handle feeds one message to the model and starts the commands that
// follow; it returns the message's type name ("" for plumbing).
func (d *driver) handle(msg tea.Msg) string {
	switch msg := msg.(type) {
	case nil, tea.QuitMsg:
		return ""
	case tea.BatchMsg:
		for _, c := range msg {
			d.exec(c)
		}
		return ""
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		for i := 0; i < v.Len(); i++ {
			d.exec(v.Index(i).Interface().(tea.Cmd))
		}
		return ""
	}
	name := fmt.Sprintf("%T", msg)
	if name == "tea.execMsg" {
		return ""
	}
	next, cmd := d.m.Update(msg)
	d.m = next
	d.exec(cmd)
	return name
}

// until handles messages until one of the named type has been handled.
func (d *driver) until(name string) {
	d.tb.Helper()
	timeout := time.NewTimer(60 * time.Second)
	defer timeout.Stop()
	for {
		select {
		case msg := <-d.in:
			if d.handle(msg) == name {
				return
			}
		case <-timeout.C:
			d.tb.Fatalf("no %s within a minute", name)
		}
	}
}

// settle handles messages until none has come for idle.
func (d *driver) settle(idle time.Duration) {
	for {
		select {
		case msg := <-d.in:
			d.handle(msg)
		case <-time.After(idle):
			return
		}
	}
}

// start runs Init and a window size, and waits for the first list window:
// after this, View is the first frame.
func (d *driver) start(w, h int) {
	d.exec(d.m.Init())
	d.handle(tea.WindowSizeMsg{Width: w, Height: h})
	d.until("ui.windowMsg")
}

// key presses one key: Update and View, as the program does per keystroke.
// It returns the command the key started (a page to load, a conversation to
// open), not yet run.
func (d *driver) key(name string) tea.Cmd {
	next, cmd := d.m.Update(press(name))
	d.m = next
	_ = d.m.View()
	return cmd
}

func (d *driver) screen() string { return d.m.View().Content }

func (d *driver) close() { d.cancel() }

// ctxDone is closed once the session is closed.
func (d *driver) ctxDone() <-chan struct{} { return d.ctx.Done() }

func press(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	}
	r, _ := utf8.DecodeRuneInString(name)
	return tea.KeyPressMsg{Code: r, Text: name}
}

// BenchmarkUIFirstFrame measures opening the store, building the root
// model, and the first list window drawn at 80×24 (warm file cache).
func BenchmarkUIFirstFrame(b *testing.B) {
	path, m := cached(b)
	synthEpoch = m.Epoch
	var lat latencies
	for b.Loop() {
		var st *store.Store
		var d *driver
		lat.time(func() {
			var err error
			if st, err = store.Open(context.Background(), path, store.Options{}); err != nil {
				b.Fatal(err)
			}
			d = newDriver(b, st, m.Me)
			d.start(80, 24)
			_ = d.m.View()
		})
		b.StopTimer()
		if len(strings.TrimSpace(d.screen())) < 200 {
			b.Fatalf("first frame does not show the list:\n%s", d.screen())
		}
		d.close()
		st.Close()
		b.StartTimer()
	}
	lat.report(b, 0.5, 0.99)
}

// BenchmarkUIKeyList moves down the open view one row per keystroke (j) at
// 80×24. update-view is Update+View alone, what every keystroke costs; at
// the window's edge the key also starts loading the next page, timed in
// with-page as key to page on screen.
func BenchmarkUIKeyList(b *testing.B) {
	st, m := open(b)
	synthEpoch = m.Epoch
	d := newDriver(b, st, m.Me)
	defer d.close()
	d.start(80, 24)
	d.settle(100 * time.Millisecond)
	var keyLat, pageLat latencies
	for b.Loop() {
		var cmd tea.Cmd
		t := time.Now()
		keyLat.time(func() { cmd = d.key("j") })
		if cmd != nil {
			d.exec(cmd)
			d.until("ui.windowMsg")
			_ = d.m.View()
			pageLat = append(pageLat, time.Since(t))
		}
	}
	keyLat.report(b, 0.5, 0.99)
	b.ReportMetric(pageLat.ms(0.99), "page-p99-ms")
	b.ReportMetric(float64(len(pageLat)), "pages")
}

// BenchmarkUIKeyThread scrolls a long conversation (1000 messages, the
// newest 200 loaded) one line per keystroke at 120×40.
func BenchmarkUIKeyThread(b *testing.B) {
	st, m := open(b)
	synthEpoch = m.Epoch
	if len(m.LongConversations) == 0 {
		b.Skip("no long conversation in this store")
	}
	d := newDriver(b, st, m.Me)
	defer d.close()
	d.start(120, 40)
	d.settle(100 * time.Millisecond)
	openConversation(b, d, st, m.LongConversations[0])
	d.settle(100 * time.Millisecond)
	var lat latencies
	keys := []string{"k", "k", "k", "j", "j", "j"}
	i := 0
	for b.Loop() {
		lat.time(func() { d.key(keys[i%len(keys)]) })
		i++
	}
	lat.report(b, 0.5, 0.99)
}

// openConversation finds a conversation through the UI: a search for words
// it has, down to its row, enter.
func openConversation(b *testing.B, d *driver, st *store.Store, id int64) {
	ctx := context.Background()
	msgs, err := st.Thread(ctx, id, 1000)
	if err != nil {
		b.Fatal(err)
	}
	// Words of one of its messages, as typed into the search: the first
	// message whose words only a few conversations share.
	var word string
	pos := -1
	for _, msg := range msgs {
		word = strings.Join(strings.Fields(msg.Text)[:min(12, len(strings.Fields(msg.Text)))], " ")
		rows, err := st.List(ctx, inbox.Filter{View: inbox.ViewOpen, Search: word}, store.Page{Limit: 15})
		if err != nil {
			b.Fatal(err)
		}
		for k, r := range rows {
			if r.ID == id {
				pos = k
			}
		}
		if pos >= 0 {
			break
		}
	}
	if pos < 0 {
		b.Fatalf("no search finds conversation %d near the top", id)
	}
	if cmd := d.key("/"); cmd != nil {
		d.exec(cmd)
	}
	for _, r := range word {
		if cmd := d.key(string(r)); cmd != nil {
			d.exec(cmd)
		}
	}
	d.exec(d.key("enter"))
	d.until("ui.windowMsg")
	d.settle(50 * time.Millisecond)
	for k := 0; k < pos; k++ {
		if cmd := d.key("j"); cmd != nil {
			d.exec(cmd)
			d.until("ui.windowMsg")
		}
	}
	d.exec(d.key("enter"))
	d.until("ui.convLoadedMsg")
	last := msgs[len(msgs)-1].Text
	if !strings.Contains(d.screen(), last[:min(20, len(last))]) {
		b.Fatalf("conversation %d is not on screen:\n%s", id, d.screen())
	}
}

// synthEpoch is "now" for benchmark sessions: the synthetic store's epoch,
// so relative ages look as they would on the day.
var synthEpoch time.Time

// shippedPlatforms is what sapa hands the screen: every shipped platform's
// badge and colour from its descriptor, each with an account.
func shippedPlatforms() []ui.Platform {
	var out []ui.Platform
	for _, d := range []platforms.Descriptor{facebook.Descriptor(), messenger.Descriptor(), instagram.Descriptor(),
		whatsapp.Descriptor(), x.Descriptor(), youtube.Descriptor(), telegram.Descriptor(),
		mastodon.Descriptor(), email.Descriptor()} {
		out = append(out, ui.Platform{Name: d.Name, Title: d.Title, Badge: d.Badge, Colour: d.Colour, Configured: true})
	}
	return out
}

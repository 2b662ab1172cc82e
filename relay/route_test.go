package relay

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"sapa/inbox"
	"sapa/store"
)

// fakeRoute places "jonggol" confidently and only suggests "sukamaju".
func fakeRoute(text string) store.Route {
	t := strings.ToLower(text)
	switch {
	case strings.Contains(t, "jonggol"):
		return store.Route{Unit: "32.01.06", Matched: "Jonggol", Confident: true}
	case strings.Contains(t, "sukamaju"):
		return store.Route{Unit: "32.01.06.2001", Matched: "sukamaju"}
	}
	return store.Route{}
}

func routedSetup(t *testing.T, conn *fakeConn) (*store.Store, []Account) {
	st, accs := setup(t, conn)
	if err := st.SyncUnits(context.Background(), []store.UnitRow{{Code: "32.01", Parent: "32", Level: "kabupaten", Name: "Kabupaten Bogor"},
		{Code: "32.01.06", Parent: "32.01", Level: "kecamatan", Name: "Jonggol"},
		{Code: "32.01.06.2001", Parent: "32.01.06", Level: "desa", Name: "Sukamaju"}}); err != nil {
		t.Fatal(err)
	}
	accs[0].Route = fakeRoute
	return st, accs
}

func said(thread, id, text string) inbox.Inbound {
	m := msg(thread, id)
	m.Message.Text = text
	return m
}

func TestRelayRoutesWhatItFetches(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn := &fakeConn{pages: [][]inbox.Inbound{{
			said("a", "1", "selamat pagi"), said("a", "2", "air PDAM mati lagi di Jonggol"), said("a", "3", "di sukamaju juga"),
			said("b", "4", "jalan rusak di Sukamaju"),
			said("c", "5", "terima kasih"),
		}}}
		st, accs := routedSetup(t, conn)
		r := New(st, accs, Options{Tick: 10 * time.Millisecond, LeaseTTL: time.Second})
		stop := run(t, r)
		defer stop()
		ctx := context.Background()
		eventually(t, "three conversations", func() bool { n, _ := st.Count(ctx, inbox.Filter{View: inbox.ViewAll}); return n == 3 })
		units := map[string]string{}
		ids := map[string]int64{}
		l, _ := st.List(ctx, inbox.Filter{View: inbox.ViewAll}, store.Page{})
		for _, c := range l {
			units[c.Snippet] = c.Unit
			ids[c.Snippet] = c.ID
		}
		if u := units["di sukamaju juga"]; u != "32.01.06" {
			t.Errorf("the thread naming Jonggol is in %q", u)
		}
		if u := units["jalan rusak di Sukamaju"]; u != "32.01" {
			t.Errorf("a suggestion was applied: %q", u)
		}
		if u := units["terima kasih"]; u != "32.01" {
			t.Errorf("a message naming no place moved to %q", u)
		}
		tr, _ := st.Trail(ctx, ids["di sukamaju juga"])
		if tr.Route == nil || !tr.Route.Applied || tr.Route.Matched != "Jonggol" {
			t.Errorf("route %+v", tr.Route)
		}
		audit, _ := st.Audit(ctx, ids["di sukamaju juga"], 10)
		if last := audit[len(audit)-1]; last.Admin != store.RelayActor || last.Action != "route" {
			t.Errorf("audit %+v", last)
		}
		tr, _ = st.Trail(ctx, ids["jalan rusak di Sukamaju"])
		if tr.Route == nil || tr.Route.Applied || tr.Route.Unit.Code != "32.01.06.2001" {
			t.Errorf("suggestion %+v", tr.Route)
		}
		if tr, _ := st.Trail(ctx, ids["terima kasih"]); tr.Route != nil {
			t.Errorf("a route for nothing: %+v", tr.Route)
		}
	})
}

func TestWebhookRoutes(t *testing.T) {
	conn := &pushConn{}
	st, accs := routedSetup(t, &conn.fakeConn)
	accs[0].Conn = conn
	accs[0].Route = func(string) store.Route { return store.Route{Unit: "32.01.06", Matched: "Jonggol", Confident: true} }
	srv := httptest.NewServer(WebhookHandler(st, accs, 64, nil))
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/webhook/test/tg", strings.NewReader(`["1"]`))
	req.Header.Set("X-Sig", "rahasia")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	l, _ := st.List(context.Background(), inbox.Filter{View: inbox.ViewAll}, store.Page{})
	if len(l) != 1 || l[0].Unit != "32.01.06" {
		t.Fatalf("pushed conversation: %+v", l)
	}
}

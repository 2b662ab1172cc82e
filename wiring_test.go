package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/x"
	"sapa/relay"
	"sapa/store"
)

// slowFetch is a connector whose fetch is still working when the relay is
// told to stop: it returns only a while after its context ends.
type slowFetch struct {
	started  chan struct{}
	began    atomic.Bool
	finished atomic.Bool
}

func (c *slowFetch) Platform() inbox.Platform         { return inbox.Platform("telegram") }
func (c *slowFetch) Capabilities() inbox.Capabilities { return inbox.Capabilities{} }
func (c *slowFetch) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	return inbox.Sent{}, errors.New("not used")
}
func (c *slowFetch) Fetch(ctx context.Context, cursor string) (platforms.Batch, error) {
	c.began.Store(true)
	select {
	case c.started <- struct{}{}:
	default:
	}
	<-ctx.Done()
	time.Sleep(150 * time.Millisecond)
	c.finished.Store(true)
	return platforms.Batch{}, ctx.Err()
}

// relayEnv is an env with one slowFetch account on a fresh store.
func relayEnv(t *testing.T) (*env, *slowFetch) {
	t.Helper()
	cfg := config.Default()
	cfg.Database.Path = filepath.Join(t.TempDir(), "sapa.db")
	e := &env{cfg: cfg, broken: map[string]error{}}
	if err := e.openLog(); err != nil {
		t.Fatal(err)
	}
	var err error
	e.st, err = store.Open(context.Background(), cfg.Database.Path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.close)
	conn := &slowFetch{started: make(chan struct{}, 1)}
	id, err := e.st.EnsureAccount(context.Background(), "lambat", conn.Platform(), conn.Capabilities())
	if err != nil {
		t.Fatal(err)
	}
	e.accounts = []relay.Account{{ID: id, Name: "lambat", Conn: conn, Poll: time.Hour}}
	return e, conn
}

// assertStoppedCleanly checks the relay had finished its work before
// relayUntil returned: the fetch in flight had returned and the lease was
// given up, so closing the store then loses nothing.
func assertStoppedCleanly(t *testing.T, e *env, conn *slowFetch) {
	t.Helper()
	if conn.began.Load() && !conn.finished.Load() {
		t.Error("relayUntil returned while a fetch was still running")
	}
	if holder, _, err := e.st.Lease(context.Background()); err != nil || holder != "" {
		t.Errorf("lease after return: holder %q, err %v; want released", holder, err)
	}
}

func TestRelayUntilWaitsForRelayOnStop(t *testing.T) {
	e, conn := relayEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.relayUntil(ctx, false) }()
	select {
	case <-conn.started:
	case <-time.After(10 * time.Second):
		t.Fatal("the relay never fetched")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("relayUntil: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("relayUntil did not return after stop")
	}
	assertStoppedCleanly(t, e, conn)
}

func TestRelayUntilWaitsForRelayWhenListenerFails(t *testing.T) {
	e, conn := relayEnv(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	e.cfg.Serve.Listen = busy.Addr().String()
	err = e.relayUntil(context.Background(), true)
	if err == nil {
		t.Fatal("relayUntil on a taken address returned no error")
	}
	assertStoppedCleanly(t, e, conn)
}

// A connector logs through the logger main passes it, marked with its
// platform and account, into sapa.log — not through slog.Default, which
// Sapa leaves alone, and never onto the terminal the screen owns.
func TestConnectorsLogToSapaLog(t *testing.T) {
	e, _ := relayEnv(t)
	before := slog.Default()
	d := x.Descriptor()
	d.New = func(acct config.Account, log *slog.Logger) (platforms.Connector, error) {
		log.Warn("Fetch failed")
		return nil, errors.New("not built in this test")
	}
	_, _ = platforms.NewRegistry(d).Open(config.Account{Name: "x-humas", Platform: inbox.X}, e.log)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(e.cfg.Database.Path), "sapa.log"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Fetch failed") || !strings.Contains(string(b), "platform=x") ||
		!strings.Contains(string(b), "account=x-humas") {
		t.Fatalf("sapa.log lacks the connector's line with its platform and account:\n%s", b)
	}
	if slog.Default() != before {
		t.Fatal("setting up changed slog.Default")
	}
}

package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/demo"
	"sapa/relay"
	"sapa/store"
	"sapa/ui"
	"sapa/units"
)

// env is everything one invocation has opened.
type env struct {
	opts     options
	cfg      config.Config
	cfgPath  string // the config file read, "" for none
	st       *store.Store
	units    *units.Tree
	reg      *platforms.Registry
	accounts []relay.Account
	broken   map[string]error // accounts whose connector could not be built
	log      *slog.Logger
	logFile  *os.File
	// online reports live SSH sessions once the service runs (sapa serve);
	// nil until then.
	online func(admin string) bool
}

// demoPollInterval keeps the demo's live trickle visible within seconds.
const demoPollInterval = 3 * time.Second

func setup(o options) (*env, error) {
	return setupWith(o, realRegistry())
}

// setupWith is setup with the platforms of reg: tests add a throwaway one.
func setupWith(o options, reg *platforms.Registry) (*env, error) {
	cfg, cfgPath, err := loadConfigPath(o.configPath, reg.Kinds())
	if err != nil {
		return nil, err
	}
	applyFlags(&cfg, o)
	if o.command == "demo" && len(cfg.Units.Agencies) == 0 {
		cfg.Units.Agencies = demoAgencies()
	}
	tree, err := loadUnits(cfg.Units)
	if err != nil {
		return nil, err
	}
	if err := checkDeskConfig(cfg, tree); err != nil {
		return nil, err
	}
	e := &env{opts: o, cfg: cfg, cfgPath: cfgPath, units: tree, reg: reg, broken: map[string]error{}}
	if o.command == "demo" {
		if err := e.useDemo(); err != nil {
			return nil, err
		}
	}
	if err := e.openLog(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	due, err := loadDeadlines(e.cfg.Hours)
	if err != nil {
		e.close()
		return nil, err
	}
	e.st, err = store.Open(ctx, e.cfg.Database.Path, store.Options{Group: e.cfg.Database.Group, Deadlines: due})
	if err != nil {
		e.close()
		return nil, err
	}
	if err := e.st.SyncUnits(ctx, unitRows(e.units)); err != nil {
		e.close()
		return nil, err
	}
	if o.command == "demo" {
		if err := e.ensureTeam(ctx); err != nil {
			e.close()
			return nil, err
		}
	}
	if o.command == "audit" || o.command == "report" || e.screenOnly() { // reads the store only: no connector, no secret
		return e, nil
	}
	if err := e.openAccounts(ctx); err != nil {
		e.close()
		return nil, err
	}
	return e, nil
}

// screenOnly reports whether this is an interactive screen without a relay
// ([relay] embedded = false): it resolves no platform secret, and learns the
// accounts and their capabilities from the store.
func (e *env) screenOnly() bool {
	return e.opts.command == "" && !e.cfg.Relay.Embedded
}

// applyFlags lets the command line override the config file.
func applyFlags(cfg *config.Config, o options) {
	if o.lowBandwidth {
		cfg.UI.LowBandwidth = true
	}
	if o.lang != "" {
		cfg.UI.Language = o.lang
	}
}

// loadConfig finds and loads the config file; with none at the default
// place, Sapa runs on defaults (the demo needs no file at all).
func loadConfig(flagPath string, kinds config.Kinds) (config.Config, error) {
	cfg, _, err := loadConfigPath(flagPath, kinds)
	return cfg, err
}

// loadConfigPath is loadConfig that also says which file it read ("" for
// none).
func loadConfigPath(flagPath string, kinds config.Kinds) (config.Config, string, error) {
	path, err := config.Resolve(flagPath)
	if errors.Is(err, config.ErrNoConfig) {
		cfg := config.Default()
		return cfg, "", cfg.Validate()
	}
	if err != nil {
		return config.Config{}, "", err
	}
	cfg, err := config.Load(path, kinds)
	if err != nil {
		return cfg, path, err
	}
	if err := ui.CheckKeys(cfg); err != nil {
		return config.Config{}, path, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, path, nil
}

// useDemo points the session at the demo database and the simulator.
func (e *env) useDemo() error {
	dir := filepath.Dir(e.cfg.Database.Path)
	e.cfg.Database.Path = filepath.Join(dir, "demo.db")
	if e.opts.fresh {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(e.cfg.Database.Path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("remove demo data: %w", err)
			}
		}
	}
	if e.opts.noLive {
		e.cfg.Demo.LiveInterval = config.Duration{}
	}
	if e.opts.seed != 0 {
		e.cfg.Demo.Seed = e.opts.seed
	}
	// The demo speaks the office's language unless the terminal's locale
	// names one (LANG=en_US.UTF-8 sapa demo speaks English).
	if e.cfg.UI.Language == "" && !config.LocaleSet() {
		e.cfg.UI.Language = "id"
	}
	e.cfg.Accounts = demo.Accounts(e.reg.Descriptors())
	for i := range e.cfg.Accounts { // the office's accounts are the kabupaten's; the pages their unit's
		e.cfg.Accounts[i].PollInterval = config.Duration{Duration: demoPollInterval}
	}
	sim := demo.New(e.cfg.Demo, time.Now, e.reg.Descriptors())
	e.reg = e.reg.WithFactory(sim.Factory())
	return nil
}

// openLog sends logs to a file beside the database: the terminal belongs to
// the screen, and secrets never reach either.
func (e *env) openLog() error {
	path := filepath.Join(filepath.Dir(e.cfg.Database.Path), "sapa.log")
	// The log shares the database's directory, mode and group: with
	// [database] group every admin's session appends to it.
	mode, err := store.PrepareDir(filepath.Dir(path), e.cfg.Database.Group)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, mode)
	if err != nil {
		return fmt.Errorf("open log: %w", err)
	}
	if err := store.ShareFile(path, e.cfg.Database.Group); err != nil {
		f.Close()
		return err
	}
	e.logFile = f
	e.log = slog.New(slog.NewTextHandler(&logFile{f: f}, &slog.HandlerOptions{Level: slog.LevelInfo})).With("pid", os.Getpid())
	return nil
}

// openAccounts builds a connector per configured account and records each
// account in the store, so every session sees accounts and their limits.
func (e *env) openAccounts(ctx context.Context) error {
	router, err := newRouter(e.cfg, e.units)
	if err != nil {
		return err
	}
	route := routeFunc(router, e.units)
	for _, a := range e.cfg.Accounts {
		unit, err := accountUnit(e.units, a.Name, a.Unit)
		if err != nil {
			// A free-text unit ("Diskominfo") does not stop the relay: the
			// account's conversations start at the kabupaten, seen by its admins.
			e.log.Warn("Account unit is not in the tree; its conversations go to the kabupaten", "err", err)
			unit = e.units.Root().Code
		}
		conn, err := e.reg.Open(a, e.log)
		if err != nil {
			e.broken[a.Name] = err
			e.log.Warn("Account unavailable", "account", a.Name, "err", err)
			continue
		}
		id, err := e.st.EnsureAccount(ctx, a.Name, a.Platform, conn.Capabilities())
		if err != nil {
			return err
		}
		if err := e.st.SetAccountUnit(ctx, id, unit); err != nil {
			return err
		}
		poll := a.PollInterval.Duration
		if poll == 0 {
			poll = e.cfg.Relay.PollInterval.Duration
		}
		if a.UsesWebhook() && e.opts.command != "demo" { // the simulator is polled even for webhook platforms
			poll = 0
		}
		e.accounts = append(e.accounts, relay.Account{ID: id, Name: a.Name, Conn: conn, Poll: poll, Route: route})
	}
	return nil
}

// newRelay builds the relay over the configured accounts; its nudges are
// worded in the screen's language with deadlines on the office's clock.
func (e *env) newRelay() (*relay.Relay, error) {
	zone, err := officeZone(e.cfg.Hours)
	if err != nil {
		return nil, err
	}
	return relay.New(e.st, e.accounts, relay.Options{
		LeaseTTL:    e.cfg.Relay.LeaseTTL.Duration,
		MaxAttempts: e.cfg.Relay.MaxAttempts,
		Log:         e.log,
		// Read when asked: the SSH service sets e.online after the relay
		// is built (its sessions follow the relay from their start).
		Online:      func(a string) bool { return e.online != nil && e.online(a) },
		NudgeText:   ui.NudgeText(config.Language(e.cfg), zone),
		NudgeBefore: e.cfg.Nudge.Before.Duration,
	}), nil
}

// runRelay runs the relay headless until SIGINT or SIGTERM; with serve it
// also listens for webhooks.
func (e *env) runRelay(serve bool) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// A store damaged in the middle still opens; the relay must not write
	// into it, so the long-running relay checks the whole file first.
	if err := e.st.CheckIntegrity(ctx); err != nil {
		return err
	}
	return e.relayUntil(ctx, serve)
}

// relayUntil runs the relay, and with serve the webhook listener, until ctx
// ends or the listener fails. It returns only after the relay's Run has
// returned, so the in-flight fetches and sends have recorded their outcome
// and the lease is released before the caller closes the store; the
// listener is shut down, waiting for its running deliveries, on the way out.
func (e *env) relayUntil(ctx context.Context, serve bool) error {
	if serve && e.cfg.Serve.Listen == "" && e.cfg.SSH.Listen == "" {
		return errors.New("sapa serve needs [serve] listen or [ssh] listen in the config file")
	}
	rl, err := e.newRelay()
	if err != nil {
		return err
	}
	srvErr := make(chan error, 2)
	if serve {
		stopSSH, err := e.startSSH(srvErr, rl)
		if err != nil {
			return err
		}
		defer stopSSH()
	}
	if serve && e.cfg.Serve.Listen != "" {
		h := relay.WebhookHandler(e.st, e.accounts, e.cfg.Serve.MaxBodyBytes, e.log)
		srv := relay.WebhookServer(e.cfg.Serve.Listen, h, e.cfg.Serve.ReadTimeout.Duration)
		go func() { srvErr <- srv.ListenAndServe() }()
		defer srv.Shutdown(context.Background())
		fmt.Fprintln(os.Stderr, "sapa: listening for webhooks on", e.cfg.Serve.Listen)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if serve {
		backupsDone := make(chan struct{})
		go func() { defer close(backupsDone); e.backupLoop(ctx) }()
		defer func() { cancel(); <-backupsDone }()
	}
	relayDone := make(chan error, 1)
	go func() { relayDone <- rl.Run(ctx) }()
	select {
	case err := <-relayDone:
		return err
	case err := <-srvErr:
		cancel()
		<-relayDone
		return err
	case <-ctx.Done():
		return <-relayDone
	}
}

func (e *env) close() {
	if e.st != nil {
		e.st.Close()
	}
	if e.logFile != nil {
		e.logFile.Close()
	}
}

// uiPlatforms is what the screen shows of each platform, from the
// descriptors of reg; those with a configured account join the `f` cycle.
func uiPlatforms(reg *platforms.Registry, accounts []config.Account) []ui.Platform {
	used := map[inbox.Platform]bool{}
	for _, a := range accounts {
		used[a.Platform] = true
	}
	var out []ui.Platform
	for _, d := range reg.Descriptors() {
		out = append(out, ui.Platform{Name: d.Name, Title: d.Title, Badge: d.Badge, Colour: d.Colour, Configured: used[d.Name]})
	}
	return out
}

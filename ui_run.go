package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
	"sapa/ui"
)

// runUI opens the inbox screen. A relay runs alongside in standby and takes
// the lease when no other process holds it; quitting releases the lease so
// another session takes over at once.
func (e *env) runUI() error {
	deps, err := e.screenDeps()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	login := e.login()
	if e.opts.command == "demo" {
		if login, err = e.demoLogin(ctx); err != nil {
			return err
		}
	}
	admin, err := localAdmin(ctx, e.st, e.units, e.cfg.Admin.Name, login)
	if err != nil {
		return err
	}
	view, err := scopedStore(ctx, e.st, admin)
	if err != nil {
		return err
	}
	relayDone := make(chan struct{})
	var backfilled <-chan struct{}
	if e.screenOnly() {
		close(relayDone) // a service runs the relay; this screen holds no secret
	} else {
		// Local mode: the admin at this screen is the one logged in.
		e.online = func(a string) bool { return a == e.cfg.Admin.Name }
		rl, err := e.newRelay()
		if err != nil {
			return err
		}
		deps.Relay = rl
		// A fresh store (nothing ingested yet) draws its first list once
		// the platforms' waiting pages are in, not page by page.
		if n, err := e.st.Count(ctx, inbox.Filter{View: inbox.ViewAll}); err == nil && n == 0 {
			backfilled = rl.Backfilled()
		}
		go func() {
			defer close(relayDone)
			if err := rl.Run(ctx); err != nil {
				e.log.Error("Relay stopped", "err", err)
			}
		}()
	}
	// The status bar follows this relay (deps.Relay): it waits for its first
	// lease check, so it never says "relay not running" just before this very
	// process takes the lease, and is told of every change after.
	// Bubbletea's own signal handler quits at once on SIGINT and SIGTERM,
	// racing the draft save; Sapa handles every signal itself.
	deps.Store, deps.Admin, deps.Ctx = view, admin.Name, ctx
	deps.Units = screenUnits(e.units, view)
	deps.Backfilled = backfilled
	p := tea.NewProgram(ui.New(deps), tea.WithContext(ctx), tea.WithoutSignalHandler())
	stopSignals := quitOnSignal(p)
	final, err := p.Run()
	stopSignals()
	// Whatever ended the program (a quit, a signal, a dropped link that
	// failed the terminal), the draft it held goes to the store.
	if serr := ui.SaveOnExit(context.Background(), final); serr != nil {
		e.log.Error("Draft not saved at exit", "err", serr)
	}
	cancel()
	<-relayDone
	return err
}

// screenDeps are what every screen, local or over SSH, is built with: the
// config, the office's calendar and its time zone, canned replies, checks,
// platforms, units and the one spam suggestion all its screens share. The
// caller adds the admin's scoped store, its context and the unit names its
// scope completes (screenUnits).
func (e *env) screenDeps() (ui.Deps, error) {
	replies, err := cannedReplies(e.cfg.Canned)
	if err != nil {
		return ui.Deps{}, err
	}
	cal, err := loadCalendar(e.cfg.Hours)
	if err != nil {
		return ui.Deps{}, err
	}
	return ui.Deps{Config: e.cfg, Location: cal.Location(), Calendar: cal, Targets: loadTargets(e.cfg.Hours),
		PII: piiGuard(e.units), Canned: replies, Spam: newSharedSpam(e.st),
		Platforms: uiPlatforms(e.reg, e.cfg.Accounts), ResolveUnit: resolveUnit(e.units)}, nil
}

// quitOnSignal asks the screen to save the draft being typed and quit on
// SIGHUP (a dropped SSH link), SIGTERM (a stopped service) and SIGINT; a
// second signal ends the program at once (the draft is still saved from the
// final model). The returned function stops listening.
func quitOnSignal(p *tea.Program) func() {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	done := make(chan struct{})
	go func() {
		asked := false
		for {
			select {
			case <-sig:
				if asked {
					p.Kill()
					continue
				}
				asked = true
				go p.Send(ui.ShutdownMsg{})
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}

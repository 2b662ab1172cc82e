package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"

	"sapa/ui"
)

// runUI opens the inbox screen. A relay runs alongside in standby and takes
// the lease when no other process holds it; quitting releases the lease so
// another session takes over at once.
func (e *env) runUI() error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	relayDone := make(chan struct{})
	rl := e.newRelay()
	go func() {
		defer close(relayDone)
		if err := rl.Run(ctx); err != nil {
			e.log.Error("Relay stopped", "err", err)
		}
	}()
	// The status bar waits for this relay's first lease check, so it never
	// says "relay not running" just before this very process takes the lease.
	p := tea.NewProgram(ui.New(ui.Deps{Store: ui.Store(e.st), Config: e.cfg, Ctx: ctx, LeaseChecked: rl.Checked()}), tea.WithContext(ctx))
	// A dropped SSH link arrives as SIGHUP: the screen saves the draft being
	// typed, then quits.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP, syscall.SIGTERM)
	defer signal.Stop(hup)
	go func() {
		select {
		case <-hup:
			p.Send(ui.ShutdownMsg{})
		case <-ctx.Done():
		}
	}()
	_, err := p.Run()
	cancel()
	<-relayDone
	return err
}

package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"sapa/config"
	"sapa/inbox"
	"sapa/presence"
	"sapa/sshd"
	"sapa/store"
	"sapa/ui"
)

// sshHostKey is the host key file: [ssh] host_key, or next to the database.
func (e *env) sshHostKey() string {
	if e.cfg.SSH.HostKey != "" {
		return e.cfg.SSH.HostKey
	}
	return filepath.Join(filepath.Dir(e.cfg.Database.Path), "ssh_host_ed25519_key")
}

// startSSH starts the SSH service of `sapa serve` when [ssh] listen is set;
// stop shuts it down. Each session gets the screen exactly as a local one
// does, with the admin's scoped store; the service's own relay (rl) holds
// the secrets, and every session follows its lease in-process, told of each
// change, so an idle session has no timer of its own for it.
func (e *env) startSSH(errs chan<- error, rl ui.Relay) (stop func(), err error) {
	if e.cfg.SSH.Listen == "" {
		return func() {}, nil
	}
	base, err := e.screenDeps()
	if err != nil {
		return nil, err
	}
	// The sessions of this service tell each other who reads or writes in
	// which conversation, in-process; a session's presence ends with it.
	hub := presence.NewHub()
	screen := func(ctx context.Context, a inbox.Admin) (tea.Model, func(tea.Model), error) {
		view, err := scopedStore(ctx, e.st, a)
		if err != nil {
			return nil, nil, err
		}
		seat := hub.Join(a.Name)
		deps := base
		deps.Store, deps.Admin, deps.Ctx, deps.Seat, deps.Relay = view, a.Name, ctx, seat, rl
		deps.Units = screenUnits(e.units, view)
		deps.NoEditor = true // an editor would be a shell on the server for an admin who has none
		m := ui.New(deps)
		done := func(final tea.Model) {
			seat.Leave()
			if err := ui.SaveOnExit(context.Background(), final); err != nil {
				e.log.Error("Draft not saved at the end of an SSH session", "admin", a.Name, "err", err)
			}
		}
		return m, done, nil
	}
	c := e.cfg.SSH
	srv, err := sshd.New(sshRegistry{e.st}, screen, sshd.Options{Listen: c.Listen, HostKey: e.sshHostKey(),
		IdleTimeout: c.IdleTimeout.Duration, KeepAlive: c.KeepAlive.Duration,
		MaxFailures: c.MaxFailedAuth, FailWindow: c.FailedAuthWindow.Duration,
		MaxSessions: c.MaxSessions, MaxPerAdmin: c.MaxSessionsPerAdmin,
		Language: config.Language(e.cfg), Log: e.log, Shutdown: ui.ShutdownMsg{}})
	if err != nil {
		return nil, err
	}
	// Listening before saying so: a taken port is an error here, at start,
	// and "listening" is printed only once a client can connect.
	l, err := net.Listen("tcp", c.Listen)
	if err != nil {
		return nil, fmt.Errorf("SSH service: %w", err)
	}
	e.online = srv.Online
	go func() { errs <- srv.Serve(l) }()
	fmt.Fprintln(os.Stderr, "sapa: SSH service listening on", c.Listen)
	return func() { srv.Close() }, nil
}

// sshRegistry is the store as the SSH service asks it: a spent, wrong or
// expired code is the service's ErrBadCode.
type sshRegistry struct{ *store.Store }

// Enroll registers the key to the admin invited with code.
func (r sshRegistry) Enroll(ctx context.Context, code string, k inbox.AdminKey, from string) (inbox.Admin, error) {
	a, err := r.Store.Enroll(ctx, code, k, from)
	if errors.Is(err, store.ErrBadInvite) {
		return a, sshd.ErrBadCode
	}
	return a, err
}

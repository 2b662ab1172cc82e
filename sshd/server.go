package sshd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"sapa/inbox"
)

// Registry is what the service asks the store: who owns a key, whether an
// invitation is pending, spending its code, and where logins and logouts
// are recorded.
type Registry interface {
	AdminByKey(ctx context.Context, fingerprint string) (inbox.Admin, error)
	InvitePending(ctx context.Context) (bool, error)
	// Enroll registers the key to the admin invited with code; ErrBadCode
	// when the code is wrong, used or expired.
	Enroll(ctx context.Context, code string, key inbox.AdminKey, from string) (inbox.Admin, error)
	LogSession(ctx context.Context, admin string, action inbox.AuditAction, fingerprint, from string) error
}

// Screen builds the inbox screen of one session for the admin; done is
// called with the program's final model when the session ends (the draft
// being typed is saved there).
type Screen func(ctx context.Context, a inbox.Admin) (m tea.Model, done func(final tea.Model), err error)

// Options are the service's settings.
type Options struct {
	Listen      string
	HostKey     string        // ed25519 private key file, made 0600 when missing
	IdleTimeout time.Duration // a session with nothing typed this long is closed (and any connection silent that long)
	KeepAlive   time.Duration // keepalive@openssh.com every KeepAlive; no answer within it ends the link
	MaxFailures int           // rejected keys and wrong codes per address within FailWindow before its connections are refused
	FailWindow  time.Duration
	MaxSessions int    // open sessions in all, enrolment included
	MaxPerAdmin int    // open sessions of one admin
	Language    string // "id" or "en": the messages clients read
	Log         *slog.Logger
	// Shutdown is sent to the screen when the link drops: it saves the
	// draft being typed and quits.
	Shutdown tea.Msg
}

// Server is the SSH service.
type Server struct {
	srv    *ssh.Server
	reg    Registry
	screen Screen
	opts   Options
	loc    locale
	fails  *failures
	open   *sessions
}

// New prepares the service; the host key is made on first start. Every
// duration and limit of o must be set (config.Default holds the defaults).
func New(reg Registry, screen Screen, o Options) (*Server, error) {
	if o.IdleTimeout <= 0 || o.KeepAlive <= 0 || o.FailWindow <= 0 || o.MaxFailures < 1 || o.MaxSessions < 1 || o.MaxPerAdmin < 1 {
		return nil, fmt.Errorf("ssh: idle timeout, keepalive, failure window and the limits must be positive: %+v", o)
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if err := ensureHostKey(o.HostKey); err != nil {
		return nil, err
	}
	s := &Server{reg: reg, screen: screen, opts: o, loc: newLocale(o.Language),
		fails: newFailures(o.MaxFailures, o.FailWindow), open: newSessions(o.MaxSessions, o.MaxPerAdmin)}
	srv, err := wish.NewServer(
		wish.WithAddress(o.Listen),
		wish.WithHostKeyPath(o.HostKey),
		wish.WithPublicKeyAuth(s.checkKey),
		wish.WithIdleTimeout(o.IdleTimeout),
		// Applied last to first: refuse commands, require a pty, then run the screen.
		wish.WithMiddleware(s.session, s.requirePty, s.refuseCommands),
	)
	if err != nil {
		return nil, fmt.Errorf("ssh: %w", err)
	}
	if err := os.Chmod(o.HostKey, 0o600); err != nil {
		return nil, fmt.Errorf("ssh host key: %w", err)
	}
	srv.ConnCallback = s.admit
	// No handler for passwords, keyboard-interactive, port forwarding,
	// agent, X11 or subsystems: charm.land/ssh refuses them all.
	s.srv = srv
	return s, nil
}

// ensureHostKey makes the ed25519 host key when it is missing and keeps an
// existing one's mode at 0600.
func ensureHostKey(path string) error {
	if path == "" {
		return errors.New("ssh: no host key path")
	}
	if fi, err := os.Stat(path); err == nil {
		if fi.Mode().Perm()&0o077 != 0 {
			return os.Chmod(path, 0o600)
		}
		return nil
	}
	// wish.WithHostKeyPath writes the key; make sure the directory exists.
	return os.MkdirAll(filepath.Dir(path), 0o700)
}

// Serve serves on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	err := s.srv.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting and waits for sessions to end until ctx does.
func (s *Server) Shutdown(ctx context.Context) error { return s.srv.Shutdown(ctx) }

// Close ends every connection at once.
func (s *Server) Close() error { return s.srv.Close() }

// checkKey admits a key registered to an active admin and, while an
// invitation is pending, any other key: that one gets only the enrolment
// screen.
func (s *Server) checkKey(ctx ssh.Context, key ssh.PublicKey) bool {
	fp := gossh.FingerprintSHA256(key)
	if _, err := s.reg.AdminByKey(ctx, fp); err == nil {
		return true
	}
	if pending, err := s.reg.InvitePending(ctx); err == nil && pending {
		return true
	}
	s.fails.add(host(ctx.RemoteAddr()))
	s.opts.Log.Info("SSH key refused", "fingerprint", fp, "from", ctx.RemoteAddr().String())
	return false
}

// admit refuses connections from an address with too many refused keys.
func (s *Server) admit(_ ssh.Context, c net.Conn) net.Conn {
	if s.fails.blocked(host(c.RemoteAddr())) {
		s.opts.Log.Warn("SSH connection refused: too many failed logins", "from", c.RemoteAddr().String())
		return nil
	}
	return c
}

func host(a net.Addr) string {
	h, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return h
}

// refuseCommands ends exec requests ("ssh host command"): the service only
// gives the screen.
func (s *Server) refuseCommands(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if len(sess.Command()) > 0 {
			wish.Fatalln(sess, s.loc.T("refuse.command"))
			return
		}
		next(sess)
	}
}

// requirePty ends sessions without a terminal.
func (s *Server) requirePty(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if _, _, ok := sess.Pty(); !ok {
			wish.Fatalln(sess, s.loc.T("refuse.pty"))
			return
		}
		next(sess)
	}
}

// session runs the admin's screen, audited from login to logout; a key
// nobody registered gets the enrolment screen while an invitation is
// pending; once enrolled, the admin connects again with it.
func (s *Server) session(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ctx := sess.Context()
		key := sess.PublicKey()
		if key == nil {
			wish.Fatalln(sess, s.loc.T("refuse.pubkey"))
			return
		}
		fp := gossh.FingerprintSHA256(key)
		// Looked up again from the key the connection proved: the SSH user
		// name is whatever the client typed.
		go s.keepAlive(ctx)
		admin, err := s.reg.AdminByKey(ctx, fp)
		if err != nil {
			s.enrol(sess, key)
			return
		}
		s.inbox(sess, admin, fp)
	}
}

// inbox opens the admin's inbox if the caps allow, audited from login to
// logout.
func (s *Server) inbox(sess ssh.Session, admin inbox.Admin, fp string) {
	ctx := sess.Context()
	from := sess.RemoteAddr().String()
	release, why := s.open.open(admin.Name)
	if !s.admitted(sess, why, admin.Name) {
		return
	}
	defer release()
	if err := s.reg.LogSession(context.WithoutCancel(ctx), admin.Name, inbox.AuditSSHLogin, fp, from); err != nil {
		s.opts.Log.Error("SSH login not audited", "admin", admin.Name, "err", err)
		wish.Fatalln(sess, s.loc.T("refuse.audit"))
		return
	}
	defer func() {
		if err := s.reg.LogSession(context.Background(), admin.Name, inbox.AuditSSHLogout, fp, from); err != nil {
			s.opts.Log.Error("SSH logout not audited", "admin", admin.Name, "err", err)
		}
	}()
	s.run(sess, admin)
}

// admitted tells the client refused by a cap why, and logs it.
func (s *Server) admitted(sess ssh.Session, why refusal, admin string) bool {
	switch why {
	case fullService:
		s.opts.Log.Warn("SSH session refused: the service is full", "admin", admin, "from", sess.RemoteAddr().String())
		wish.Fatalln(sess, s.loc.F("refuse.full", s.opts.MaxSessions))
		return false
	case fullAdmin:
		s.opts.Log.Warn("SSH session refused: too many sessions of the admin", "admin", admin, "from", sess.RemoteAddr().String())
		wish.Fatalln(sess, s.loc.F("refuse.per_adm", admin, s.opts.MaxPerAdmin))
		return false
	}
	return true
}

// enrol runs the enrolment screen for a key nobody registered, if an
// invitation is pending. One program per session: the admin connects again
// with the enrolled key to open the inbox.
func (s *Server) enrol(sess ssh.Session, key ssh.PublicKey) {
	ctx := sess.Context()
	if pending, err := s.reg.InvitePending(ctx); err != nil || !pending {
		wish.Fatalln(sess, s.loc.T("refuse.unknown"))
		return
	}
	release, why := s.open.open("")
	if !s.admitted(sess, why, "") {
		return
	}
	defer release()
	m := enrolModel{loc: s.loc, submit: s.enrolCmd(ctx, keyOf(key, ""), host(sess.RemoteAddr()), sess.RemoteAddr().String())}
	p, _ := s.program(ctx, sess, m)
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		s.opts.Log.Info("SSH enrolment screen ended", "err", err)
	}
}

// run runs one screen at the client's pty size until it quits or the link
// ends; a dropped link asks the screen to save its draft and quit.
func (s *Server) run(sess ssh.Session, admin inbox.Admin) {
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	m, done, err := s.screen(ctx, admin)
	if err != nil {
		s.opts.Log.Error("SSH screen not opened", "admin", admin.Name, "err", err)
		wish.Fatalln(sess, s.loc.T("refuse.screen"))
		return
	}
	p, idled := s.program(ctx, sess, m)
	final, err := p.Run()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		s.opts.Log.Info("SSH screen ended", "admin", admin.Name, "err", err)
	}
	if done != nil {
		done(final)
	}
	if idled() {
		s.opts.Log.Info("SSH session closed: nothing typed", "admin", admin.Name, "after", s.opts.IdleTimeout)
		wish.Fatalln(sess, s.loc.F("idle.closed", s.loc.minutes(s.opts.IdleTimeout)))
	}
}

// program is a bubbletea program on the session's pty that follows its
// window size and is asked to save and quit when the link drops or when
// the admin has typed nothing for IdleTimeout; idled reports the latter.
// The connection's own idle deadline cannot do that second job: every
// keepalive the client answers moves it.
func (s *Server) program(ctx context.Context, sess ssh.Session, m tea.Model) (p *tea.Program, idled func() bool) {
	_, windows, _ := sess.Pty()
	in := &typedInput{Reader: sess, after: s.opts.IdleTimeout}
	p = tea.NewProgram(m, append(bm.MakeOptions(sess), tea.WithContext(ctx), tea.WithoutSignalHandler(), tea.WithInput(in))...)
	stop := func() {
		if s.opts.Shutdown != nil {
			p.Send(s.opts.Shutdown)
		}
		p.Quit()
	}
	var idle atomic.Bool
	in.timer = time.AfterFunc(s.opts.IdleTimeout, func() {
		idle.Store(true)
		stop()
	})
	go func() {
		for {
			select {
			case <-sess.Context().Done():
				in.timer.Stop()
				stop()
				return
			case w := <-windows:
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			}
		}
	}()
	return p, idle.Load
}

// typedInput is the session's input; every read of a key puts off its
// idle timer.
type typedInput struct {
	io.Reader
	after time.Duration
	timer *time.Timer
}

func (r *typedInput) Read(b []byte) (int, error) {
	n, err := r.Reader.Read(b)
	if n > 0 {
		r.timer.Reset(r.after)
	}
	return n, err
}

// keepAlive asks the client for a reply every KeepAlive and closes the
// link when none comes in time, so a dead mobile link frees its session.
func (s *Server) keepAlive(ctx ssh.Context) {
	conn, ok := ctx.Value(ssh.ContextKeyConn).(gossh.Conn)
	if !ok {
		return
	}
	t := time.NewTicker(s.opts.KeepAlive)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		replied := make(chan struct{})
		go func() {
			conn.SendRequest("keepalive@openssh.com", true, nil) //nolint:errcheck // any reply, even a refusal, proves the link
			close(replied)
		}()
		select {
		case <-replied:
		case <-ctx.Done():
			return
		case <-time.After(s.opts.KeepAlive):
			conn.Close()
			return
		}
	}
}

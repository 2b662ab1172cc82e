// Package ptymeter runs a terminal program inside a real pseudo-terminal and
// measures how many bytes it writes, so Sapa's output volume on slow 2G/3G SSH
// links can be compared with other terminal mail clients.
//
// A [Session] plays the part of the terminal on the far side of an SSH
// connection: it owns the pty master, reads everything the program writes
// (exactly the bytes sshd would read and send over the link, after the tty
// line discipline has turned "\n" into "\r\n"), feeds those bytes to a VT
// emulator so tests can read the screen, and answers the terminal queries a
// program may send at start-up (device attributes, cursor position, colours,
// mode reports) so the program does not stall waiting for a reply.
//
// Only bytes the program writes are counted; the meter's own replies and the
// keys sent with [Session.Send] are not. Bytes echoed by the tty line
// discipline (when the program leaves echo on) are counted, as they would cross
// the link too.
//
// The package is Linux-oriented: it relies on process groups, SIGHUP/SIGKILL
// and a pollable pty master.
package ptymeter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// Errors returned by the waiting methods. They are wrapped with details, so
// test them with [errors.Is].
var (
	// ErrTimeout means the condition was not met within the allowed time.
	ErrTimeout = errors.New("ptymeter: timed out")
	// ErrExited means the program stopped producing output for good (its
	// pty was closed) before the condition was met.
	ErrExited = errors.New("ptymeter: program exited")
	// ErrClosed means the session has been closed.
	ErrClosed = errors.New("ptymeter: session closed")
)

// writeTimeout bounds one write to the pty master, so Send cannot hang on a
// program that never reads its input.
const writeTimeout = 10 * time.Second

// Options tunes a session beyond the terminal size. The zero value (apart
// from Cols and Rows) is what [Start] uses.
type Options struct {
	// Cols and Rows are the initial terminal size in cells. Both must be > 0.
	Cols, Rows int

	// Env is appended to the program's environment after the meter's own
	// settings, so it can override them (for example "TERM=screen").
	Env []string

	// SSH makes the program believe it runs over SSH: SSH_TTY is set to the
	// pty's path and SSH_CONNECTION/SSH_CLIENT to loopback addresses. Some
	// libraries (bubbletea v2, for one) change what they emit over SSH.
	SSH bool

	// ModeReplies sets the answer to DEC private mode queries
	// (DECRQM, "ESC [ ? N $ p"): the value is the Ps of the reply
	// "ESC [ ? N ; Ps $ y" (1 set, 2 reset, 3 permanently set,
	// 4 permanently reset). Modes not listed are reported as 0, "not
	// recognised", which is what a plain xterm says about newer modes such
	// as 2026 (synchronised output) and 2027 (grapheme clustering).
	ModeReplies map[int]int

	// Transcript, when non-nil, receives a copy of every byte the program
	// writes, in order. It is written from the reader goroutine; a slow
	// writer slows the program down.
	Transcript io.Writer

	// Record keeps every byte the program writes in memory, for
	// [Session.Output] and [Scenario.KeepOutput].
	Record bool
}

// Session is a program running in a pseudo-terminal under measurement.
// All methods are safe for concurrent use.
type Session struct {
	cmd    *exec.Cmd
	ptmx   *os.File
	ttyPth string
	opts   Options

	mu       sync.Mutex
	emu      *vt.Emulator
	cols     int
	rows     int
	total    int64     // bytes read from the pty master
	mark     int64     // total at the last Mark
	lastOut  time.Time // when output last arrived
	lastPoke time.Time // when input or a resize was last sent (or start)
	changed  chan struct{}
	pending  [][]byte // replies produced while feeding the emulator
	record   []byte   // every byte written, with Options.Record

	// qmu guards queries. It is separate from mu so that the goroutine
	// forwarding the emulator's own replies never waits for mu, which the
	// reader holds while the emulator writes those replies.
	qmu     sync.Mutex
	queries []Query

	replies  chan []byte
	wmu      sync.Mutex // serialises writes to the pty master
	readDone chan struct{}
	exited   chan struct{}
	exitErr  error
	stop     chan struct{}
	bg       sync.WaitGroup

	closeOnce sync.Once
	closeErr  error
}

// Start runs cmd in a new pseudo-terminal of cols×rows cells with
// TERM=xterm-256color, LANG=C.UTF-8 and COLORTERM unset; see [StartOptions].
func Start(ctx context.Context, cmd *exec.Cmd, cols, rows int) (*Session, error) {
	return StartOptions(ctx, cmd, Options{Cols: cols, Rows: rows})
}

// StartOptions runs cmd in a new pseudo-terminal described by opts.
//
// The program becomes the leader of a new session and process group with the
// pty as its controlling terminal and standard input; standard output and
// error are the pty too unless the caller set them (output sent elsewhere is
// not measured). Its environment is
// cmd.Env (or the current environment when nil) without the variables that
// describe the outer terminal or SSH connection (TERM, COLORTERM, LANG,
// LC_ALL, LC_CTYPE, TERM_PROGRAM, SSH_TTY, NO_COLOR, ... see envDrop), plus
// TERM=xterm-256color and LANG=C.UTF-8, plus opts.Env.
//
// When ctx is cancelled the process group is killed, as with [Session.Kill].
// The caller must call [Session.Close] to release the pty.
func StartOptions(ctx context.Context, cmd *exec.Cmd, opts Options) (*Session, error) {
	if opts.Cols <= 0 || opts.Rows <= 0 {
		return nil, fmt.Errorf("ptymeter: bad size %dx%d", opts.Cols, opts.Rows)
	}
	if cmd.Process != nil {
		return nil, errors.New("ptymeter: command already started")
	}
	master, tty, err := openPty()
	if err != nil {
		return nil, err
	}
	s := &Session{
		cmd:      cmd,
		ptmx:     master,
		ttyPth:   tty.Name(),
		opts:     opts,
		cols:     opts.Cols,
		rows:     opts.Rows,
		changed:  make(chan struct{}),
		replies:  make(chan []byte, 64),
		readDone: make(chan struct{}),
		exited:   make(chan struct{}),
		stop:     make(chan struct{}),
	}
	if err := s.setWinsize(opts.Cols, opts.Rows); err != nil {
		master.Close()
		tty.Close()
		return nil, err
	}
	s.emu = vt.NewEmulator(opts.Cols, opts.Rows)
	s.installResponder()

	cmd.Env = buildEnv(cmd.Env, opts, s.ttyPth)
	cmd.Stdin = tty
	if cmd.Stdout == nil {
		cmd.Stdout = tty
	}
	if cmd.Stderr == nil {
		cmd.Stderr = tty
	}
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setsid = true
	cmd.SysProcAttr.Setctty = true
	cmd.SysProcAttr.Ctty = 0 // standard input, the tty
	s.lastPoke = time.Now()
	if err := cmd.Start(); err != nil {
		master.Close()
		tty.Close()
		return nil, fmt.Errorf("ptymeter: start %s: %w", cmd.Path, err)
	}
	// The child holds its own copies; keeping ours open would stop the
	// master from ever reporting EOF.
	tty.Close()

	s.bg.Add(3)
	go s.readLoop()
	go s.writeLoop()
	go s.forwardEmulatorReplies()
	go func() {
		err := cmd.Wait()
		s.mu.Lock()
		s.exitErr = err
		s.mu.Unlock()
		close(s.exited)
	}()
	go func() {
		select {
		case <-ctx.Done():
			_ = s.Kill()
		case <-s.exited:
		case <-s.stop:
		}
	}()
	return s, nil
}

// openPty opens a pty pair and re-wraps the master as a non-blocking file so
// that reads go through the runtime poller: closing it then interrupts a
// pending Read, and writes can carry deadlines.
func openPty() (master, tty *os.File, err error) {
	p, t, err := pty.Open()
	if err != nil {
		return nil, nil, fmt.Errorf("ptymeter: open pty: %w", err)
	}
	fd, err := unix.Dup(int(p.Fd()))
	p.Close()
	if err == nil {
		err = unix.SetNonblock(fd, true)
		unix.CloseOnExec(fd)
	}
	if err != nil {
		t.Close()
		return nil, nil, fmt.Errorf("ptymeter: pty master: %w", err)
	}
	return os.NewFile(uintptr(fd), "/dev/ptmx"), t, nil
}

// envDrop lists variables removed from the inherited environment because
// they describe the outer terminal, locale or connection and would make
// results depend on where the benchmark runs.
var envDrop = []string{
	"TERM", "COLORTERM", "LANG", "LC_ALL", "LC_CTYPE", "LANGUAGE",
	"TERM_PROGRAM", "TERM_PROGRAM_VERSION", "TERMINAL_EMULATOR",
	"SSH_TTY", "SSH_CONNECTION", "SSH_CLIENT",
	"TMUX", "TMUX_PANE", "STY", "WT_SESSION", "VTE_VERSION",
	"KITTY_WINDOW_ID", "WEZTERM_PANE", "ALACRITTY_WINDOW_ID",
	"COLORFGBG", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLUMNS", "LINES",
}

func buildEnv(base []string, opts Options, ttyPath string) []string {
	if base == nil {
		base = os.Environ()
	}
	env := make([]string, 0, len(base)+8)
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		drop := false
		for _, d := range envDrop {
			if name == d {
				drop = true
				break
			}
		}
		if !drop {
			env = append(env, kv)
		}
	}
	env = append(env, "TERM=xterm-256color", "LANG=C.UTF-8")
	if opts.SSH {
		env = append(env,
			"SSH_TTY="+ttyPath,
			"SSH_CONNECTION=127.0.0.1 50022 127.0.0.1 22",
			"SSH_CLIENT=127.0.0.1 50022 22")
	}
	return append(env, opts.Env...)
}

// readLoop drains the pty master: it counts bytes, copies them to the
// transcript, feeds the emulator and queues any replies to queries.
func (s *Session) readLoop() {
	defer s.bg.Done()
	defer close(s.readDone)
	buf := make([]byte, 32*1024)
	for {
		n, err := s.ptmx.Read(buf)
		if n > 0 {
			s.mu.Lock()
			s.total += int64(n)
			s.lastOut = time.Now()
			if s.opts.Transcript != nil {
				_, _ = s.opts.Transcript.Write(buf[:n])
			}
			if s.opts.Record {
				s.record = append(s.record, buf[:n]...)
			}
			_, _ = s.emu.Write(buf[:n])
			out := s.pending
			s.pending = nil
			s.notifyLocked()
			s.mu.Unlock()
			for _, r := range out {
				s.queueReply(r)
			}
		}
		if err != nil {
			// EIO once every holder of the terminal side has closed it,
			// os.ErrClosed after Close: either way no more output.
			s.mu.Lock()
			s.notifyLocked()
			s.mu.Unlock()
			return
		}
	}
}

// queueReply hands a reply to the writer goroutine without ever blocking
// once the session is stopping.
func (s *Session) queueReply(b []byte) {
	select {
	case s.replies <- b:
	case <-s.stop:
	}
}

// writeLoop writes query replies to the program, in order.
func (s *Session) writeLoop() {
	defer s.bg.Done()
	for {
		select {
		case b := <-s.replies:
			_ = s.write(b)
		case <-s.stop:
			return
		}
	}
}

// forwardEmulatorReplies passes on whatever the emulator itself answers
// (queries the responder does not override, such as DA2) so that nothing
// blocks on the emulator's internal pipe.
func (s *Session) forwardEmulatorReplies() {
	defer s.bg.Done()
	buf := make([]byte, 4096)
	for {
		n, err := s.emu.Read(buf)
		if n > 0 {
			b := append([]byte(nil), buf[:n]...)
			s.qmu.Lock()
			s.queries = append(s.queries, Query{Reply: string(b)})
			s.qmu.Unlock()
			s.queueReply(b)
		}
		if err != nil {
			return
		}
	}
}

// write sends b to the program's input.
func (s *Session) write(b []byte) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	_ = s.ptmx.SetWriteDeadline(time.Now().Add(writeTimeout))
	_, err := s.ptmx.Write(b)
	return err
}

// Output returns a copy of the bytes the program wrote from byte offset
// from (a value of [Session.Bytes] or [Session.Mark]) up to now. It returns
// nil unless the session was started with Options.Record.
func (s *Session) Output(from int64) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	if from < 0 || from > int64(len(s.record)) {
		return nil
	}
	return append([]byte(nil), s.record[from:]...)
}

// notifyLocked wakes everyone waiting for a change. s.mu must be held.
func (s *Session) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// Send writes keys to the program as if typed: raw bytes, for example "j",
// "\r" (Enter), "\x1b" (Escape) or "\x1b[B" (Down).
func (s *Session) Send(keys string) error {
	select {
	case <-s.stop:
		return ErrClosed
	default:
	}
	s.mu.Lock()
	s.lastPoke = time.Now()
	s.mu.Unlock()
	if err := s.write([]byte(keys)); err != nil {
		return fmt.Errorf("ptymeter: send %q: %w", keys, err)
	}
	return nil
}

// Resize changes the terminal size to cols×rows. The emulator is resized
// first, then the pty, which makes the kernel send SIGWINCH to the program.
func (s *Session) Resize(cols, rows int) error {
	if cols <= 0 || rows <= 0 {
		return fmt.Errorf("ptymeter: bad size %dx%d", cols, rows)
	}
	s.mu.Lock()
	s.emu.Resize(cols, rows)
	s.cols, s.rows = cols, rows
	s.lastPoke = time.Now()
	s.mu.Unlock()
	return s.setWinsize(cols, rows)
}

// Size returns the current terminal size in cells.
func (s *Session) Size() (cols, rows int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cols, s.rows
}

func (s *Session) setWinsize(cols, rows int) error {
	rc, err := s.ptmx.SyscallConn()
	if err != nil {
		return fmt.Errorf("ptymeter: resize: %w", err)
	}
	ws := &unix.Winsize{Col: uint16(cols), Row: uint16(rows)}
	var ioErr error
	if err := rc.Control(func(fd uintptr) {
		ioErr = unix.IoctlSetWinsize(int(fd), unix.TIOCSWINSZ, ws)
	}); err != nil {
		return fmt.Errorf("ptymeter: resize: %w", err)
	}
	if ioErr != nil {
		return fmt.Errorf("ptymeter: resize: %w", ioErr)
	}
	return nil
}

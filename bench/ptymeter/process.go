package ptymeter

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
)

// hangupGrace is how long Close waits after SIGHUP before sending SIGKILL.
const hangupGrace = 2 * time.Second

// TTY returns the path of the pty's terminal side, e.g. /dev/pts/3.
func (s *Session) TTY() string { return s.ttyPth }

// Pid returns the program's process id, which is also its process group id.
func (s *Session) Pid() int { return s.cmd.Process.Pid }

// Exited is closed once the program's main process has exited and been
// reaped. Output may still be in flight; see [Session.WaitExit].
func (s *Session) Exited() <-chan struct{} { return s.exited }

// ExitErr returns the error from waiting for the program (nil for a clean
// exit, an *exec.ExitError otherwise), or nil while it is still running.
func (s *Session) ExitErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exitErr
}

// WaitExit waits up to max for the program to exit and for its output to be
// fully drained, and returns the program's exit error (nil for status 0).
// It returns an error wrapping [ErrTimeout] if it is still running.
func (s *Session) WaitExit(max time.Duration) error {
	t := time.NewTimer(max)
	defer t.Stop()
	select {
	case <-s.exited:
	case <-t.C:
		return fmt.Errorf("%w: program still running after %v", ErrTimeout, max)
	}
	select {
	case <-s.readDone:
	case <-t.C:
		// A descendant still holds the tty open; the exit is what matters.
	}
	return s.ExitErr()
}

// signalGroup sends sig to the program's whole process group.
func (s *Session) signalGroup(sig syscall.Signal) error {
	err := syscall.Kill(-s.cmd.Process.Pid, sig)
	if err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("ptymeter: signal %v: %w", sig, err)
	}
	return nil
}

// Kill sends SIGKILL to the program's process group without any chance of a
// clean quit (for crash tests) and waits for the main process to be reaped.
// The session stays readable; call [Session.Close] to release it.
func (s *Session) Kill() error {
	if err := s.signalGroup(syscall.SIGKILL); err != nil {
		return err
	}
	select {
	case <-s.exited:
		return nil
	case <-time.After(30 * time.Second):
		return fmt.Errorf("%w: process %d survived SIGKILL", ErrTimeout, s.cmd.Process.Pid)
	}
}

// DropLink closes the pty's master side with no signal first, as when an
// SSH connection is cut: the kernel hangs up the terminal, so the program
// gets SIGHUP and its reads and writes fail. Call [Session.Close] after it.
func (s *Session) DropLink() error { return s.ptmx.Close() }

// Close ends the session: if the program is still running its process group
// gets SIGHUP (as when an SSH connection drops) and, after a short grace
// period, SIGKILL. Close then waits for the process, closes the pty and stops
// the helper goroutines. The screen and counters stay readable afterwards.
// Calling Close more than once is safe.
func (s *Session) Close() error {
	s.closeOnce.Do(func() {
		select {
		case <-s.exited:
			// Descendants may linger in the group; hang them up too.
			_ = s.signalGroup(syscall.SIGHUP)
		default:
			_ = s.signalGroup(syscall.SIGHUP)
			select {
			case <-s.exited:
			case <-time.After(hangupGrace):
				s.closeErr = s.Kill()
			}
		}
		close(s.stop)
		if err := s.ptmx.Close(); err != nil && !errors.Is(err, os.ErrClosed) && s.closeErr == nil {
			s.closeErr = err
		}
		if pw, ok := s.emu.InputPipe().(*io.PipeWriter); ok {
			_ = pw.Close()
		}
		s.bg.Wait()
	})
	return s.closeErr
}

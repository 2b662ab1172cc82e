package ptymeter

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Timeouts are generous on purpose: the tests must pass on a loaded 2-core
// machine, and nothing here asserts on timing.
const (
	long  = 30 * time.Second
	quiet = 300 * time.Millisecond
)

func start(t *testing.T, cmd *exec.Cmd, cols, rows int) *Session {
	t.Helper()
	s, err := Start(context.Background(), cmd, cols, rows)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// syncBuffer is a bytes.Buffer safe for the reader goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestByteCountsAndScreen(t *testing.T) {
	// Echo off so only the program's own output is counted. The tty turns
	// each "\n" into "\r\n", so "hello\n" is 7 bytes on the wire.
	script := `stty -echo; printf 'hello\n'; read x; printf 'bye %s\n' "$x"; read y`
	var transcript syncBuffer
	s, err := StartOptions(context.Background(), exec.Command("sh", "-c", script),
		Options{Cols: 40, Rows: 5, Transcript: &transcript})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	if err := s.WaitFor("hello", long); err != nil {
		t.Fatal(err)
	}
	if n, err := s.WaitQuiet(quiet, long); err != nil || n != 7 {
		t.Fatalf("first output: %d bytes, %v; want 7", n, err)
	}
	if got := s.Mark(); got != 7 {
		t.Fatalf("Mark = %d, want 7", got)
	}
	if err := s.Send("abc\r"); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitFor("bye abc", long); err != nil {
		t.Fatal(err)
	}
	if n, err := s.WaitQuiet(quiet, long); err != nil || n != 9 {
		t.Fatalf("after key: %d bytes, %v; want 9 (\"bye abc\\r\\n\")", n, err)
	}
	if s.Bytes() != 16 || s.Since() != 9 {
		t.Fatalf("Bytes=%d Since=%d, want 16 and 9", s.Bytes(), s.Since())
	}
	if got, want := s.Screen(), "hello\nbye abc\n\n\n"; got != want {
		t.Fatalf("Screen = %q, want %q", got, want)
	}
	if got := s.Line(1); got != "bye abc" {
		t.Fatalf("Line(1) = %q", got)
	}
	if x, y := s.Cursor(); x != 0 || y != 2 {
		t.Fatalf("Cursor = %d,%d, want 0,2", x, y)
	}
	if err := s.Send("\r"); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitExit(long); err != nil {
		t.Fatalf("exit: %v", err)
	}
	if got := transcript.String(); got != "hello\r\nbye abc\r\n" {
		t.Fatalf("transcript = %q", got)
	}
	// Once the pty is closed, waiting is pointless and returns at once.
	if _, err := s.WaitQuiet(time.Hour, time.Hour); err != nil {
		t.Fatalf("WaitQuiet after exit: %v", err)
	}
	if err := s.WaitFor("never", time.Hour); !errors.Is(err, ErrExited) {
		t.Fatalf("WaitFor after exit: %v, want ErrExited", err)
	}
}

func TestWaitForTimeout(t *testing.T) {
	s := start(t, exec.Command("sh", "-c", "printf 'ready\\n'; sleep 60"), 30, 4)
	if err := s.WaitFor("ready", long); err != nil {
		t.Fatal(err)
	}
	err := s.WaitFor("absent", 200*time.Millisecond)
	if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "ready") {
		t.Fatalf("err = %v, want ErrTimeout showing the screen", err)
	}
}

func TestWaitQuietTimeout(t *testing.T) {
	// A program that never stops writing never goes quiet.
	s := start(t, exec.Command("sh", "-c", "while :; do echo tick; sleep 0.02; done"), 30, 4)
	n, err := s.WaitQuiet(5*time.Second, 500*time.Millisecond)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if n <= 0 {
		t.Fatalf("count %d, want > 0 even on timeout", n)
	}
}

func TestResize(t *testing.T) {
	s := start(t, helperCmd(t, "size"), 80, 24)
	if err := s.WaitFor("size 80x24", long); err != nil {
		t.Fatal(err)
	}
	if err := s.Resize(100, 30); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitFor("size 100x30", long); err != nil {
		t.Fatal(err)
	}
	if c, r := s.Size(); c != 100 || r != 30 {
		t.Fatalf("Size = %dx%d", c, r)
	}
	if got := len(strings.Split(s.Screen(), "\n")); got != 30 {
		t.Fatalf("screen has %d rows after resize, want 30", got)
	}
	s.Mark()
	if err := s.Send("x"); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitFor(`key 'x'`, long); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.WaitQuiet(quiet, long); n != int64(len("key 'x'\r\n")) {
		t.Fatalf("key output %d bytes", n)
	}
	if err := s.Send("q"); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitExit(long); err != nil {
		t.Fatalf("clean quit: %v", err)
	}
}

func TestKill(t *testing.T) {
	s := start(t, helperCmd(t, "size"), 40, 10)
	if err := s.WaitFor("size 40x10", long); err != nil {
		t.Fatal(err)
	}
	if err := s.Kill(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.Exited():
	default:
		t.Fatal("Exited not closed after Kill")
	}
	var ee *exec.ExitError
	if err := s.ExitErr(); !errors.As(err, &ee) {
		t.Fatalf("ExitErr = %v, want an exit error", err)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("exit status %v, want killed by SIGKILL", ee)
	}
	if strings.Contains(s.Screen(), "bye") {
		t.Fatal("killed program should not have quit cleanly")
	}
	// The last screen stays readable after the crash.
	if !strings.Contains(s.Screen(), "size 40x10") {
		t.Fatalf("screen lost: %q", s.Screen())
	}
}

func TestCloseHangsUpRunningProgram(t *testing.T) {
	s, err := Start(context.Background(), exec.Command("sleep", "600"), 20, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.Exited():
	default:
		t.Fatal("program still running after Close")
	}
	if err := s.Send("x"); !errors.Is(err, ErrClosed) {
		t.Fatalf("Send after Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

func TestContextCancelKills(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, exec.Command("sleep", "600"), 20, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cancel()
	select {
	case <-s.Exited():
	case <-time.After(long):
		t.Fatal("program survived context cancellation")
	}
}

func TestEnvironment(t *testing.T) {
	cmd := helperCmd(t, "env")
	cmd.Env = append(cmd.Env, "COLORTERM=truecolor", "TERM=dumb", "LANG=fr_FR")
	s, err := StartOptions(context.Background(), cmd,
		Options{Cols: 60, Rows: 8, SSH: true, Env: []string{"EXTRA=1"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.WaitFor("end", long); err != nil {
		t.Fatal(err)
	}
	scr := s.Screen()
	for _, want := range []string{
		`TERM="xterm-256color" true`,
		`LANG="C.UTF-8" true`,
		`COLORTERM="" false`,
		`SSH_TTY="` + s.TTY() + `" true`,
		`EXTRA="1" true`,
	} {
		if !strings.Contains(scr, want) {
			t.Errorf("screen lacks %s:\n%s", want, scr)
		}
	}
}

func TestQueryReplies(t *testing.T) {
	s, err := StartOptions(context.Background(), helperCmd(t, "query"),
		Options{Cols: 60, Rows: 10, ModeReplies: map[int]int{2026: 2}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.WaitFor("done", long); err != nil {
		t.Fatal(err)
	}
	scr := s.Screen()
	for _, want := range []string{
		`cpr="\x1b[3;5R"`,
		`da1="\x1b[?62;22c"`,
		`osc11="\x1b]11;rgb:0000/0000/0000\x1b\\"`,
		`decrqm="\x1b[?2026;2$y"`,
		`winsize="\x1b[8;10;60t"`,
		`kitty="\x1b[?62;22c"`,
	} {
		if !strings.Contains(scr, want) {
			t.Errorf("screen lacks %s:\n%s", want, scr)
		}
	}
	var seqs []string
	for _, q := range s.Queries() {
		seqs = append(seqs, q.Seq)
	}
	got := strings.Join(seqs, " ")
	want := strings.Join([]string{"\x1b[6n", "\x1b[c", "\x1b]11;?\x1b\\", "\x1b[?2026$p", "\x1b[18t", "\x1b[?u", "\x1b[c"}, " ")
	if got != want {
		t.Errorf("queries %q, want %q", got, want)
	}
}

// TestBubbleteaProgram runs a small bubbletea v2 program, the toolkit Sapa is
// built on, to check that its start-up queries are answered and the
// measuring loop works end to end.
func TestBubbleteaProgram(t *testing.T) {
	s := start(t, helperCmd(t, "tea"), 40, 12)
	if err := s.WaitFor("> item 01", long); err != nil {
		t.Fatal(err)
	}
	first, err := s.WaitQuiet(quiet, long)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range s.Queries() {
		t.Logf("query %v", q)
	}
	if !s.AltScreen() {
		t.Error("expected the alternate screen")
	}
	s.Mark()
	if err := s.Send("j"); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitFor("> item 02", long); err != nil {
		t.Fatal(err)
	}
	perKey, err := s.WaitQuiet(quiet, long)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first frame %d bytes, one j %d bytes", first, perKey)
	if perKey <= 0 || perKey >= first {
		t.Errorf("j cost %d bytes, first frame %d: expected an incremental redraw", perKey, first)
	}
	if err := s.Resize(50, 8); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitFor("inbox 50x8", long); err != nil {
		t.Fatal(err)
	}
	if err := s.Send("q"); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitExit(long); err != nil {
		t.Fatalf("quit: %v", err)
	}
	if s.AltScreen() {
		t.Error("still on the alternate screen after quitting")
	}
}

package ptymeter

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
)

// The test binary doubles as the programs under test: with PTYMETER_HELPER
// set it runs one of the helpers below instead of the tests.
const helperEnv = "PTYMETER_HELPER"

func TestMain(m *testing.M) {
	if mode := os.Getenv(helperEnv); mode != "" {
		os.Exit(runHelper(mode))
	}
	os.Exit(m.Run())
}

// helperCmd returns a command that runs the named helper in a child process.
func helperCmd(t *testing.T, mode string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), helperEnv+"="+mode)
	return cmd
}

func runHelper(mode string) int {
	switch mode {
	case "size":
		return helperSize()
	case "query":
		return helperQuery()
	case "env":
		for _, k := range []string{"TERM", "LANG", "COLORTERM", "SSH_TTY", "EXTRA"} {
			v, ok := os.LookupEnv(k)
			fmt.Printf("%s=%q %v\n", k, v, ok)
		}
		fmt.Println("end")
		return 0
	case "tea":
		return helperTea(false)
	case "tea-tick":
		return helperTea(true)
	}
	fmt.Fprintln(os.Stderr, "unknown helper", mode)
	return 2
}

// helperSize prints the terminal size at start and after every SIGWINCH,
// and exits when it reads 'q'.
func helperSize() int {
	st, err := term.MakeRaw(os.Stdin.Fd())
	if err != nil {
		return 3
	}
	defer term.Restore(os.Stdin.Fd(), st)
	show := func() {
		w, h, _ := term.GetSize(os.Stdout.Fd())
		fmt.Printf("size %dx%d\r\n", w, h)
	}
	winch := make(chan os.Signal, 1)
	signal.Notify(winch, syscall.SIGWINCH)
	keys := make(chan byte)
	go func() {
		r := bufio.NewReader(os.Stdin)
		for {
			b, err := r.ReadByte()
			if err != nil {
				close(keys)
				return
			}
			keys <- b
		}
	}()
	show()
	for {
		select {
		case <-winch:
			show()
		case b, ok := <-keys:
			if !ok || b == 'q' {
				fmt.Print("bye\r\n")
				return 0
			}
			fmt.Printf("key %q\r\n", b)
		}
	}
}

// helperQuery sends terminal queries one by one, prints each reply as a
// quoted string and waits for 'q'.
func helperQuery() int {
	st, err := term.MakeRaw(os.Stdin.Fd())
	if err != nil {
		return 3
	}
	defer term.Restore(os.Stdin.Fd(), st)
	r := bufio.NewReader(os.Stdin)
	// readUntil collects a reply up to and including its final byte.
	readUntil := func(final string) string {
		var b strings.Builder
		for {
			c, err := r.ReadByte()
			if err != nil {
				return b.String()
			}
			b.WriteByte(c)
			if strings.HasSuffix(b.String(), final) {
				return b.String()
			}
		}
	}
	fmt.Print("\x1b[3;5H") // row 3, column 5, for the cursor report
	fmt.Print("\x1b[6n")
	cpr := readUntil("R")
	fmt.Print("\x1b[H\x1b[2J")
	fmt.Printf("cpr=%q\r\n", cpr)
	fmt.Print("\x1b[c")
	fmt.Printf("da1=%q\r\n", readUntil("c"))
	fmt.Print("\x1b]11;?\x07")
	fmt.Printf("osc11=%q\r\n", readUntil("\x1b\\"))
	fmt.Print("\x1b[?2026$p")
	fmt.Printf("decrqm=%q\r\n", readUntil("y"))
	fmt.Print("\x1b[18t")
	fmt.Printf("winsize=%q\r\n", readUntil("t"))
	fmt.Print("\x1b[?u\x1b[c") // unanswered kitty query, then DA1
	fmt.Printf("kitty=%q\r\n", readUntil("c"))
	fmt.Print("done\r\n")
	for {
		c, err := r.ReadByte()
		if err != nil || c == 'q' {
			return 0
		}
	}
}

// teaModel is a minimal bubbletea v2 mail list: j/k move, G jumps to the
// last item, Enter opens the selected item, q (or Escape) goes back from an
// open item and quits from the list. With tick set it redraws a counter
// every 100ms, like a clock would.
type teaModel struct {
	cursor int
	w, h   int
	open   bool
	tick   bool
	ticks  int
}

type tickMsg struct{}

func (m teaModel) next() tea.Cmd {
	if !m.tick {
		return nil
	}
	return tea.Tick(100*time.Millisecond, func(time.Time) tea.Msg { return tickMsg{} })
}

func (m teaModel) Init() tea.Cmd { return m.next() }

func (m teaModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tickMsg:
		m.ticks++
		return m, m.next()
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.KeyPressMsg:
		key := msg.String()
		if m.open {
			if key == "q" || key == "esc" {
				m.open = false
			}
			return m, nil
		}
		switch key {
		case "j":
			if m.cursor < 49 {
				m.cursor++
			}
		case "k":
			if m.cursor > 0 {
				m.cursor--
			}
		case "G":
			m.cursor = 49
		case "enter":
			m.open = true
		case "q":
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m teaModel) View() tea.View {
	var b strings.Builder
	if m.open {
		fmt.Fprintf(&b, "message %02d\n\nHello from item %02d.\n", m.cursor+1, m.cursor+1)
		v := tea.NewView(b.String())
		v.AltScreen = true
		return v
	}
	fmt.Fprintf(&b, "inbox %dx%d ticks %d\n", m.w, m.h, m.ticks)
	// Scroll so the cursor stays on screen.
	top := max(0, m.cursor-(m.h-3))
	for i := top; i < 50 && i < top+m.h-2; i++ {
		mark := "  "
		if i == m.cursor {
			mark = "> "
		}
		fmt.Fprintf(&b, "%sitem %02d\n", mark, i+1)
	}
	v := tea.NewView(b.String())
	v.AltScreen = true
	return v
}

func helperTea(tick bool) int {
	if _, err := tea.NewProgram(teaModel{tick: tick}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

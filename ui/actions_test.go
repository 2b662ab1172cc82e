package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// TestNewActionIsOneRow adds a throwaway action as one row plus its locale
// string and finds it everywhere actions appear: its key runs it, `:` runs
// it with an argument, tab completes its name and its argument, and `?`
// lists its key, its description and its command.
func TestNewActionIsOneRow(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	var ran [][]string
	rows := append(actionRows(), actionRow{
		id: actionID(1000), name: "forward", keys: keysOf("W"), where: inBrowse, group: groupTriage, arg: argUnit,
		run: func(m *Model, args []string) tea.Cmd { ran = append(ran, args); return nil },
	})
	cfg := testConfig()
	m := build(Deps{Store: e.st, Admin: cfg.Admin.Name, Config: cfg, Now: e.clk.now, Ctx: context.Background(), Platforms: testPlatforms(),
		Units: []string{"Kecamatan Cibinong", "Kecamatan Citeureup"}}, rows)
	m.c.loc.tab["key.forward"] = "naikkan ke dinas"
	m.noWatch = true
	m = run(t, m, m.Init())
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})

	m = keys(t, m, "W")
	if len(ran) != 1 || ran[0] != nil {
		t.Fatalf("W did not run the action as a key: %v", ran)
	}
	m = keys(t, m, ":")
	m = typeText(t, m, "forward Kecamatan Cibinong\n")
	if len(ran) != 2 || strings.Join(ran[1], " ") != "Kecamatan Cibinong" {
		t.Fatalf(":forward did not run with its argument: %v", ran)
	}
	m = keys(t, m, ":")
	m = typeText(t, m, "forw")
	m = keys(t, m, "tab")
	if got := string(m.prompt.input); got != "forward " {
		t.Fatalf("tab completed %q, want the command", got)
	}
	m = typeText(t, m, "Kecamatan Cit")
	m = keys(t, m, "tab")
	if got := string(m.prompt.input); got != "forward Kecamatan Citeureup " {
		t.Fatalf("tab completed %q, want the unit", got)
	}
	m = keys(t, m, "esc", "?")
	help := strings.Join(helpText(t, m), "\n")
	for _, want := range []string{"W              naikkan ke dinas", ":forward\u00a0<unit>"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
}

// helpText is every row of the help screen, scrolled through to the end.
func helpText(t *testing.T, m Model) []string {
	t.Helper()
	var out []string
	for _, l := range m.helpLines() {
		out = append(out, ansiStrip(l))
	}
	return out
}

// TestCommandCompletion completes commands and each kind of argument from
// its source: views, the platforms, labels and admins from the store.
func TestCommandCompletion(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	siti := "siti"
	c := convByName(t, e, "Budi Santoso")
	if _, err := e.st.Apply(context.Background(), c.ID, "ani", inbox.Change{Assign: &siti, ExpectAssignee: "-", AddLabel: "ktp"}); err != nil {
		t.Fatal(err)
	}
	c = convByName(t, e, "Andi Wijaya")
	if _, err := e.st.Apply(context.Background(), c.ID, "ani", inbox.Change{AddLabel: "banjir"}); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, e, testConfig())
	for _, tc := range []struct{ typed, want string }{
		{"repl", "reply "}, {"repo", "report "},
		{"view un", "view unassigned "},
		{"platform w", "platform wa "},
		{"assign s", "assign siti "},
		{"label b", "label banjir "},
		{"unlabel k", "unlabel ktp "},
		{"priority 2", "priority 2 "},
		{"as", "assign"},             // two commands share "assign": the word grows to it
		{"search ktp", "search ktp"}, // free text: nothing to complete
	} {
		m = keys(t, m, ":")
		m = typeText(t, m, tc.typed)
		m = keys(t, m, "tab")
		if got := string(m.prompt.input); got != tc.want {
			t.Errorf("%q + tab = %q, want %q", tc.typed, got, tc.want)
		}
		m = keys(t, m, "esc")
	}
	// Tab again cycles through what is left, shift+tab back.
	m = keys(t, m, ":")
	m = typeText(t, m, "as")
	m = keys(t, m, "tab", "tab")
	if got := string(m.prompt.input); got != "assign_me" {
		t.Fatalf("second tab = %q, want assign_me", got)
	}
	if last := rowsOf(m)[len(rowsOf(m))-1]; !strings.Contains(last, ":assign_me   [assign_me assign]") {
		t.Fatalf("the prompt does not show what tab offers: %q", last)
	}
	m = keys(t, m, "tab")
	if got := string(m.prompt.input); got != "assign" {
		t.Fatalf("third tab = %q, want assign again", got)
	}
	m = typeText(t, m, "x")
	if last := rowsOf(m)[len(rowsOf(m))-1]; strings.Contains(last, "[") {
		t.Fatalf("the offer stays after a typed key: %q", last)
	}
	m = keys(t, m, "esc")
	// The assign prompt (a) completes admins too.
	m = keys(t, m, "a")
	m = typeText(t, m, "si")
	m = keys(t, m, "tab")
	if got := string(m.prompt.input); got != "siti " {
		t.Fatalf("assign prompt completed %q", got)
	}
	_ = time.Second
}

package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

// convByName finds a seeded conversation by its contact's name.
func convByName(t *testing.T, e *env, name string) inbox.Conversation {
	t.Helper()
	rows, err := e.st.List(context.Background(), inbox.Filter{View: inbox.ViewAll}, inbox.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rows {
		if c.Contact.Name == name {
			return c
		}
	}
	t.Fatalf("no conversation with %s", name)
	return inbox.Conversation{}
}

func auditActions(t *testing.T, e *env, conv int64) string {
	t.Helper()
	entries, err := e.st.Audit(context.Background(), conv, 50)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range entries {
		out = append(out, a.Admin+":"+a.Action+"="+a.Detail)
	}
	return strings.Join(out, " ")
}

func TestTriageKeysChangeStatusAndAudit(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	siti := convByName(t, e, "Siti Rahma")

	m = keys(t, m, "d")
	if c := convByName(t, e, "Siti Rahma"); c.Status != inbox.StatusDone {
		t.Fatalf("d: status %s", c.Status)
	}
	if !strings.Contains(screenText(m), "selesai: Siti Rahma") {
		t.Fatalf("no status message:\n%s", screenText(m))
	}
	if m.list.rows[0].ID == siti.ID {
		t.Fatal("a done conversation stays in the open view")
	}
	m = keys(t, m, "j") // the message goes on the next key
	if strings.Contains(screenText(m), "selesai: Siti") {
		t.Fatal("the status message outlived the next key")
	}

	m = keys(t, m, "tab", "tab", "tab", "tab", "tab") // open → mine → unassigned → pending → snoozed → done
	if m.list.filter.View != inbox.ViewDone || len(m.list.rows) != 1 {
		t.Fatalf("view %s rows %d", m.list.filter.View, len(m.list.rows))
	}
	m = keys(t, m, "o")
	if c := convByName(t, e, "Siti Rahma"); c.Status != inbox.StatusOpen {
		t.Fatalf("o: status %s", c.Status)
	}
	m = keys(t, m, "shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab")
	if m.list.filter.View != inbox.ViewOpen {
		t.Fatalf("view %s", m.list.filter.View)
	}
	m = keys(t, m, "m", "!", "!", "p")
	c := convByName(t, e, "Siti Rahma")
	if c.Status != inbox.StatusPending || c.Assignee != "budi" || c.Priority != 2 {
		t.Fatalf("after p m ! !: %+v", c)
	}
	got := auditActions(t, e, siti.ID)
	for _, want := range []string{"budi:status=done", "budi:status=open", "budi:status=pending", "budi:assign=budi", "budi:priority=2"} {
		if !strings.Contains(got, want) {
			t.Errorf("audit lacks %s: %s", want, got)
		}
	}
}

func TestPromptsForAssignLabelSnooze(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "a")
	if !strings.Contains(screenText(m), "serahkan ke") {
		t.Fatalf("no assign prompt:\n%s", screenText(m))
	}
	m = typeText(t, m, "ani\n")
	m = keys(t, m, "t")
	m = typeText(t, m, "banjir\n")
	m = keys(t, m, "z")
	m = typeText(t, m, "2j\n")
	c := convByName(t, e, "Siti Rahma")
	if c.Assignee != "ani" || strings.Join(c.Labels, ",") != "banjir" || c.Status != inbox.StatusSnoozed ||
		!c.SnoozeUntil.Equal(t0.Add(2*time.Hour)) {
		t.Fatalf("after prompts: %+v", c)
	}
}

// TestCommandsEqualKeys runs the same triage once by keys and once by `:`
// commands on identical stores and compares the results.
func TestCommandsEqualKeys(t *testing.T) {
	byKeys, byCmds := newEnv(t), newEnv(t)
	byKeys.seed(t)
	byCmds.seed(t)
	m := newModel(t, byKeys, testConfig())
	m = keys(t, m, "j", "m", "!", "t")
	m = typeText(t, m, "ktp\n")
	m = keys(t, m, "z")
	_ = typeText(t, m, "besok\n")

	n := newModel(t, byCmds, testConfig())
	n = keys(t, n, "j")
	for _, line := range []string{"assign_me", "priority", "label ktp", "snooze besok"} {
		n = keys(t, n, ":")
		n = typeText(t, n, line+"\n")
	}
	a, b := convByName(t, byKeys, "Budi Santoso"), convByName(t, byCmds, "Budi Santoso")
	if a.Status != b.Status || a.Assignee != b.Assignee || a.Priority != b.Priority ||
		strings.Join(a.Labels, ",") != strings.Join(b.Labels, ",") || !a.SnoozeUntil.Equal(b.SnoozeUntil) {
		t.Fatalf("keys gave %+v\ncommands gave %+v", a, b)
	}
	if a.Status != inbox.StatusSnoozed || a.Assignee != "budi" || a.Priority != 1 {
		t.Fatalf("unexpected result %+v", a)
	}
	if ka, kb := auditActions(t, byKeys, a.ID), auditActions(t, byCmds, b.ID); ka != kb {
		t.Fatalf("audit differs:\nkeys     %s\ncommands %s", ka, kb)
	}
}

func TestAssignGuardSaysWhoHasIt(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	siti := convByName(t, e, "Siti Rahma")
	ani := "ani"
	if _, err := e.st.Apply(context.Background(), siti.ID, "ani", inbox.Change{Assign: &ani, ExpectAssignee: "-"}); err != nil {
		t.Fatal(err)
	}
	m = keys(t, m, "m") // budi still sees it unassigned
	if !strings.Contains(screenText(m), "sudah dipegang ani") {
		t.Fatalf("no warning:\n%s", screenText(m))
	}
	if c := convByName(t, e, "Siti Rahma"); c.Assignee != "ani" {
		t.Fatalf("assignee overwritten: %s", c.Assignee)
	}
}

func TestTriageInsideConversation(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, "!")
	if !strings.Contains(rowsOf(m)[0], "!") {
		t.Fatalf("header does not show the priority:\n%s", screenText(m))
	}
	m = keys(t, m, "d")
	if c := convByName(t, e, "Siti Rahma"); c.Status != inbox.StatusDone || c.Priority != 1 {
		t.Fatalf("conversation: %+v", c)
	}
	m = keys(t, m, "q")
	if m.screen != screenList {
		t.Fatal("q in a conversation did not go back")
	}
}

func TestUnknownCommandAndBadArguments(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	for line, want := range map[string]string{
		"frobnicate":   "perintah tidak dikenal: frobnicate",
		"priority 7":   "prioritas 0, 1 atau 2",
		"snooze kapan": "waktu tidak dikenal",
		"view nanti":   "tampilan tidak dikenal: nanti",
		"platform tv":  "platform tidak dikenal: tv",
	} {
		m = keys(t, m, ":")
		m = typeText(t, m, line+"\n")
		if !strings.Contains(screenText(m), want) {
			t.Errorf(":%s: no %q in\n%s", line, want, screenText(m))
		}
	}
}

func TestViewsAndPlatformFilter(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, ":")
	m = typeText(t, m, "platform wa\n")
	if m.list.filter.Platform != inbox.WhatsApp || len(m.list.rows) != 1 {
		t.Fatalf("platform wa: %s rows %d", m.list.filter.Platform, len(m.list.rows))
	}
	if !strings.Contains(rowsOf(m)[0], "Terbuka · WA") {
		t.Fatalf("header: %q", rowsOf(m)[0])
	}
	m = keys(t, m, "f") // whatsapp → x
	if m.list.filter.Platform != inbox.X {
		t.Fatalf("f: %s", m.list.filter.Platform)
	}
	m = keys(t, m, ":")
	m = typeText(t, m, "platform all\n")
	m = keys(t, m, ":")
	m = typeText(t, m, "view mine\n")
	if m.list.filter.View != inbox.ViewMine || len(m.list.rows) != 0 {
		t.Fatalf("view mine: %d rows", len(m.list.rows))
	}
	if !strings.Contains(screenText(m), "Milik saya") || !strings.Contains(screenText(m), "(tidak ada percakapan)") {
		t.Fatalf("empty mine view:\n%s", screenText(m))
	}
}

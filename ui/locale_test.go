package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/pii"
)

func TestLocaleTablesHaveTheSameKeys(t *testing.T) {
	tables := localeTables()
	id, en := tables["id"], tables["en"]
	for k := range id {
		if _, ok := en[k]; !ok {
			t.Errorf("en lacks %q", k)
		}
	}
	for k := range en {
		if _, ok := id[k]; !ok {
			t.Errorf("id lacks %q", k)
		}
	}
}

// TestLocaleCoversEveryString finds every key the code asks for and every
// family of keys built at run time, and checks both tables have them.
func TestLocaleCoversEveryString(t *testing.T) {
	want := map[string]bool{}
	// Any string literal shaped like a key of a family the tables know
	// ("presence.reading" kept in a variable, say) is a key the code asks for.
	families := map[string]bool{}
	for k := range localeTables()["id"] {
		family, _, _ := strings.Cut(k, ".")
		families[family] = true
	}
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`"(([a-z_]+)\.[a-z_][a-z_.0-9]*)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if families[m[2]] {
				want[m[1]] = true
			}
		}
	}
	for _, r := range actionRows() {
		want[r.helpKey()] = true
	}
	for _, v := range inbox.Views() {
		want["view."+string(v)] = true
	}
	for _, s := range []inbox.Status{inbox.StatusNew, inbox.StatusOpen, inbox.StatusPending, inbox.StatusSnoozed, inbox.StatusDone} {
		want["status."+string(s)] = true
	}
	for _, k := range []inbox.Kind{inbox.KindComment, inbox.KindDM, inbox.KindMention, inbox.KindEmail} {
		want["kind."+string(k)] = true
	}
	for _, d := range []inbox.Delivery{inbox.DeliveryQueued, inbox.DeliverySending, inbox.DeliverySent, inbox.DeliveryFailed, inbox.DeliveryUnknown} {
		want["delivery."+string(d)] = true
	}
	for m := 1; m <= 12; m++ {
		want[fmt.Sprintf("month.%d", m)] = true
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		want[fmt.Sprintf("weekday.%d", int(d))] = true
	}
	for _, k := range reportByKeys {
		want[k] = true
	}
	for _, a := range inbox.ConversationAuditActions() { // :history's action names
		want["audit."+string(a)] = true
	}
	for _, k := range pii.Kinds() { // the personal data a public reply would show
		want["pii."+string(k)] = true
	}
	var missing []string
	for lang, tab := range localeTables() {
		for k := range want {
			if _, ok := tab[k]; !ok {
				missing = append(missing, lang+":"+k)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Fatalf("missing strings: %s", strings.Join(missing, " "))
	}
}

func TestEnglishLocale(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	cfg := testConfig()
	cfg.UI.Language = "en"
	m := newModel(t, e, cfg)
	screen := screenText(m)
	for _, want := range []string{" Open ", "relay: not running", "open conversation", "07:00", "19 Nov", "11 Oct"} {
		if !strings.Contains(screen, want) {
			t.Errorf("English screen lacks %q:\n%s", want, screen)
		}
	}
}

// TestIndonesianSaysUnknownOneWay: a refusal of something unknown reads
// "tidak dikenal" (KBBI's "unknown") everywhere, never "tidak dikenali".
func TestIndonesianSaysUnknownOneWay(t *testing.T) {
	for k, v := range localeTables()["id"] {
		if strings.Contains(v, "dikenali") {
			t.Errorf("%s says %q: use \"tidak dikenal\"", k, v)
		}
	}
}

package e2e

import (
	"strings"
	"testing"
	"time"
	"unicode"
)

// TestSearchFindsTwoWeekOldMessage: `/` finds a word of the oldest
// conversation in the database, two weeks back, and the list then shows that
// conversation; opening it shows the word.
func TestSearchFindsTwoWeekOldMessage(t *testing.T) {
	t.Parallel()
	d := newDirs(t)
	a := startSapa(t, d, adminA)
	a.settle(d)

	// The oldest conversation, its contact, and the texts of its messages.
	db := openDB(t, d.db())
	var convID, first int64
	var name, status string
	err := db.QueryRow(`SELECT m.conversation_id, MIN(m.sent_at), COALESCE(p.name, ''), c.status
		FROM messages m JOIN conversations c ON c.id = m.conversation_id LEFT JOIN contacts p ON p.id = c.contact_id
		GROUP BY m.conversation_id ORDER BY MIN(m.sent_at) LIMIT 1`).Scan(&convID, &first, &name, &status)
	if err != nil {
		t.Fatal(err)
	}
	age := time.Since(time.UnixMilli(first))
	if age < 13*24*time.Hour {
		t.Fatalf("the oldest message is only %v old; the demo should hold two weeks", age.Round(time.Hour))
	}
	res, err := db.Query(`SELECT text FROM messages WHERE conversation_id = ? ORDER BY sent_at`, convID)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for res.Next() {
		var s string
		if err := res.Scan(&s); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, s)
	}
	res.Close()

	// Its rarest word (letters only, five or more): the one that matches the
	// fewest conversations, so the list is short and deterministic.
	word, matches := "", 0
	for _, w := range strings.FieldsFunc(strings.Join(texts, " "), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) < 5 {
			continue
		}
		var n int
		if err := db.QueryRow(`SELECT COUNT(DISTINCT m.conversation_id) FROM messages m
			WHERE m.id IN (SELECT docid FROM messages_fts WHERE messages_fts MATCH ?)`, strings.ToLower(w)+"*").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if word == "" || n < matches {
			word, matches = w, n
		}
	}
	if word == "" {
		t.Fatalf("no word to search for in %q", texts)
	}
	t.Logf("oldest conversation %d (%s, %s, first message %v ago); searching %q, in %d conversation(s)",
		convID, name, status, age.Round(time.Hour), word, matches)
	if matches > rows-3 {
		t.Fatalf("%q matches %d conversations: more than one screen", word, matches)
	}

	// The conversation may have been answered or closed long ago: look in
	// every view, then search.
	a.send(":view all" + keyEnter)
	a.waitScreen("the view of every conversation", stepTimeout, func(screen string) bool {
		left, _, ok := listHeader(screen)
		return ok && strings.HasPrefix(left, "Semua")
	})
	a.send("/")
	a.waitScreen("the search prompt", stepTimeout, func(screen string) bool {
		return strings.HasPrefix(lines(screen)[rows-1], "/")
	})
	a.send(word + keyEnter)
	want := name
	if len([]rune(want)) > 15 {
		want = string([]rune(want)[:15])
	}
	a.waitScreen("the search result", stepTimeout, func(screen string) bool {
		left, n, ok := listHeader(screen)
		return ok && strings.Contains(left, word) && n == matches && len(listRows(screen)) == matches
	})
	a.quiet(300 * time.Millisecond)
	screen := a.s.Screen()
	found := -1
	for i, r := range listRows(screen) {
		if strings.HasPrefix(rowName(r), want) || strings.HasPrefix(want, rowName(r)) && rowName(r) != "" {
			found = i
		}
	}
	if found < 0 {
		t.Fatalf("searching %q does not list %s's conversation:\n%s", word, name, screen)
	}

	// Open it: the two-week-old word is in the thread.
	a.send("g" + strings.Repeat("j", found))
	a.quiet(300 * time.Millisecond)
	a.send(keyEnter)
	a.waitScreen("the found conversation", stepTimeout, func(screen string) bool {
		return inThread(screen) && strings.Contains(lines(screen)[0], want)
	})
	a.send("g") // the top of the thread: the oldest messages
	a.waitFor(word, stepTimeout)
}

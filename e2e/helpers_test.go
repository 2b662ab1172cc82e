package e2e

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"sapa/bench/ptymeter"
	"sapa/platforms/demo"
)

// The terminal of every test: the size the issue names.
const (
	cols = 80
	rows = 24
)

// Timeouts are generous: CI runs on two loaded cores. What the issue promises
// (a send within seconds, another session within a second) is measured and
// asserted separately from these.
const (
	startTimeout = 30 * time.Second // first start builds the demo history
	stepTimeout  = 15 * time.Second // one key's visible effect
)

// Keys as a terminal sends them.
const (
	keyEnter = "\r"
	keyEsc   = "\x1b"
	keyCtrlS = "\x13"
)

// The two admins of the tests; the config defaults the admin name to $USER.
const (
	// Two admins of the demo team (sapa demo --as), both of the kabupaten,
	// so they see the same conversations.
	adminA = "rina.humas"
	adminB = "yoga.kominfo"
)

// dirs is one installation: its own data and config directories.
type dirs struct {
	data, config string
}

func newDirs(t *testing.T) dirs {
	t.Helper()
	base := t.TempDir()
	d := dirs{data: filepath.Join(base, "data"), config: filepath.Join(base, "config")}
	for _, p := range []string{d.data, d.config} {
		if err := os.MkdirAll(p, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// db is the demo database `sapa demo` keeps in $XDG_DATA_HOME/sapa.
func (d dirs) db() string { return filepath.Join(d.data, "sapa", "demo.db") }

// log is the log file beside the database.
func (d dirs) log() string { return filepath.Join(d.data, "sapa", "sapa.log") }

// recorder keeps everything the program wrote, and separately what it wrote
// while a window was open (between on and off).
type recorder struct {
	mu     sync.Mutex
	all    bytes.Buffer
	window bytes.Buffer
	open   bool
}

func (r *recorder) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.all.Write(p)
	if r.open {
		r.window.Write(p)
	}
	return len(p), nil
}

// on starts a new window.
func (r *recorder) on() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.window.Reset()
	r.open = true
}

// off closes the window and returns what it holds.
func (r *recorder) off() []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.open = false
	return bytes.Clone(r.window.Bytes())
}

// everything returns every byte written so far.
func (r *recorder) everything() []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return bytes.Clone(r.all.Bytes())
}

// app is one running `sapa demo` in an 80x24 pseudo-terminal.
type app struct {
	t       *testing.T
	s       *ptymeter.Session
	rec     *recorder
	name    string
	started time.Time
}

// startSapa runs `sapa demo --no-live --seed 1 --as admin` plus extra
// flags on the installation d; admin is one of the demo team.
func startSapa(t *testing.T, d dirs, admin string, extra ...string) *app {
	t.Helper()
	return startSapaSize(t, d, admin, cols, rows, extra...)
}

// startSapaSize is startSapa in a terminal of w columns and h rows.
func startSapaSize(t *testing.T, d dirs, admin string, w, h int, extra ...string) *app {
	t.Helper()
	args := append([]string{"demo", "--no-live", "--seed", "1", "--as", admin}, extra...)
	cmd := exec.Command(sapaBin, args...)
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "XDG_DATA_HOME", "XDG_CONFIG_HOME", "SAPA_CONFIG", "USER", "LOGNAME", "VISUAL", "EDITOR":
			continue
		}
		env = append(env, kv)
	}
	cmd.Env = append(env, "XDG_DATA_HOME="+d.data, "XDG_CONFIG_HOME="+d.config,
		"USER="+admin, "LOGNAME="+admin)
	rec := &recorder{}
	s, err := ptymeter.StartOptions(context.Background(), cmd, ptymeter.Options{Cols: w, Rows: h, Transcript: rec})
	if err != nil {
		t.Fatal(err)
	}
	a := &app{t: t, s: s, rec: rec, name: admin, started: time.Now()}
	t.Cleanup(func() { s.Close() })
	return a
}

// send types keys.
func (a *app) send(keys string) {
	a.t.Helper()
	if err := a.s.Send(keys); err != nil {
		a.t.Fatalf("%s: %v", a.name, err)
	}
}

// waitFor waits until the screen shows substr.
func (a *app) waitFor(substr string, max time.Duration) {
	a.t.Helper()
	if err := a.s.WaitFor(substr, max); err != nil {
		a.t.Fatalf("%s: %v", a.name, err)
	}
}

// waitScreen waits until ok holds for the screen.
func (a *app) waitScreen(what string, max time.Duration, ok func(screen string) bool) {
	a.t.Helper()
	if err := a.s.WaitScreen(ok, max, what); err != nil {
		a.t.Fatalf("%s: %v", a.name, err)
	}
}

// quiet waits until the program has written nothing for d.
func (a *app) quiet(d time.Duration) {
	a.t.Helper()
	if _, err := a.s.WaitQuiet(d, stepTimeout); err != nil {
		a.t.Fatalf("%s: %v; screen:\n%s", a.name, err, a.s.Screen())
	}
}

// lines splits a screen into its rows.
func lines(screen string) []string { return strings.Split(screen, "\n") }

// headerRE is the list's header row: the view (and filters) on the left,
// the number of conversations on the right.
var headerRE = regexp.MustCompile(`^ (\S.*?)\s+(\d+)$`)

// listHeader returns the list header's left part and count, ok false when
// the screen does not show the list.
func listHeader(screen string) (left string, count int, ok bool) {
	m := headerRE.FindStringSubmatch(lines(screen)[0])
	if m == nil {
		return "", 0, false
	}
	n, _ := strconv.Atoi(m[2])
	return m[1], n, true
}

// listRows returns the conversation rows shown (not the header, status bar
// or message row).
func listRows(screen string) []string {
	ls := lines(screen)
	var out []string
	for _, l := range ls[1 : len(ls)-2] {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// rowBadge is the platform badge of a list row (columns 3 to 5).
func rowBadge(row string) string {
	r := []rune(row)
	if len(r) < 6 {
		return ""
	}
	return strings.TrimSpace(string(r[3:6]))
}

// badges are the list's platform badges.
var badges = map[string]bool{"FB": true, "MSG": true, "IG": true, "WA": true, "X": true, "YT": true, "TG": true, "MA": true, "@": true}

// rowName is the author column of a list row, without the "…" of a cut
// name.
func rowName(row string) string {
	r := []rune(row)
	if len(r) < 23 {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSpace(string(r[7:23])), "…")
}

// inThread reports a conversation on screen (not the list): its header
// names who wrote, and where.
func inThread(screen string) bool {
	_, _, isList := listHeader(screen)
	return !isList && strings.Contains(lines(screen)[0], " · ")
}

// openTop selects the top row of the list (g), opens it (enter) and waits
// for its thread. It returns the list row it opened.
func (a *app) openTop() string {
	a.t.Helper()
	row := a.selectTop()
	name := rowName(row)
	a.send(keyEnter)
	a.waitScreen("the conversation of "+name, stepTimeout, func(screen string) bool {
		return inThread(screen) && strings.Contains(lines(screen)[0], name)
	})
	a.quiet(300 * time.Millisecond)
	return row
}

// selectTop selects the top row of the list (g) and returns it.
func (a *app) selectTop() string {
	a.t.Helper()
	a.send("g")
	a.quiet(300 * time.Millisecond)
	return listRows(a.s.Screen())[0]
}

// listReady reports the inbox list with conversations in it and its status
// bar drawn. (On a fresh demo database the list is empty until the relay
// has ingested the simulated history.)
func listReady(screen string) bool {
	_, n, ok := listHeader(screen)
	shown := listRows(screen)
	ls := lines(screen)
	return ok && n > 0 && len(shown) > 0 && badges[rowBadge(shown[0])] && strings.Contains(ls[len(ls)-2], "relay:")
}

// waitList waits for the inbox list, with conversations, after a start.
func (a *app) waitList() {
	a.t.Helper()
	a.waitScreen("the inbox list", startTimeout, listReady)
}

// settle waits until the relay has ingested the whole simulated history
// (every conversation in, and no message arriving for a second), the list
// shows as many open conversations as the database holds, and the screen is
// quiet. From then on a --no-live demo changes only when a test acts.
func (a *app) settle(d dirs) {
	a.t.Helper()
	a.waitList()
	open := a.settleData(d)
	a.waitScreen("the list counting every open conversation", stepTimeout, func(screen string) bool {
		left, n, ok := listHeader(screen)
		return ok && !strings.Contains(left, "·") && n == open
	})
	a.quiet(500 * time.Millisecond)
}

// settleData waits until the relay has ingested the whole simulated
// history and returns how many conversations are open.
func (a *app) settleData(d dirs) int {
	a.t.Helper()
	eventually(a.t, startTimeout, "the demo database", func() (bool, error) {
		if _, err := os.Stat(d.db()); err != nil {
			return false, nil
		}
		db := openDB(a.t, d.db())
		defer db.Close()
		var n int
		return db.QueryRow(`SELECT COUNT(*) FROM conversations`).Scan(&n) == nil, nil
	})
	db := openDB(a.t, d.db())
	count := func(q string) int {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			a.t.Fatal(err)
		}
		return n
	}
	eventually(a.t, startTimeout, "the whole demo history in the database", func() (bool, error) {
		return count(`SELECT COUNT(*) FROM conversations`) >= demo.DefaultConversations, nil
	})
	last, since := -1, time.Now()
	eventually(a.t, startTimeout, "no more history arriving", func() (bool, error) {
		n := count(`SELECT COUNT(*) FROM messages`)
		if n != last {
			last, since = n, time.Now()
		}
		return time.Since(since) >= time.Second, nil
	})
	return count(`SELECT COUNT(*) FROM conversations WHERE status IN ('new', 'open')`)
}

// statusBar is the row above the message row.
func (a *app) statusBar() string {
	ls := lines(a.s.Screen())
	return ls[len(ls)-2]
}

// openDB opens the demo database read-only, as an outside observer.
func openDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Ping(); err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	return db
}

// eventually polls cond every 20 ms until it returns true or max passes,
// returning how long it took.
func eventually(t *testing.T, max time.Duration, what string, cond func() (bool, error)) time.Duration {
	t.Helper()
	start := time.Now()
	var lastErr error
	for time.Since(start) < max {
		ok, err := cond()
		if ok {
			return time.Since(start)
		}
		lastErr = err
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s: not within %v (last error: %v)", what, max, lastErr)
	return 0
}

// leaseHolder reads the relay lease row; "" when nobody holds it.
func leaseHolder(db *sql.DB) (string, time.Time, error) {
	var holder string
	var exp int64
	err := db.QueryRow(`SELECT holder, expires_at FROM relay_lease WHERE id = 1`).Scan(&holder, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, nil
	}
	return holder, time.UnixMilli(exp), err
}

// holderOf is the relay holder id of a sapa process on this host.
func holderOf(t *testing.T, pid int) string {
	t.Helper()
	host, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	return host + ":" + strconv.Itoa(pid)
}

// waitListening waits until something accepts connections on the local
// port: a service prints its address before its listener is up.
func waitListening(t *testing.T, port string) {
	t.Helper()
	eventually(t, startTimeout, "a service listening on port "+port, func() (bool, error) {
		c, err := net.Dial("tcp", "127.0.0.1:"+port)
		if err != nil {
			return false, nil
		}
		c.Close()
		return true, nil
	})
}

package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // the demo database, read-only

	"sapa/bench/ptymeter"
	"sapa/inbox"
	"sapa/store"
)

// adminName is the admin of every Sapa run: the demo opens as its
// kabupaten's supervisor, who sees every conversation, and the status bar
// shows the name, so it marks the first full frame.
const adminName = "rina.humas"

// repoRoot is the module root: the directory of go.mod.
func repoRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run compare inside the sapa module (bench/run.sh does)")
	}
	return filepath.Dir(mod), nil
}

// buildSapa builds the binary under test into work, stamped with the commit.
func buildSapa(ctx context.Context, root, work string) (string, error) {
	bin := filepath.Join(work, "bin", "sapa")
	version := "bench-" + gitDescribe(ctx, root)
	logf("building sapa (%s) ...", version)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "-ldflags", "-X main.version="+version, ".")
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build: %w", err)
	}
	return bin, nil
}

// gitDescribe is the short commit, with "+dirty" when the work tree has
// uncommitted changes.
func gitDescribe(ctx context.Context, root string) string {
	out, err := exec.CommandContext(ctx, "git", "-C", root, "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	rev := strings.TrimSpace(string(out))
	if st, err := exec.CommandContext(ctx, "git", "-C", root, "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(strings.TrimSpace(string(st))) > 0 {
		rev += "+dirty"
	}
	return rev
}

// dataset is the prepared demo data and everything derived from it.
type dataset struct {
	config   string // sapa config file
	golden   string // XDG_DATA_HOME holding sapa/demo.db after ingest
	convs    []conv // every conversation, in the order of Sapa's "all" view
	openView int    // conversations in Sapa's default view
	messages int
	seed     int64
	ingest   time.Duration
	made     time.Time // when the demo history was generated (its epoch)
}

// conv is one conversation as the peers' Maildir shows it.
type conv struct {
	inbox.Conversation
	author string
	thread []inbox.Message
}

func (d *dataset) summary() map[string]any {
	return map[string]any{
		"conversations":      len(d.convs),
		"messages":           d.messages,
		"default_view_count": d.openView,
		"seed":               d.seed,
		"ingest_seconds":     d.ingest.Seconds(),
		"generated_at":       d.made.UTC().Format(time.RFC3339),
	}
}

// prepareDemo runs `sapa demo --fresh --no-live` once in a pseudo-terminal
// until the whole history is in the store, quits it, and reads the data
// back for the Maildir.
func prepareDemo(ctx context.Context, o *options, sapa string) (*dataset, error) {
	ds := &dataset{
		config: filepath.Join(o.work, "sapa.toml"),
		golden: filepath.Join(o.work, "sapa-golden"),
		seed:   o.seed,
	}
	cfg := fmt.Sprintf("# Sapa benchmark configuration (bench/compare).\n[demo]\nseed = %d\nconversations = %d\n",
		o.seed, o.conversations)
	if err := os.WriteFile(ds.config, []byte(cfg), 0o600); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(ds.golden, 0o700); err != nil {
		return nil, err
	}
	db := filepath.Join(ds.golden, "sapa", "demo.db")
	if fi, err := os.Stat(db); o.reuse && err == nil {
		logf("reusing the demo data in %s", ds.golden)
		ds.made = fi.ModTime()
		return ds, ds.load(ctx, o.work)
	}

	logf("ingesting the demo history (%d conversations, seed %d) ...", o.conversations, o.seed)
	start := time.Now()
	ds.made = start
	cmd := exec.Command(sapa, "demo", "--fresh", "--no-live", "--seed", fmt.Sprint(o.seed), "--config", ds.config)
	cmd.Env = sapaEnv(ds.golden, o.work)
	s, err := ptymeter.StartOptions(ctx, cmd, ptymeter.Options{Cols: 80, Rows: 24, SSH: o.ssh})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var convs, msgs, lastMsgs int64 = 0, 0, -1
	for stable := 0; stable < 2; {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-s.Exited():
			return nil, fmt.Errorf("sapa demo exited while ingesting:\n%s", s.Screen())
		case <-time.After(2 * time.Second):
		}
		if time.Since(start) > 5*time.Minute {
			return nil, fmt.Errorf("the demo history is not ingested after 5 minutes (%d conversations, %d messages)", convs, msgs)
		}
		convs, msgs, err = countRows(ctx, db)
		if err != nil {
			continue // the database may not exist yet
		}
		// Complete when every conversation is in and the message count
		// held still across two polls of the relay (the demo polls every 3 s).
		if convs >= int64(o.conversations) && msgs == lastMsgs {
			stable++
		} else {
			stable = 0
		}
		lastMsgs = msgs
	}
	ds.ingest = time.Since(start)
	if err := s.Send("q"); err != nil {
		return nil, err
	}
	if err := s.WaitExit(30 * time.Second); err != nil {
		return nil, fmt.Errorf("sapa demo did not quit: %w", err)
	}
	logf("ingested %d conversations and %d messages in %.1fs", convs, msgs, ds.ingest.Seconds())
	if err := ds.load(ctx, o.work); err != nil {
		return nil, err
	}
	return ds, nil
}

// sapaEnv is the environment of a Sapa process: its data under dataHome,
// no user configuration, no editor surprises.
func sapaEnv(dataHome, work string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "XDG_DATA_HOME", "XDG_CONFIG_HOME", "SAPA_CONFIG", "USER", "LOGNAME":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "XDG_DATA_HOME="+dataHome, "XDG_CONFIG_HOME="+filepath.Join(work, "no-config"),
		"USER=admin", "LOGNAME=admin")
}

// countRows counts conversations and messages, read-only.
func countRows(ctx context.Context, path string) (convs, msgs int64, err error) {
	if _, err := os.Stat(path); err != nil {
		return 0, 0, err
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM conversations").Scan(&convs); err != nil {
		return 0, 0, err
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM messages").Scan(&msgs); err != nil {
		return 0, 0, err
	}
	return convs, msgs, nil
}

// load reads the conversations back through Sapa's own store API, from a
// scratch copy so the golden data stays untouched.
func (ds *dataset) load(ctx context.Context, work string) error {
	scratch := filepath.Join(work, "sapa-scratch")
	if err := copyData(ds.golden, scratch); err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	st, err := store.Open(ctx, filepath.Join(scratch, "sapa", "demo.db"), store.Options{})
	if err != nil {
		return fmt.Errorf("open the demo store: %w", err)
	}
	defer st.Close()
	all, err := st.List(ctx, inbox.Filter{View: inbox.ViewAll, Me: adminName}, store.Page{Limit: 1 << 30})
	if err != nil {
		return err
	}
	if ds.openView, err = st.Count(ctx, inbox.Filter{View: inbox.ViewOpen, Me: adminName}); err != nil {
		return err
	}
	for _, c := range all {
		thread, err := st.Thread(ctx, c.ID, 1000)
		if err != nil {
			return err
		}
		author := c.Contact.Name
		if author == "" {
			author = c.Contact.Handle
		}
		ds.convs = append(ds.convs, conv{Conversation: c, author: author, thread: thread})
		ds.messages += len(thread)
	}
	return nil
}

// copyData copies a prepared XDG_DATA_HOME (sapa/demo.db and its WAL files)
// to dst, replacing what was there.
func copyData(src, dst string) error {
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dst, "sapa"), 0o700); err != nil {
		return err
	}
	for _, name := range []string{"demo.db", "demo.db-wal", "demo.db-shm"} {
		err := copyFile(filepath.Join(src, "sapa", name), filepath.Join(dst, "sapa", name))
		if err != nil && !(errors.Is(err, os.ErrNotExist) && name != "demo.db") {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

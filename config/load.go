package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// Default returns the configuration used for every option the file leaves
// out. It reads $USER and $XDG_DATA_HOME but never fails: an unknown home
// directory leaves database.path empty, which Validate reports.
func Default() Config {
	return Config{
		Admin:    Admin{Name: loginName()},
		Database: Database{Path: defaultDatabasePath()},
		Nudge:    Nudge{Before: Duration{30 * time.Minute}},
		Relay: Relay{
			LeaseTTL:     Duration{10 * time.Second},
			PollInterval: Duration{60 * time.Second},
			MaxAttempts:  8,
			Embedded:     true,
		},
		Serve: Serve{
			MaxBodyBytes: 1 << 20,
			ReadTimeout:  Duration{10 * time.Second},
		},
		Hours: Hours{
			Timezone: "Asia/Jakarta",
			Days:     []string{"mon", "tue", "wed", "thu", "fri"},
			Start:    "08:00",
			End:      "16:00",
		},
		SSH: SSH{
			IdleTimeout:         Duration{30 * time.Minute},
			KeepAlive:           Duration{30 * time.Second},
			MaxSessions:         300,
			MaxSessionsPerAdmin: 4,
			MaxFailedAuth:       10,
			FailedAuthWindow:    Duration{10 * time.Minute},
		},
		Backup: Backup{Every: Duration{6 * time.Hour}, Keep: 8},
		Demo: Demo{
			Seed:          1,
			Conversations: 300,
			HistoryDays:   14,
			LiveInterval:  Duration{20 * time.Second},
			FailureRate:   0.05,
			SendLatency:   Duration{400 * time.Millisecond},
			MaxCatchUp:    Duration{time.Hour},
		},
	}
}

// loginName is the name of the user running Sapa.
func loginName() string {
	for _, v := range []string{"USER", "LOGNAME"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

// defaultDatabasePath is $XDG_DATA_HOME/sapa/sapa.db, or
// ~/.local/share/sapa/sapa.db when that is unset or not absolute.
func defaultDatabasePath() string {
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "sapa", "sapa.db")
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	return filepath.Join(home, ".local", "share", "sapa", "sapa.db")
}

// Load reads the file at path, decodes it over Default() (unknown keys are
// errors), decodes each [[account]] block's platform keys with the options
// of its kind, fills per-account defaults and validates the result. Every
// error is one line that starts with "config <path>" and, when the problem
// is in the text, names the line and the key.
func Load(path string, kinds Kinds) (Config, error) {
	b, info, err := readFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return Config{}, fmt.Errorf("config %s: %w", path, err)
	}
	cfg, err := parse(b)
	if err != nil {
		return Config{}, decodeError(path, b, err, "", durationKeysOf(Config{}))
	}
	if cfg.Accounts, err = decodeAccounts(path, b, kinds); err != nil {
		return Config{}, err
	}
	if err := CheckPermissions(path, info, cfg); err != nil {
		return Config{}, err
	}
	cfg.normalize(filepath.Dir(path))
	if err := cfg.Validate(); err != nil {
		return Config{}, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, nil
}

// readFile reads the file and the mode it had when read.
func readFile(path string) ([]byte, fs.FileInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	b, err := io.ReadAll(f)
	return b, info, err
}

// parse decodes a document strictly over the defaults. The [[account]]
// blocks are left to decodeAccounts.
func parse(b []byte) (Config, error) {
	cfg := Default()
	dec := toml.NewDecoder(bytes.NewReader(b)).DisallowUnknownFields()
	err := dec.Decode(&cfg)
	var sm *toml.StrictMissingError
	if errors.As(err, &sm) {
		var rest []toml.DecodeError
		for _, e := range sm.Errors {
			if k := e.Key(); len(k) == 0 || k[0] != accountKey {
				rest = append(rest, e)
			}
		}
		if len(rest) == 0 {
			return cfg, nil
		}
		sm.Errors = rest
	}
	return cfg, err
}

// normalize fills what the file may leave empty and makes paths absolute.
// dir is the directory of the configuration file.
func (c *Config) normalize(dir string) {
	if c.Admin.Name == "" {
		c.Admin.Name = loginName()
	}
	c.Database.Path = expandPath(c.Database.Path, dir)
	c.Units.File = expandPath(c.Units.File, dir)
	c.Hours.Holidays = expandPath(c.Hours.Holidays, dir)
	if len(c.Canned.Replies) == 0 {
		c.Canned.Replies = nil // "reply = []" is the default, not a change
	}
	if len(c.Hours.Targets) == 0 {
		c.Hours.Targets = nil // "target = []" is the default, not a change
	}
	c.Backup.Dir = expandPath(c.Backup.Dir, dir)
	c.SSH.HostKey = expandPath(c.SSH.HostKey, dir)
	if len(c.Units.Agencies) == 0 {
		c.Units.Agencies = nil // "agency = []" is the default, not a change
	}
	if len(c.Route.Agencies) == 0 {
		c.Route.Agencies = nil // "agency = []" is the default, not a change
	}
}

// expandPath expands a leading "~/" and makes a relative path relative to dir.
func expandPath(p, dir string) string {
	if p == "" {
		return ""
	}
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, p[1:])
		}
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	return filepath.Clean(p)
}

// fileError is a decoding problem located in the configuration file.
type fileError struct {
	path string
	line int
	msg  string
	err  error
}

func (e *fileError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("config %s:%d: %s", e.path, e.line, e.msg)
	}
	return fmt.Sprintf("config %s: %s", e.path, e.msg)
}

func (e *fileError) Unwrap() error { return e.err }

// decodeError turns go-toml's errors into one line naming the file, the line
// and the key. It uses only the error message, never the document excerpt
// go-toml also builds, because that excerpt may contain an inline secret.
// prefix is put before every key ("account." inside an account block);
// durations are the dotted keys, without prefix, whose values are Durations.
func decodeError(path string, doc []byte, err error, prefix string, durations map[string]bool) error {
	var sm *toml.StrictMissingError
	if errors.As(err, &sm) && len(sm.Errors) > 0 {
		return unknownKeys(path, sm.Errors, prefix, "", err)
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, _ := de.Position()
		msg := friendlier(strings.TrimPrefix(de.Error(), "toml: "))
		if k := de.Key(); len(k) > 0 {
			msg = fmt.Sprintf("key %q: %s", prefix+strings.Join(k, "."), msg)
		}
		return &fileError{path: path, line: line, msg: msg, err: err}
	}
	// go-toml reports a TextUnmarshaler failure on a non-string value
	// (lease_ttl = 5) without a position: find the value ourselves.
	if line, msg := findNonStringDuration(doc, durations, prefix); line > 0 {
		return &fileError{path: path, line: line, msg: msg, err: err}
	}
	return &fileError{path: path, msg: err.Error(), err: err}
}

// unknownKeys is the error for keys no field takes: the first one with its
// line, and how many more there are. suffix follows the key (" for x").
func unknownKeys(path string, errs []toml.DecodeError, prefix, suffix string, err error) error {
	first := &errs[0]
	line, _ := first.Position()
	msg := fmt.Sprintf("unknown key %q%s", prefix+strings.Join(first.Key(), "."), suffix)
	if n := len(errs) - 1; n == 1 {
		msg += " (and 1 more unknown key)"
	} else if n > 1 {
		msg += fmt.Sprintf(" (and %d more unknown keys)", n)
	}
	return &fileError{path: path, line: line, msg: msg, err: err}
}

// findNonStringDuration returns the line of the first duration key whose
// value is not a string, and a message naming the key.
func findNonStringDuration(doc []byte, keys map[string]bool, prefix string) (int, string) {
	var p unstable.Parser
	p.Reset(doc)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		var parts []string
		var first *unstable.Node
		for it := e.Key(); it.Next(); {
			if first == nil {
				first = it.Node()
			}
			parts = append(parts, string(it.Node().Data))
		}
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = parts
		case unstable.KeyValue:
			k := strings.Join(append(append([]string(nil), table...), parts...), ".")
			if v := e.Value(); keys[k] && v.Kind != unstable.String && first != nil {
				got := map[unstable.Kind]string{
					unstable.Integer: "an integer", unstable.Float: "a number", unstable.Bool: "a boolean",
					unstable.Array: "an array", unstable.InlineTable: "a table",
				}[v.Kind]
				if got == "" {
					got = "a date or time"
				}
				return p.Shape(first.Raw).Start.Line, fmt.Sprintf("key %q: want a duration such as \"30s\" or \"5m\", got %s", prefix+k, got)
			}
		}
	}
	return 0, ""
}

// durationKeysOf returns the dotted TOML keys of the Duration fields of v,
// a struct or a pointer to one.
func durationKeysOf(v any) map[string]bool {
	keys := map[string]bool{}
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct {
		durationKeys(t, "", keys)
	}
	return keys
}

// durationKeys adds to keys the dotted TOML key of every Duration field
// under t, looking inside tables and arrays of tables.
func durationKeys(t reflect.Type, prefix string, keys map[string]bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if f.Anonymous && f.Type.Kind() == reflect.Struct && name == "" {
			durationKeys(f.Type, prefix, keys) // go-toml promotes embedded fields
			continue
		}
		if name == "" || name == "-" {
			continue
		}
		ft := f.Type
		if ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		switch {
		case ft == reflect.TypeOf(Duration{}):
			keys[prefix+name] = true
		case ft.Kind() == reflect.Struct && ft != reflect.TypeOf(Secret{}):
			durationKeys(ft, prefix+name+".", keys)
		}
	}
}

// friendlier rewrites go-toml's type mismatch messages in TOML terms:
// "cannot decode TOML string into int" becomes "want an integer, got a string".
func friendlier(msg string) string {
	rest, ok := strings.CutPrefix(msg, "cannot decode TOML ")
	if !ok {
		return msg
	}
	got, target, ok := strings.Cut(rest, " into ")
	if !ok || got == "" {
		return msg
	}
	if _, typ, ok := strings.Cut(target, " of type "); ok && strings.HasPrefix(target, "struct field ") {
		target = typ
	}
	want := target
	switch {
	case strings.HasPrefix(target, "int"), strings.HasPrefix(target, "uint"):
		want = "an integer"
	case strings.HasPrefix(target, "float"):
		want = "a number"
	case target == "bool":
		want = "true or false"
	case target == "string", target == "inbox.Platform":
		want = "a string"
	case target == "config.Duration":
		want = `a duration such as "30s" or "5m"`
	case target == "config.Secret":
		want = `a table such as { env = "VAR" }`
	case target == "config.KeySpec":
		want = `a key or a list of keys such as ["j", "down"]`
	case strings.HasPrefix(target, "[]"):
		want = "an array"
	case strings.HasPrefix(target, "map["), strings.HasPrefix(target, "config."):
		want = "a table"
	}
	article := "a "
	if strings.IndexByte("aeiou", got[0]) >= 0 {
		article = "an "
	}
	return fmt.Sprintf("want %s, got %s%s", want, article, got)
}

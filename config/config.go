// Package config loads Sapa's TOML configuration: defaults, strict decoding
// (unknown keys are errors), validation, and secret lookup from environment
// variables or commands so tokens never need to sit in the file.
package config

import (
	"errors"
	"time"

	"sapa/inbox"
)

// Config is the whole configuration file.
type Config struct {
	Admin    Admin              `toml:"admin"`
	Database Database           `toml:"database"`
	UI       UI                 `toml:"ui"`
	Keys     map[string]KeySpec `toml:"keys"`  // action → keys; checked by ui.CheckKeys
	Binds    map[string]string  `toml:"binds"` // key → command line (":label spam"); checked by ui.CheckKeys
	Relay    Relay              `toml:"relay"`
	Serve    Serve              `toml:"serve"`
	SSH      SSH                `toml:"ssh"`
	Units    Units              `toml:"units"`
	Demo     Demo               `toml:"demo"`
	Backup   Backup             `toml:"backup"`
	Route    Route              `toml:"route"`
	Hours    Hours              `toml:"hours"`
	Nudge    Nudge              `toml:"nudge"`
	Canned   Canned             `toml:"canned"`
	Views    []View             `toml:"view"`
	// Accounts are the [[account]] blocks. Each is decoded on its own, its
	// platform's keys by the platform's descriptor (see Load).
	Accounts []Account `toml:"-"`
}

// Admin says who is using this session; it signs audit entries and replies.
type Admin struct {
	Name string `toml:"name"` // default: the login name ($USER)
	Unit string `toml:"unit"` // the admin's unit, e.g. "Kecamatan Cibadak"
}

// Database locates the SQLite store.
type Database struct {
	Path  string `toml:"path"`  // default: $XDG_DATA_HOME/sapa/sapa.db
	Group string `toml:"group"` // a shared group: files become 0660 instead of 0600
}

// UI holds presentation options.
type UI struct {
	Language     string `toml:"language"`      // "id" or "en"; default from the locale
	LowBandwidth bool   `toml:"low_bandwidth"` // marker instead of highlight, no colour
	PageSize     int    `toml:"page_size"`     // rows loaded per window; 0: the screen height
	// DoneOnReply moves a conversation to done after a reply is sent (default:
	// pending, waiting for the citizen).
	DoneOnReply bool   `toml:"done_on_reply"`
	Editor      string `toml:"editor"` // default: $VISUAL, then $EDITOR, then vi
}

// Nudge tunes the messages that tell opted-in admins who are not logged in
// of work waiting (sapa admin nudge).
type Nudge struct {
	Before Duration `toml:"before"` // a deadline this close makes a nudge
}

// Relay tunes the process that talks to platforms.
type Relay struct {
	LeaseTTL     Duration `toml:"lease_ttl"`     // how long a relay lease lasts without a heartbeat
	PollInterval Duration `toml:"poll_interval"` // default per account
	MaxAttempts  int      `toml:"max_attempts"`  // sends that surely did not reach the platform
	// Embedded lets an interactive `sapa` run a standby relay, which resolves
	// the platform secrets. false: the screen resolves no secret and builds
	// no connector; a `sapa serve` or `sapa relay` service does that alone.
	Embedded bool `toml:"embedded"`
}

// Serve configures `sapa serve`'s webhook listener.
type Serve struct {
	Listen       string   `toml:"listen"`         // e.g. "127.0.0.1:8080"; empty: no webhooks
	MaxBodyBytes int64    `toml:"max_body_bytes"` // larger bodies get 413
	ReadTimeout  Duration `toml:"read_timeout"`
}

// SSH configures `sapa serve`'s SSH service: admins connect with their
// registered public key and get the inbox screen in their scope.
type SSH struct {
	Listen string `toml:"listen"` // e.g. ":2222"; empty: no SSH service
	// HostKey is the server's ed25519 key, made (0600) on first start; empty:
	// ssh_host_ed25519_key next to the database.
	HostKey     string   `toml:"host_key"`
	IdleTimeout Duration `toml:"idle_timeout"` // a session with nothing typed this long is closed
	KeepAlive   Duration `toml:"keepalive"`    // a link that answers no keepalive within this is closed
	MaxSessions int      `toml:"max_sessions"` // open sessions in all, enrolment screens included
	// MaxSessionsPerAdmin caps one admin's open sessions (phone, laptop…).
	MaxSessionsPerAdmin int `toml:"max_sessions_per_admin"`
	// MaxFailedAuth refused keys and wrong enrolment codes from one address
	// within FailedAuthWindow close the service to it for the rest of the window.
	MaxFailedAuth    int      `toml:"max_failed_auth"`
	FailedAuthWindow Duration `toml:"failed_auth_window"`
}

// Units chooses the tree of units (kabupaten, kecamatan, desa/kelurahan and
// the regency's agencies) that admins, accounts and conversations belong to.
type Units struct {
	// File is a Kemendagri tree in CSV (code,parent_code,level,name); empty:
	// Kabupaten Bogor's, built into Sapa.
	File string `toml:"file"`
	// Agencies are the regency's agencies (OPD), placed under the kabupaten.
	Agencies []Agency `toml:"agency"`
}

// Agency is one regency agency: Disdukcapil, Dinas PUPR, the water utility.
type Agency struct {
	Code string `toml:"code"` // short and stable, e.g. "disdukcapil"
	Name string `toml:"name"` // as admins say it
}

// Backup schedules the store's backups in `sapa serve`.
type Backup struct {
	Dir   string   `toml:"dir"`   // where backups go; empty: no scheduled backups
	Every Duration `toml:"every"` // how often (default 6h)
	Keep  int      `toml:"keep"`  // how many of the newest to keep (default 8)
}

// Demo tunes the built-in simulator.
type Demo struct {
	Seed          int64    `toml:"seed"`
	Conversations int      `toml:"conversations"` // history size
	HistoryDays   int      `toml:"history_days"`  // history spread
	LiveInterval  Duration `toml:"live_interval"` // mean gap between live messages; 0: no live trickle
	FailureRate   float64  `toml:"failure_rate"`  // share of sends that fail transiently
	SendLatency   Duration `toml:"send_latency"`  // simulated network latency of a send
	// MaxCatchUp bounds the live traffic a restarted demo delivers for the
	// time it was not running; 0 delivers all of it.
	MaxCatchUp Duration `toml:"max_catch_up"`
}

// Route holds the rules that route messages: keywords to agencies. Whole
// accounts are routed by their own unit (account.unit).
type Route struct {
	// Agencies are keyword rules, first match wins; empty: Sapa's defaults
	// (e-KTP → Disdukcapil, banjir → BPBD, …).
	Agencies []AgencyRule `toml:"agency"`
}

// AgencyRule sends messages holding any of its keywords to an agency.
type AgencyRule struct {
	Agency   string   `toml:"agency"`   // "Disdukcapil", or an agency's code from [[units.agency]]
	Keywords []string `toml:"keywords"` // whole words; case, spaces and hyphens aside
}

// Hours is the office's working time, in which response targets are
// measured.
type Hours struct {
	Timezone string   `toml:"timezone"` // IANA name; default Asia/Jakarta (WIB)
	Days     []string `toml:"days"`     // working days: "mon" … "sun"
	Start    string   `toml:"start"`    // "08:00"
	End      string   `toml:"end"`      // "16:00"
	// Holidays is a file of `YYYY-MM-DD description` lines; empty: the
	// Indonesian national holidays and cuti bersama built into Sapa.
	Holidays string `toml:"holidays"`
	// Targets are the response-time policies; empty: Sapa's defaults.
	Targets []Target `toml:"target"`
}

// Target is a response-time policy in working hours: for one priority
// ("normal", "high", "urgent"; empty: any) and platform (empty: any), how
// long the first response and each next response may take.
type Target struct {
	Priority string         `toml:"priority"`
	Platform inbox.Platform `toml:"platform"`
	First    Duration       `toml:"first"`
	Next     Duration       `toml:"next"`
}

// Canned holds the office's own ready replies, added to Sapa's Indonesian
// defaults (a reply named like a default replaces it).
type Canned struct {
	Replies []CannedReply `toml:"reply"`
}

// CannedReply is one ready reply; its text may use {nama}, {platform},
// {unit}, {admin} and {tanggal}.
type CannedReply struct {
	Name string `toml:"name"`
	Text string `toml:"text"`
}

// View is a shared saved view: every admin can open it with `:view NAME`.
// Empty fields do not narrow the list.
type View struct {
	Name     string         `toml:"name"`
	Platform inbox.Platform `toml:"platform"`
	Label    string         `toml:"label"`
	Unit     string         `toml:"unit"`     // a unit code; its whole subtree
	Status   inbox.View     `toml:"status"`   // open, mine, unassigned, pending, snoozed, done, all; empty: open
	Assignee string         `toml:"assignee"` // an admin's name; "-": nobody's
	Waiting  Duration       `toml:"waiting"`  // the citizen has waited at least this long
	Text     string         `toml:"text"`     // a search
}

// Account is one platform account: the keys every platform shares, and the
// keys only its platform uses, decoded by that platform's descriptor into
// Options. The file writes them all in one [[account]] block.
type Account struct {
	Name         string         `toml:"name"`
	Platform     inbox.Platform `toml:"platform"`
	BaseURL      string         `toml:"base_url"`      // override the API address (tests, self-hosted)
	PollInterval Duration       `toml:"poll_interval"` // 0: relay default
	HistoryDays  int            `toml:"history_days"`  // how far back the first fetch goes
	Unit         string         `toml:"unit"`          // the unit that owns this account's conversations

	// Options holds the platform's own keys (page_id, token, imap_addr…):
	// a pointer to the options type of the platform's descriptor.
	Options Options `toml:"-"`
}

// Secret names where a secret comes from: an environment variable or a command
// whose standard output is the secret. Inline values are accepted only for
// throwaway setups and are discouraged by `sapa doctor`.
type Secret struct {
	Env   string `toml:"env"`
	Cmd   string `toml:"cmd"`
	Value string `toml:"value"`
}

// UnmarshalText rejects a bare string: a secret must name its source as a
// table. The error never repeats the text, which may be the secret itself.
func (s *Secret) UnmarshalText([]byte) error {
	return errors.New(`a secret is a table naming its source: { env = "VAR" }, { cmd = "pass show …" } or { value = "…" }`)
}

// IsZero reports whether no source is configured.
func (s Secret) IsZero() bool { return s.Env == "" && s.Cmd == "" && s.Value == "" }

// Duration is a time.Duration written as "30s" or "5m" in TOML.
type Duration struct{ time.Duration }

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration as a Go duration string.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.Duration.String()), nil }

// KeySpec is one action's keys: "e" or ["e", "y"]; [] unbinds the action.
// Key names are those of bubbletea's key messages: "j", "G", "enter", "esc",
// "ctrl+s", "shift+tab", "pgdown", "space".
type KeySpec []string

// UnmarshalText accepts a single key written as a plain string.
func (k *KeySpec) UnmarshalText(b []byte) error {
	*k = KeySpec{string(b)}
	return nil
}

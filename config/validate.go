package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os/user"
	"slices"
	"strings"
	"time"
	"unicode"

	"sapa/inbox"
)

// Validate checks the whole configuration and returns the first problem as
// one line naming the key, and the account when there is one:
// `account "pemkab-fb": page_id is required for facebook`. It resolves no
// secrets and touches no network.
func (c Config) Validate() error {
	if c.Admin.Name == "" {
		return errors.New("admin.name is required ($USER is not set)")
	}
	if c.Database.Path == "" {
		return errors.New("database.path is required (no home directory to put it in)")
	}
	if g := c.Database.Group; g != "" {
		if _, err := user.LookupGroup(g); err != nil {
			return fmt.Errorf("database.group: there is no group %q on this machine: create it (groupadd %s) and add the admins to it, or leave group empty", g, g)
		}
	}
	switch c.UI.Language {
	case "", "id", "en":
	default:
		return fmt.Errorf("ui.language: %q is not one of \"id\", \"en\" or \"\" (from the locale)", c.UI.Language)
	}
	if c.UI.PageSize < 0 {
		return errors.New("ui.page_size must not be negative")
	}
	for _, d := range []struct {
		key string
		d   Duration
	}{
		{"relay.lease_ttl", c.Relay.LeaseTTL},
		{"relay.poll_interval", c.Relay.PollInterval},
		{"serve.read_timeout", c.Serve.ReadTimeout},
		{"ssh.idle_timeout", c.SSH.IdleTimeout},
		{"ssh.keepalive", c.SSH.KeepAlive},
		{"ssh.failed_auth_window", c.SSH.FailedAuthWindow},
	} {
		if d.d.Duration <= 0 {
			return fmt.Errorf("%s must be positive, not %s", d.key, d.d.Duration)
		}
	}
	for _, n := range []struct {
		key string
		n   int
	}{
		{"ssh.max_sessions", c.SSH.MaxSessions},
		{"ssh.max_sessions_per_admin", c.SSH.MaxSessionsPerAdmin},
		{"ssh.max_failed_auth", c.SSH.MaxFailedAuth},
	} {
		if n.n < 1 {
			return fmt.Errorf("%s must be at least 1, not %d", n.key, n.n)
		}
	}
	if c.Relay.MaxAttempts < 1 {
		return errors.New("relay.max_attempts must be at least 1")
	}
	if c.Serve.MaxBodyBytes <= 0 {
		return errors.New("serve.max_body_bytes must be positive")
	}
	if c.Serve.Listen != "" {
		if _, _, err := net.SplitHostPort(c.Serve.Listen); err != nil {
			return fmt.Errorf("serve.listen: %q is not host:port", c.Serve.Listen)
		}
	}
	if c.SSH.Listen != "" {
		if _, _, err := net.SplitHostPort(c.SSH.Listen); err != nil {
			return fmt.Errorf("ssh.listen: %q is not host:port", c.SSH.Listen)
		}
	}
	if c.Backup.Dir != "" && (c.Backup.Every.Duration < time.Minute || c.Backup.Keep < 1) {
		return fmt.Errorf("backup: every must be at least 1m (not %s) and keep at least 1 (not %d)", c.Backup.Every.Duration, c.Backup.Keep)
	}
	if err := c.Demo.validate(); err != nil {
		return err
	}
	if err := c.Hours.validate(); err != nil {
		return err
	}
	for i, t := range c.Hours.Targets {
		if err := t.validate(); err != nil {
			return fmt.Errorf("hours.target #%d: %w", i+1, err)
		}
	}
	if err := validateViews(c.Views); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i, a := range c.Accounts {
		if err := a.Validate(); err != nil {
			if a.Name == "" {
				return fmt.Errorf("account #%d: %w", i+1, err)
			}
			return fmt.Errorf("account %q: %w", a.Name, err)
		}
		if seen[a.Name] {
			return fmt.Errorf("account %q: name is used by another account", a.Name)
		}
		seen[a.Name] = true
	}
	return nil
}

func (d Demo) validate() error {
	switch {
	case d.Conversations < 0:
		return errors.New("demo.conversations must not be negative")
	case d.HistoryDays < 1:
		return errors.New("demo.history_days must be at least 1")
	case d.LiveInterval.Duration < 0:
		return errors.New("demo.live_interval must not be negative")
	case d.FailureRate < 0 || d.FailureRate > 1:
		return errors.New("demo.failure_rate must be between 0 and 1")
	case d.MaxCatchUp.Duration < 0:
		return errors.New("demo.max_catch_up must not be negative")
	case d.SendLatency.Duration < 0:
		return errors.New("demo.send_latency must not be negative")
	}
	return nil
}

// Validate checks one account: a name, a platform whose descriptor decoded
// its options, the shared keys, then the platform's own checks. Errors do
// not name the account; Config.Validate adds it.
func (a Account) Validate() error {
	if strings.TrimSpace(a.Name) == "" {
		return errors.New("name is required")
	}
	if strings.IndexFunc(a.Name, unicode.IsControl) >= 0 || a.Name != strings.TrimSpace(a.Name) {
		return errors.New("name must not contain control characters or surrounding spaces")
	}
	if a.Platform == "" {
		return errors.New("platform is required")
	}
	if a.Options == nil {
		return fmt.Errorf("platform %q %s", a.Platform, errNoOptions)
	}
	if a.BaseURL != "" {
		u, err := url.Parse(a.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("base_url: %q is not an absolute http(s) URL", a.BaseURL)
		}
	}
	if a.PollInterval.Duration < 0 {
		return errors.New("poll_interval must not be negative")
	}
	if a.HistoryDays < 0 {
		return errors.New("history_days must not be negative")
	}
	if err := checkSecrets(a.Options); err != nil {
		return err
	}
	return a.Options.Check(a)
}

// weekdays are the names hours.days accepts.
var weekdays = map[string]bool{"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true}

func (h Hours) validate() error {
	if len(h.Days) == 0 {
		return errors.New("hours.days: name at least one working day")
	}
	for _, d := range h.Days {
		if !weekdays[d] {
			return fmt.Errorf("hours.days: %q is not one of mon, tue, wed, thu, fri, sat, sun", d)
		}
	}
	start, err := ClockTime(h.Start)
	if err != nil {
		return fmt.Errorf("hours.start: %w", err)
	}
	end, err := ClockTime(h.End)
	if err != nil {
		return fmt.Errorf("hours.end: %w", err)
	}
	if end <= start {
		return fmt.Errorf("hours.end %s is not after hours.start %s", h.End, h.Start)
	}
	return nil
}

// ClockTime parses "HH:MM" (up to "24:00") into an offset from midnight.
func ClockTime(s string) (time.Duration, error) {
	var h, m int
	if n, err := fmt.Sscanf(s, "%d:%d", &h, &m); n != 2 || err != nil || len(s) != 5 || h < 0 || m < 0 || m > 59 || h*60+m > 24*60 {
		return 0, fmt.Errorf("%q is not a time HH:MM", s)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

// Priorities maps the priority names of targets to the numbers
// conversations carry.
var Priorities = map[string]int{"normal": 0, "high": 1, "urgent": 2}

func (t Target) validate() error {
	if _, ok := Priorities[t.Priority]; !ok && t.Priority != "" {
		return fmt.Errorf("priority %q is not normal, high, urgent or empty (any)", t.Priority)
	}
	if t.Platform != "" && !t.Platform.Valid() {
		return fmt.Errorf("platform %q is not a platform Sapa knows", t.Platform)
	}
	if t.First.Duration <= 0 && t.Next.Duration <= 0 {
		return errors.New("set first or next (a duration in working hours, e.g. \"8h\")")
	}
	if t.First.Duration < 0 || t.Next.Duration < 0 {
		return errors.New("first and next must not be negative")
	}
	return nil
}

// validateViews refuses shared views `:view NAME` could not open or that
// name a status Sapa does not have.
func validateViews(vs []View) error {
	names := map[string]bool{}
	for _, v := range inbox.Views() {
		names[string(v)] = true
	}
	for i, v := range vs {
		if v.Name == "" || strings.ContainsAny(v.Name, " \t") {
			return fmt.Errorf("view #%d: name must be one word, got %q", i+1, v.Name)
		}
		if names[strings.ToLower(v.Name)] {
			return fmt.Errorf("view %q: the name is taken (a built-in view or another [[view]])", v.Name)
		}
		names[strings.ToLower(v.Name)] = true
		if v.Status != "" && !slices.Contains(inbox.Views(), v.Status) {
			return fmt.Errorf("view %q: status %q is not one of open, mine, unassigned, pending, snoozed, done, all", v.Name, v.Status)
		}
		if v.Platform != "" && !v.Platform.Valid() {
			return fmt.Errorf("view %q: unknown platform %q", v.Name, v.Platform)
		}
		if v.Waiting.Duration < 0 {
			return fmt.Errorf("view %q: waiting must not be negative", v.Name)
		}
	}
	return nil
}

package meta

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Page is one page of a Graph edge: {"data":[...],"paging":{...}}. Items
// stay raw so one malformed item does not spoil the page.
type Page struct {
	Data   []json.RawMessage `json:"data"`
	Paging Paging            `json:"paging"`
}

// Paging is Graph's cursor block. Next is absent on the last page; a page
// may be short or even empty while Next exists.
type Paging struct {
	Cursors struct {
		Before string `json:"before"`
		After  string `json:"after"`
	} `json:"cursors"`
	Next     string `json:"next"`
	Previous string `json:"previous"`
}

// Decode unmarshals each raw item into T and keeps those that valid accepts.
// Bad items are logged (by position, never by content) and skipped, so the
// rest of the page is kept.
func Decode[T any](log *slog.Logger, raw []json.RawMessage, what string, valid func(*T) error) []T {
	out := make([]T, 0, len(raw))
	for i, r := range raw {
		var v T
		err := json.Unmarshal(r, &v)
		if err == nil && valid != nil {
			err = valid(&v)
		}
		if err != nil {
			log.Warn("meta: skipping malformed item", "what", what, "index", i, "err", err)
			continue
		}
		out = append(out, v)
	}
	return out
}

// Time reads the timestamps Meta uses: "2019-05-17T16:24:04+0000" (Graph
// objects), RFC 3339, and Unix seconds or milliseconds as a number or a
// string (webhooks, Instagram conversations, WhatsApp).
type Time struct{ time.Time }

// UnmarshalJSON implements json.Unmarshaler.
func (t *Time) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	s := string(b)
	if strings.HasPrefix(s, `"`) {
		var err error
		if s, err = strconv.Unquote(s); err != nil {
			return err
		}
	}
	v, err := ParseTime(s)
	if err != nil {
		return err
	}
	t.Time = v
	return nil
}

// MarshalJSON writes Graph's own layout.
func (t Time) MarshalJSON() ([]byte, error) {
	return json.Marshal(t.UTC().Format(GraphLayout))
}

// GraphLayout is the layout of Graph timestamps.
const GraphLayout = "2006-01-02T15:04:05-0700"

var errBadTime = errors.New("not a timestamp")

// ParseTime parses any timestamp form Time accepts.
func ParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, errBadTime
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n <= 0 {
			return time.Time{}, errBadTime
		}
		if n > 1e12 { // milliseconds (Messenger webhooks)
			return time.UnixMilli(n).UTC(), nil
		}
		return time.Unix(n, 0).UTC(), nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 0 {
		return time.Unix(int64(f), 0).UTC(), nil
	}
	for _, layout := range []string{GraphLayout, time.RFC3339Nano} {
		if v, err := time.Parse(layout, s); err == nil {
			return v.UTC(), nil
		}
	}
	return time.Time{}, errBadTime
}

// Sweep is the resumable state of one pass over a Graph account: what is new
// is what was created at or after Since and not yet reported. A pass lists
// containers (posts, media, conversations), then reads each one's items.
// Since moves to the start of the finished pass minus Overlap, so an item
// created while the pass ran is read by the next one; Seen holds the ids
// already reported since then, so none is reported twice.
type Sweep struct {
	Since int64            `json:"since"`           // Unix seconds
	Start int64            `json:"start,omitempty"` // Unix seconds; 0: no pass running
	Seen  map[string]int64 `json:"seen,omitempty"`  // id → created, Unix seconds
}

// Overlap absorbs clock skew and Meta's read-after-write delay.
const Overlap = 2 * time.Minute

// StaleAfter restarts a pass left unfinished this long: its stored paging
// cursors may have expired. Since is kept, so nothing is skipped.
const StaleAfter = time.Hour

// DefaultHistoryDays bounds the first fetch when the account sets none.
const DefaultHistoryDays = 7

// Begin starts a pass if none is running. It reports whether the caller
// must reset its paging state (a new or restarted pass).
func (s *Sweep) Begin(now time.Time, historyDays int) bool {
	if s.Since == 0 {
		if historyDays <= 0 {
			historyDays = DefaultHistoryDays
		}
		s.Since = now.AddDate(0, 0, -historyDays).Unix()
	}
	if s.Start != 0 && now.Sub(time.Unix(s.Start, 0)) < StaleAfter {
		return false
	}
	s.Start = now.Unix()
	return true
}

// Take reports whether an item is new, and remembers it.
func (s *Sweep) Take(id string, created time.Time) bool {
	c := created.Unix()
	if c < s.Since {
		return false
	}
	if _, ok := s.Seen[id]; ok {
		return false
	}
	if s.Seen == nil {
		s.Seen = map[string]int64{}
	}
	s.Seen[id] = c
	return true
}

// Old reports whether something last active at t is older than the pass
// window, so listing can stop.
func (s *Sweep) Old(t time.Time) bool { return t.Unix() < s.Since }

// End finishes a pass: Since moves forward, and ids the time filter now
// excludes are forgotten.
func (s *Sweep) End() {
	if next := s.Start - int64(Overlap/time.Second); next > s.Since {
		s.Since = next
	}
	s.Start = 0
	for id, c := range s.Seen {
		if c < s.Since {
			delete(s.Seen, id)
		}
	}
}

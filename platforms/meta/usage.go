package meta

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"sapa/platforms"
)

// Meta reports how much of a rate budget is used, in percent, on most
// answers: X-App-Usage (platform limits, per app), X-Page-Usage (per Page)
// and X-Business-Use-Case-Usage (per business object and use-case type, with
// estimated_time_to_regain_access in minutes once throttled). Past 100% every
// call fails for up to an hour, so Sapa stops before that.
const (
	// ReadThreshold is the usage at which polling pauses: reads are many and
	// can wait, replies must still go out.
	ReadThreshold = 90
	// ReadPause is how long polling pauses at ReadThreshold. Meta's windows
	// roll (one hour for apps, 24 hours for business use cases), so usage
	// falls gradually; five minutes is a step, not a cure.
	ReadPause = 5 * time.Minute
	// FullPause is how long everything pauses at 100% with no estimate.
	FullPause = 10 * time.Minute
)

// usage is one usage report. Fields are percentages of the budget.
type usage struct {
	Type       string  `json:"type"`
	CallCount  float64 `json:"call_count"`
	TotalTime  float64 `json:"total_time"`
	CPUTime    float64 `json:"total_cputime"`
	RegainMins float64 `json:"estimated_time_to_regain_access"`
}

func (u usage) pct() float64 {
	return max(u.CallCount, u.TotalTime, u.CPUTime)
}

// readUsage gathers every usage report in the headers: the highest
// percentage and the longest wait Meta estimated.
func readUsage(h http.Header) (pct float64, regain time.Duration, seen bool) {
	note := func(u usage) {
		seen = true
		pct = max(pct, u.pct())
		if d := time.Duration(u.RegainMins * float64(time.Minute)); d > regain {
			regain = d
		}
	}
	for _, name := range []string{"X-App-Usage", "X-Page-Usage", "X-Ad-Account-Usage"} {
		if v := h.Get(name); v != "" {
			var u usage
			if json.Unmarshal([]byte(v), &u) == nil {
				note(u)
			}
		}
	}
	if v := h.Get("X-Business-Use-Case-Usage"); v != "" {
		var m map[string][]usage
		if json.Unmarshal([]byte(v), &m) == nil {
			for _, list := range m {
				for _, u := range list {
					note(u)
				}
			}
		}
	}
	return pct, regain, seen
}

// retryAfter reads a Retry-After header (seconds or an HTTP date), which
// proxies in front of Meta and some edges send.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// noteUsage looks at every answer's usage headers and sets a pause before
// the budget runs out.
func (c *Client) noteUsage(h http.Header) {
	pct, regain, seen := readUsage(h)
	if !seen {
		return
	}
	now := c.now()
	switch {
	case regain > 0:
		c.pause(now.Add(regain), now.Add(regain), fmt.Sprintf("Meta throttled this app; access returns in about %s", regain.Round(time.Minute)))
	case pct >= 100:
		c.pause(now.Add(FullPause), now.Add(FullPause), fmt.Sprintf("Graph API usage at %.0f%% of the limit", pct))
	case pct >= ReadThreshold:
		c.pause(now.Add(ReadPause), time.Time{}, fmt.Sprintf("Graph API usage at %.0f%% of the limit", pct))
	}
}

// throttled records a throttling answer and returns when to try again.
func (c *Client) throttled(h http.Header, code int) time.Time {
	now := c.now()
	wait := retryAfter(h, now)
	if _, regain, _ := readUsage(h); regain > wait {
		wait = regain
	}
	if wait == 0 {
		wait = defaultWait(code)
	}
	at := now.Add(wait)
	c.pause(at, at, "Meta rate limit")
	return at
}

// pause extends the read and write pauses; a zero time leaves one alone.
func (c *Client) pause(reads, writes time.Time, why string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	changed := false
	if reads.After(c.readsUntil) {
		c.readsUntil, changed = reads, true
	}
	if writes.After(c.writesUntil) {
		c.writesUntil, changed = writes, true
	}
	if changed {
		c.why = why
		c.log.Warn("meta: backing off", "reason", why, "reads_until", c.readsUntil, "writes_until", c.writesUntil)
	}
}

// gate refuses a request while its kind is paused, without calling Meta.
func (c *Client) gate(write bool) error {
	c.mu.Lock()
	until, why := c.readsUntil, c.why
	if write {
		until = c.writesUntil
	}
	c.mu.Unlock()
	if c.now().Before(until) {
		return platforms.RateLimited(until, "backing off before Meta's limit: "+why)
	}
	return nil
}

// Package mastodon connects Sapa to a Mastodon account: mention
// notifications become conversations, direct-visibility ones as DMs and the
// rest as public mention threads, and replies are posted as statuses with an
// Idempotency-Key so a retried send is never published twice.
package mastodon

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/httpapi"
)

const (
	// defaultMaxChars is Mastodon's stock status limit, used until the
	// instance says otherwise.
	defaultMaxChars = 500
	// pageLimit is the notifications page size: the default of every
	// version, so an older server does not silently cut pages short.
	pageLimit          = 40
	defaultHistoryDays = 7
	resolveTimeout     = 15 * time.Second
	// fetchReserve requests are left to replies and read-back when polling
	// meets the rate limit.
	fetchReserve = 10
)

// Connector is one Mastodon account. It is safe for concurrent use.
type Connector struct {
	log         *slog.Logger
	acct        config.Account
	base        string
	token       string
	api         *httpapi.Client
	limit       int
	historyDays int
	now         func() time.Time

	// Mastodon has one account-wide budget for reads and writes and a
	// separate, slower one for posting; the headers of each answer describe
	// whichever is closer to running out.
	reads, posts budget
	memo         *statusMemo

	mu       sync.Mutex
	meID     string
	meAcct   string
	maxChars int
	instance bool // the limit was read from the instance
}

// New builds the connector for acct. base_url is the instance (there is no
// default Mastodon server); the token is resolved now.
func New(acct config.Account, log *slog.Logger) (platforms.Connector, error) {
	o, err := platforms.OptionsOf[*Options](acct)
	if err != nil {
		return nil, err
	}
	base := strings.TrimRight(acct.BaseURL, "/")
	if base == "" {
		return nil, platforms.Errorf(platforms.KindPermanent, "mastodon: base_url (the instance, e.g. https://mastodon.social) is required")
	}
	if _, err := url.ParseRequestURI(base); err != nil {
		return nil, platforms.Errorf(platforms.KindPermanent, "mastodon: base_url %q is not a URL", base)
	}
	ctx, cancel := context.WithTimeout(context.Background(), resolveTimeout)
	defer cancel()
	token, err := o.Token.Resolve(ctx)
	if err != nil {
		return nil, &platforms.Error{Kind: platforms.KindAuth, Message: "mastodon token", Err: err, Fix: authFix}
	}
	c := &Connector{
		log:         platforms.Quiet(log),
		acct:        acct,
		base:        base,
		token:       token,
		limit:       pageLimit,
		historyDays: acct.HistoryDays,
		now:         time.Now,
		memo:        newStatusMemo(4096),
		maxChars:    defaultMaxChars,
	}
	if c.historyDays <= 0 {
		c.historyDays = defaultHistoryDays
	}
	c.api = c.newAPI()
	return c, nil
}

// Platform implements platforms.Connector.
func (c *Connector) Platform() inbox.Platform { return inbox.Mastodon }

// Capabilities implements platforms.Connector. The length is the instance's
// (500 until it has been read), counted as the instance counts it, with the
// @mention Sapa puts in front of every reply (MentionsAuthor).
func (c *Connector) Capabilities() inbox.Capabilities {
	c.mu.Lock()
	max := c.maxChars
	c.mu.Unlock()
	caps := Descriptor().Capabilities
	caps.MaxLength = max
	return caps
}

// cursorState is the opaque cursor. Since is the newest notification
// ingested. On first start the newest page is read first and older pages
// follow (Back, the max_id to continue from) until Cutoff; Top then becomes
// Since, so nothing that arrived meanwhile is missed.
type cursorState struct {
	Since  string `json:"since,omitempty"`
	Back   string `json:"back,omitempty"`
	Top    string `json:"top,omitempty"`
	Cutoff int64  `json:"cutoff,omitempty"` // unix seconds
}

// Fetch implements platforms.Connector: one page of mention notifications.
func (c *Connector) Fetch(ctx context.Context, cursor string) (platforms.Batch, error) {
	var st cursorState
	if cursor != "" {
		if err := json.Unmarshal([]byte(cursor), &st); err != nil {
			return platforms.Batch{}, &platforms.Error{Kind: platforms.KindMalformed, Message: "mastodon: stored cursor is not ours", Err: err}
		}
	}
	now := c.now()
	if at, ok := c.reads.allow(now, fetchReserve); !ok {
		return platforms.Batch{}, platforms.RateLimited(at, "mastodon: keeping the last requests of the rate limit for replies")
	}
	if err := c.ensureMe(ctx); err != nil {
		return platforms.Batch{}, err
	}
	c.ensureInstance(ctx)

	backfill := st.Since == ""
	if backfill && st.Back == "" && st.Top == "" {
		st.Cutoff = now.AddDate(0, 0, -c.historyDays).Unix()
	}
	q := url.Values{"types[]": {"mention"}, "limit": {strconv.Itoa(c.limit)}, "include_filtered": {"true"}}
	switch {
	case !backfill:
		q.Set("min_id", st.Since)
	case st.Back != "":
		q.Set("max_id", st.Back)
	}
	var raws []json.RawMessage
	h, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v1/notifications", query: q, bucket: &c.reads}, &raws)
	if err != nil {
		return platforms.Batch{}, err
	}

	var items []inbox.Inbound
	newest, oldest := "", ""
	reachedCutoff := false
	for _, raw := range raws {
		var n notification
		if err := json.Unmarshal(raw, &n); err != nil || n.ID == "" {
			var head struct {
				ID string `json:"id"`
			}
			_ = json.Unmarshal(raw, &head)
			c.log.Warn("mastodon: skipping malformed notification", "account", c.acct.Name, "id", head.ID)
			n = notification{ID: head.ID}
		}
		if n.ID != "" {
			if newest == "" || compareIDs(n.ID, newest) > 0 {
				newest = n.ID
			}
			if oldest == "" || compareIDs(n.ID, oldest) < 0 {
				oldest = n.ID
			}
		}
		if n.Status == nil || n.Type != "mention" {
			continue
		}
		if !backfill && compareIDs(n.ID, st.Since) <= 0 {
			continue // already ingested; a server ignoring min_id sent it again
		}
		if st.Cutoff != 0 && n.CreatedAt.Unix() < st.Cutoff {
			reachedCutoff = true
			continue
		}
		in, err := c.convert(ctx, n.Status)
		if err != nil {
			return platforms.Batch{}, err
		}
		items = append(items, in)
	}
	full := len(raws) >= c.limit
	if !backfill {
		if p := linkParam(h, "prev", "min_id"); p != "" && compareIDs(p, st.Since) > 0 {
			newest = maxID(newest, p)
		}
		if newest != "" && compareIDs(newest, st.Since) > 0 {
			st.Since = newest
		}
		return c.batch(items, st, full)
	}
	if st.Top == "" {
		st.Top = newest
	}
	if p := linkParam(h, "next", "max_id"); p != "" {
		oldest = p
	}
	if full && !reachedCutoff && oldest != "" {
		st.Back = oldest
		return c.batch(items, st, true)
	}
	// History is read back to the cutoff: from now on page forward.
	st = cursorState{Since: st.Top}
	if st.Since == "" {
		// Nothing at all yet: keep bounding history until something comes.
		st.Cutoff = now.AddDate(0, 0, -c.historyDays).Unix()
	}
	return c.batch(items, st, false)
}

func (c *Connector) batch(items []inbox.Inbound, st cursorState, more bool) (platforms.Batch, error) {
	b, err := json.Marshal(st)
	if err != nil {
		return platforms.Batch{}, &platforms.Error{Kind: platforms.KindPermanent, Message: "mastodon: encode cursor", Err: err}
	}
	return platforms.Batch{Items: items, Cursor: string(b), More: more}, nil
}

func maxID(a, b string) string {
	if a == "" || compareIDs(b, a) > 0 {
		return b
	}
	return a
}

// ensureMe learns the account's own id and handle (verify_credentials):
// they tell our statuses apart and find them again for read-back.
func (c *Connector) ensureMe(ctx context.Context) error {
	c.mu.Lock()
	known := c.meID != ""
	c.mu.Unlock()
	if known {
		return nil
	}
	var me account
	if _, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v1/accounts/verify_credentials", bucket: &c.reads}, &me); err != nil {
		return err
	}
	if me.ID == "" {
		return platforms.Errorf(platforms.KindMalformed, "mastodon: verify_credentials returned no account id")
	}
	c.mu.Lock()
	c.meID, c.meAcct = me.ID, me.Acct
	c.mu.Unlock()
	return nil
}

func (c *Connector) me() (id, acct string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.meID, c.meAcct
}

// ensureInstance reads the instance's status length once. Failure is not an
// error: the stock 500 is the safe guess, and only a request that failed on
// the way is tried again at the next fetch (a refusal, or an answer without a
// limit, is final).
func (c *Connector) ensureInstance(ctx context.Context) {
	c.mu.Lock()
	done := c.instance
	c.mu.Unlock()
	if done {
		return
	}
	n, err := c.instanceMaxChars(ctx)
	if err != nil && platforms.KindOf(err) != platforms.KindPermanent {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.instance = true
	if n > 0 {
		c.maxChars = n
	}
}

// instanceMaxChars asks /api/v2/instance, then /api/v1/instance for servers
// that predate it.
func (c *Connector) instanceMaxChars(ctx context.Context) (int, error) {
	var inst instanceV2
	_, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v2/instance", bucket: &c.reads}, &inst)
	var pe *platforms.Error
	if errors.As(err, &pe) && pe.Kind == platforms.KindPermanent {
		inst = instanceV2{}
		_, err = c.do(ctx, request{method: http.MethodGet, path: "/api/v1/instance", bucket: &c.reads}, &inst)
	}
	if err != nil {
		return 0, err
	}
	if n := inst.Configuration.Statuses.MaxCharacters; n > 0 {
		return n, nil
	}
	return inst.MaxTootChars, nil
}

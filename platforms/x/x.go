// Package x connects Sapa to X (formerly Twitter) through the X API v2:
// mentions of the office's account are polled with since_id and answered with
// replies posted to the exact tweet that mentioned it.
package x

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/httpapi"
)

// DefaultBaseURL is the X API's address; config's base_url overrides it.
const DefaultBaseURL = "https://api.x.com"

// MaxLength is the longest reply X accepts, in twitter-text weighted characters.
const MaxLength = 280

// defaultHistoryDays bounds the first fetch when the account sets none.
const defaultHistoryDays = 7

// maxResults is the largest page the timeline endpoints serve.
const maxResults = 100

// Connector is one X account. It is safe for concurrent use.
type Connector struct {
	name   string
	userID string
	days   int
	api    *httpapi.Client // requests, with tok as the bearer token
	tok    httpapi.Credential
	limits *limiter
	now    func() time.Time
	log    *slog.Logger
}

var (
	_ platforms.Connector  = (*Connector)(nil)
	_ platforms.Reconciler = (*Connector)(nil)
	_ platforms.Checker    = (*Connector)(nil)
)

// New builds the connector for acct (a platforms.Factory). It resolves the
// token now, with a bounded wait, so a broken secret source shows at start.
func New(acct config.Account, log *slog.Logger) (platforms.Connector, error) {
	o, err := platforms.OptionsOf[*Options](acct)
	if err != nil {
		return nil, err
	}
	if o.UserID == "" {
		return nil, errors.New("x: user_id is required (the numeric id of the office's X account; `sapa doctor` shows it)")
	}
	if strings.Trim(o.UserID, "0123456789") != "" {
		return nil, fmt.Errorf("x: user_id %q is not a numeric X user id", o.UserID)
	}
	api, err := open(o, acct.BaseURL)
	if err != nil {
		return nil, err
	}
	days := acct.HistoryDays
	if days <= 0 {
		days = defaultHistoryDays
	}
	c := &Connector{
		api:    api,
		name:   acct.Name,
		userID: o.UserID,
		days:   days,
		tok:    api.Token,
		limits: newLimiter(),
		now:    time.Now,
		log:    platforms.Quiet(log),
	}
	api.Platform, api.Accepted, api.Classify = "X", "the reply", httpapi.Unless2xx(c.statusError)
	return c, nil
}

// open builds the client with a static token, or with one Sapa refreshes
// from token_file.
func open(o *Options, baseURL string) (*httpapi.Client, error) {
	if o.Refreshes() {
		api, err := httpapi.OpenOAuth(o.OAuth, TokenURL, baseURL, DefaultBaseURL)
		if err != nil {
			return nil, fmt.Errorf("x: %w", err)
		}
		return api, nil
	}
	if o.Token.IsZero() {
		return nil, errors.New("x: token is required (an OAuth 2.0 user access token with tweet.read tweet.write users.read), or token_file with client_id")
	}
	api, err := httpapi.Open(o.Token, baseURL, DefaultBaseURL)
	if err != nil {
		return nil, fmt.Errorf("x: token: %w", err)
	}
	return api, nil
}

// Platform reports inbox.X.
func (c *Connector) Platform() inbox.Platform { return inbox.X }

// Capabilities declares X's limits: public mentions only (DMs need another
// API tier), 280 weighted characters, no reply window, no idempotency key,
// and read-back of our own tweets for reconciliation.
func (c *Connector) Capabilities() inbox.Capabilities { return Descriptor().Capabilities }

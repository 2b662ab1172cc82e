// Package youtube connects Sapa to a YouTube channel through the YouTube Data
// API v3: comment threads on the channel's videos are polled (published and
// held for review), replies go to the thread's top-level comment, comments can
// be hidden, and every call is charged against the project's daily quota.
package youtube

import (
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/httpapi"
)

// DefaultBaseURL is the Data API's address; config's base_url overrides it
// (including the /youtube/v3 part).
const DefaultBaseURL = "https://www.googleapis.com/youtube/v3"

// MaxLength is YouTube's comment limit in characters.
const MaxLength = 10000

// defaultHistoryDays bounds the first fetch when the account sets none.
const defaultHistoryDays = 7

// Connector is one YouTube channel. It is safe for concurrent use.
type Connector struct {
	name    string
	channel string
	days    int
	api     *httpapi.Client // requests, with tok as the bearer token
	tok     httpapi.Credential
	quota   *quota
	now     func() time.Time
	log     *slog.Logger

	mu     sync.Mutex
	videos map[string]video // video id → title and description, fetched once
}

// video is what a comment thread shows of its video.
type video struct {
	title, description string
}

var (
	_ platforms.Connector  = (*Connector)(nil)
	_ platforms.Reconciler = (*Connector)(nil)
	_ platforms.Checker    = (*Connector)(nil)
	_ platforms.Hider      = (*Connector)(nil)
)

// New builds the connector for acct (a platforms.Factory). It resolves the
// token now, with a bounded wait, so a broken secret source shows at start.
func New(acct config.Account, log *slog.Logger) (platforms.Connector, error) {
	o, err := platforms.OptionsOf[*Options](acct)
	if err != nil {
		return nil, err
	}
	if o.ChannelID == "" {
		return nil, errors.New("youtube: channel_id is required (the channel's UC… id; `sapa doctor` shows the token's channel)")
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
		api:     api,
		name:    acct.Name,
		channel: o.ChannelID,
		days:    days,
		tok:     api.Token,
		quota:   newQuota(DailyQuota, readReserve),
		now:     time.Now,
		log:     platforms.Quiet(log),
		videos:  map[string]video{},
	}
	api.Platform, api.Accepted, api.Classify = "YouTube", "the request", httpapi.Unless2xx(c.statusError)
	return c, nil
}

// open builds the client with a static token, or with one Sapa refreshes
// from token_file.
func open(o *Options, baseURL string) (*httpapi.Client, error) {
	if o.Refreshes() {
		api, err := httpapi.OpenOAuth(o.OAuth, TokenURL, baseURL, DefaultBaseURL)
		if err != nil {
			return nil, fmt.Errorf("youtube: %w", err)
		}
		return api, nil
	}
	if o.Token.IsZero() {
		return nil, errors.New("youtube: token is required (an OAuth 2.0 access token with the youtube.force-ssl scope), or token_file with client_id and client_secret")
	}
	api, err := httpapi.Open(o.Token, baseURL, DefaultBaseURL)
	if err != nil {
		return nil, fmt.Errorf("youtube: token: %w", err)
	}
	return api, nil
}

// Platform reports inbox.YouTube.
func (c *Connector) Platform() inbox.Platform { return inbox.YouTube }

// Capabilities declares YouTube's limits. Length is counted in UTF-16 units:
// YouTube only says "10,000 characters", and UTF-16 never counts fewer than
// code points, so a reply we let through is not refused for length.
func (c *Connector) Capabilities() inbox.Capabilities { return Descriptor().Capabilities }

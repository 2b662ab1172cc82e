// Package telegram connects Sapa to a Telegram bot through the Bot API:
// private chats with the bot become DM conversations, and in groups only the
// messages that mention the bot or answer it are picked up, each reply chain
// becoming one mention conversation. Updates arrive by getUpdates polling or,
// optionally, by webhook.
package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/httpapi"
)

// DefaultBaseURL is the public Bot API; a local Bot API server or a test
// fake is configured with base_url.
const DefaultBaseURL = "https://api.telegram.org"

const (
	// maxTextLength is sendMessage's limit: 1-4096 characters after entities
	// parsing, counted in UTF-16 code units like every Bot API offset.
	maxTextLength = 4096
	// pageLimit is getUpdates' largest page.
	pageLimit = 100
	// offsetStale is how long an unused offset stays trustworthy: after a
	// week without updates Telegram picks the next update_id at random, so
	// an old offset could confirm (and so drop) new updates.
	offsetStale = 6 * 24 * time.Hour
	// defaultHistoryDays bounds the first fetch when history_days is unset.
	defaultHistoryDays = 7
	// resolveTimeout bounds secret lookups at construction.
	resolveTimeout = 15 * time.Second
)

// allowedUpdates is sent with every getUpdates so the bot's subscription is
// what Sapa handles, whatever another program set before.
var allowedUpdates = []string{"message", "edited_message"}

// Connector is one Telegram bot. It is safe for concurrent use.
type Connector struct {
	log           *slog.Logger
	acct          config.Account
	opts          Options // acct.Options
	base          string
	token         string
	webhookSecret string
	api           *httpapi.Client
	limit         int
	historyDays   int
	now           func() time.Time

	roots *rootMemo
	pace  *pacer

	mu          sync.Mutex
	botID       int64
	botUsername string // without the @
}

// New builds the connector for acct, resolving its secrets now so a missing
// token is reported at start-up rather than at the first poll.
func New(acct config.Account, log *slog.Logger) (platforms.Connector, error) {
	o, err := platforms.OptionsOf[*Options](acct)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), resolveTimeout)
	defer cancel()
	token, err := o.Token.Resolve(ctx)
	if err != nil {
		return nil, &platforms.Error{Kind: platforms.KindAuth, Message: "telegram token", Err: err,
			Fix: "Set token (env or cmd) to the bot token @BotFather gave you."}
	}
	c := &Connector{
		log:         platforms.Quiet(log),
		acct:        acct,
		opts:        *o,
		base:        strings.TrimRight(acct.BaseURL, "/"),
		token:       token,
		limit:       pageLimit,
		historyDays: acct.HistoryDays,
		now:         time.Now,
		roots:       newRootMemo(maxRoots),
		pace:        newPacer(),
		botUsername: strings.TrimPrefix(o.BotUsername, "@"),
	}
	if c.base == "" {
		c.base = DefaultBaseURL
	}
	if c.historyDays <= 0 {
		c.historyDays = defaultHistoryDays
	}
	if !o.WebhookSecret.IsZero() {
		if c.webhookSecret, err = o.WebhookSecret.Resolve(ctx); err != nil {
			return nil, &platforms.Error{Kind: platforms.KindAuth, Message: "telegram webhook_secret", Err: err,
				Fix: "Set webhook_secret (env or cmd) to the secret_token given to setWebhook."}
		}
	}
	c.api = c.newAPI(token)
	// A bot token is "<bot id>:<secret>"; the id tells the bot's own messages
	// and replies to them apart without a getMe round trip.
	if id, _, ok := strings.Cut(token, ":"); ok {
		c.botID, _ = strconv.ParseInt(id, 10, 64)
	}
	return c, nil
}

// Platform implements platforms.Connector.
func (c *Connector) Platform() inbox.Platform { return inbox.Telegram }

// Capabilities implements platforms.Connector. Telegram has no idempotency
// key and bots cannot read chat history, so an ambiguous send can be neither
// deduplicated nor reconciled.
func (c *Connector) Capabilities() inbox.Capabilities { return Descriptor().Capabilities }

// ConfirmsCursor implements platforms.Confirmer: getUpdates with an offset
// tells Telegram to forget every update before it. With a webhook set no
// offset is ever sent.
func (c *Connector) ConfirmsCursor() bool { return !c.opts.Webhook }

// cursorState is the opaque cursor: the next getUpdates offset, when it last
// moved, and the reply-chain roots of recent group messages so a restart
// keeps follow-ups in the same conversation.
type cursorState struct {
	Offset int64 `json:"offset"`
	At     int64 `json:"at,omitempty"` // unix seconds
	// Since bounds history while the first start drains the queue (unix
	// seconds); it is dropped once a fetch comes back empty.
	Since int64       `json:"since,omitempty"`
	Roots []rootEntry `json:"roots,omitempty"`
}

func parseCursor(s string) (cursorState, error) {
	var st cursorState
	if s == "" {
		return st, nil
	}
	if err := json.Unmarshal([]byte(s), &st); err != nil {
		return st, &platforms.Error{Kind: platforms.KindMalformed, Message: "telegram: stored cursor is not ours", Err: err}
	}
	return st, nil
}

// Fetch implements platforms.Connector with one getUpdates call. The offset
// sent is the cursor the relay stored with the previous batch, so an update
// is confirmed to Telegram only after it was ingested; Fetch never asks for a
// later offset before returning what it got.
func (c *Connector) Fetch(ctx context.Context, cursor string) (platforms.Batch, error) {
	if c.opts.Webhook {
		// getUpdates is refused while a webhook is set; items come by push.
		return platforms.Batch{Cursor: cursor}, nil
	}
	st, err := parseCursor(cursor)
	if err != nil {
		return platforms.Batch{}, err
	}
	c.roots.merge(st.Roots)
	if err := c.ensureIdentity(ctx); err != nil {
		return platforms.Batch{}, err
	}
	now := c.now()
	params := getUpdatesParams{Limit: c.limit, AllowedUpdates: allowedUpdates}
	if st.Offset != 0 && now.Sub(time.Unix(st.At, 0)) < offsetStale {
		params.Offset = st.Offset
	}
	var raws []json.RawMessage
	if err := c.call(ctx, "getUpdates", params, &raws, false); err != nil {
		return platforms.Batch{}, err
	}
	if cursor == "" {
		st.Since = now.AddDate(0, 0, -c.historyDays).Unix()
	}
	var cutoff time.Time
	if st.Since != 0 {
		cutoff = time.Unix(st.Since, 0)
	}
	var items []inbox.Inbound
	advanced := false
	var maxID int64
	for _, raw := range raws {
		var head struct {
			UpdateID *int64 `json:"update_id"`
		}
		if json.Unmarshal(raw, &head) != nil || head.UpdateID == nil {
			c.log.Warn("telegram: skipping an update without update_id", "account", c.acct.Name)
			continue
		}
		if !advanced || *head.UpdateID > maxID {
			maxID = *head.UpdateID
		}
		advanced = true
		var u update
		if err := json.Unmarshal(raw, &u); err != nil {
			c.log.Warn("telegram: skipping malformed update", "account", c.acct.Name, "update_id", *head.UpdateID, "error", c.describe(err))
			continue
		}
		if in, ok := c.convert(u, cutoff); ok {
			items = append(items, in)
		}
	}
	if !advanced {
		st.Since = 0 // caught up: from now on everything is new
	}
	if advanced {
		// The highest id of this page, not of all time: after a quiet week
		// Telegram restarts update ids at random, possibly lower.
		st.Offset = maxID + 1
		st.At = now.Unix()
	}
	st.Roots = c.roots.snapshot()
	next, err := json.Marshal(st)
	if err != nil {
		return platforms.Batch{}, &platforms.Error{Kind: platforms.KindPermanent, Message: "telegram: encode cursor", Err: err}
	}
	// Any update means the queue may hold more; the next call also confirms
	// this page, so it is made at once rather than after the poll interval.
	return platforms.Batch{Items: items, Cursor: string(next), More: advanced}, nil
}

// ensureIdentity learns the bot's id and username from getMe when the
// configuration and the token do not give them; mentions cannot be spotted
// without them.
func (c *Connector) ensureIdentity(ctx context.Context) error {
	c.mu.Lock()
	known := c.botID != 0 && c.botUsername != ""
	c.mu.Unlock()
	if known {
		return nil
	}
	var me user
	if err := c.call(ctx, "getMe", struct{}{}, &me, false); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.botID == 0 {
		c.botID = me.ID
	}
	if c.botUsername == "" {
		c.botUsername = me.Username
	}
	return nil
}

func (c *Connector) identity() (int64, string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.botID, c.botUsername
}

// errNoTarget is returned for replies that name no chat.
var errNoTarget = errors.New("telegram: the reply names no chat")

package meta

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

// Options are the account keys every Meta platform shares: the token and,
// for webhooks, the app secret and verify token. Each Meta connector's
// options embed them.
type Options struct {
	Token       config.Secret `toml:"token"`        // the Page (or system user) access token
	AppSecret   config.Secret `toml:"app_secret"`   // signs webhooks (X-Hub-Signature-256)
	VerifyToken config.Secret `toml:"verify_token"` // webhook GET verification
	Webhook     bool          `toml:"webhook"`      // receive by webhook instead of polling
}

// UsesWebhook implements config.WebhookOptions.
func (o Options) UsesWebhook() bool { return o.Webhook }

// CheckWebhook refuses webhook = true without the secrets that verify it.
func (o Options) CheckWebhook(p inbox.Platform) error {
	if o.Webhook && (o.AppSecret.IsZero() || o.VerifyToken.IsZero()) {
		return fmt.Errorf("webhook on %s needs app_secret and verify_token", p)
	}
	return nil
}

// Secrets are an account's resolved Meta secrets.
type Secrets struct {
	Token       string
	AppSecret   string // empty when not configured
	VerifyToken string // empty when not configured
}

// ResolveSecrets resolves the token (required) and, when configured, the
// app secret and verify token, within SecretTimeout. Errors name the key,
// never the value.
func ResolveSecrets(o Options) (Secrets, error) {
	ctx, cancel := context.WithTimeout(context.Background(), SecretTimeout)
	defer cancel()
	var s Secrets
	var err error
	if o.Token.IsZero() {
		return s, fmt.Errorf("token is required")
	}
	if s.Token, err = o.Token.Resolve(ctx); err != nil {
		return s, fmt.Errorf("token: %w", err)
	}
	if !o.AppSecret.IsZero() {
		if s.AppSecret, err = o.AppSecret.Resolve(ctx); err != nil {
			return s, fmt.Errorf("app_secret: %w", err)
		}
	}
	if !o.VerifyToken.IsZero() {
		if s.VerifyToken, err = o.VerifyToken.Resolve(ctx); err != nil {
			return s, fmt.Errorf("verify_token: %w", err)
		}
	}
	return s, nil
}

// Placeholder stands for a message part that is not text, in Bahasa
// Indonesia like the rest of the inbox: "[gambar]", "[stiker]"…
func Placeholder(kind string) string {
	switch strings.ToLower(kind) {
	case "image", "photo", "animated_image_share":
		return "[gambar]"
	case "video", "video_inline", "reel", "ig_reel":
		return "[video]"
	case "audio", "voice":
		return "[audio]"
	case "document", "file":
		return "[dokumen]"
	case "sticker":
		return "[stiker]"
	case "location":
		return "[lokasi]"
	case "contacts", "contact":
		return "[kontak]"
	case "reaction":
		return "[reaksi]"
	case "share", "story_mention", "story_reply":
		return "[tautan]"
	case "":
		return "[lampiran]"
	}
	return "[" + strings.ToLower(kind) + "]"
}

// WithCaption joins a placeholder and its caption.
func WithCaption(placeholder, caption string) string {
	if caption == "" {
		return placeholder
	}
	return placeholder + " " + caption
}

// Clip shortens text to at most n characters, marking the cut with "…".
func Clip(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	return string([]rune(text)[:n-1]) + "…"
}

// TitleOf is the first line of a post's text, shortened for a list row.
func TitleOf(text string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	return Clip(strings.TrimSpace(line), 100)
}

// Finding runs one check for `sapa doctor`.
func Finding(check string, err error, fix string) platforms.Finding {
	f := platforms.Finding{Check: check, OK: err == nil}
	if err != nil {
		f.Check = check + ": " + err.Error()
		f.Fix = fix
		if pe, ok := err.(*platforms.Error); ok && pe.Fix != "" {
			f.Fix = pe.Fix
		}
	}
	return f
}

// CheckSubscription reports whether the app is subscribed to a webhook
// field of a Page: GET /{page-id}/subscribed_apps.
func CheckSubscription(ctx context.Context, c *Client, pageID, field, path string) platforms.Finding {
	var subs struct {
		Data []struct {
			SubscribedFields []string `json:"subscribed_fields"`
		} `json:"data"`
	}
	err := c.Get(ctx, "/"+pageID+"/subscribed_apps", nil, &subs)
	if err == nil {
		err = fmt.Errorf("the Page is not subscribed to the %s field", field)
		for _, d := range subs.Data {
			for _, f := range d.SubscribedFields {
				if f == field {
					err = nil
				}
			}
		}
	}
	return Finding("Page subscribed to the "+field+" webhook", err,
		"POST /"+pageID+"/subscribed_apps?subscribed_fields="+field+" with the Page token, and point the app's Page webhook at "+path)
}

// CheckWebhookSecrets reports whether both webhook secrets are configured.
func CheckWebhookSecrets(h Webhook) platforms.Finding {
	var err error
	if h.AppSecret == "" || h.VerifyToken == "" {
		err = fmt.Errorf("app_secret or verify_token missing")
	}
	return Finding("webhook secrets configured", err,
		"set app_secret (App Dashboard → Settings → Basic → App Secret) and verify_token (the Verify Token typed in the app's webhook settings)")
}

// ContextTimeout bounds the lookup of a post's text while answering a
// webhook: Meta expects a quick 200, and the text is a nicety.
const ContextTimeout = 5 * time.Second

// PostContext is what a comment thread shows above itself.
type PostContext struct {
	Text string
	URL  string
}

// ContextCache remembers the text of recently seen posts, so a burst of
// webhook comments on one post costs one Graph call.
type ContextCache struct {
	mu sync.Mutex
	m  map[string]PostContext
}

// maxContexts bounds the cache; it is simply emptied when full.
const maxContexts = 256

// Get returns the context of id, calling load (bounded by ContextTimeout)
// when it is not cached. A failed load is logged by the caller's load and
// yields an empty context, which polling or a later event fills.
func (c *ContextCache) Get(ctx context.Context, id string, load func(context.Context, string) (PostContext, error)) PostContext {
	c.mu.Lock()
	pc, ok := c.m[id]
	c.mu.Unlock()
	if ok {
		return pc
	}
	ctx, cancel := context.WithTimeout(ctx, ContextTimeout)
	defer cancel()
	pc, err := load(ctx, id)
	if err != nil {
		return PostContext{}
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxContexts {
		c.m = map[string]PostContext{}
	}
	c.m[id] = pc
	c.mu.Unlock()
	return pc
}

// Open resolves the secrets of o and builds what every Meta connector needs:
// its Graph client, with every secret kept out of its errors, and the
// verifier of its webhook. tokenFix and permFix are the connector's advice
// for a rejected token and a missing permission (see Config).
func Open(baseURL string, o Options, log *slog.Logger, tokenFix, permFix string) (*Client, Webhook, error) {
	s, err := ResolveSecrets(o)
	if err != nil {
		return nil, Webhook{}, err
	}
	c, err := NewClient(Config{
		BaseURL:  baseURL,
		Token:    s.Token,
		TokenFix: tokenFix,
		PermFix:  permFix,
		Secrets:  []string{s.AppSecret, s.VerifyToken},
		Log:      log,
	})
	if err != nil {
		return nil, Webhook{}, err
	}
	return c, Webhook{AppSecret: s.AppSecret, VerifyToken: s.VerifyToken}, nil
}

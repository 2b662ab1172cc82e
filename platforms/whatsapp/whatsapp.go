// Package whatsapp connects Sapa to a WhatsApp Business number through the
// Cloud API. Citizens' messages arrive only by signed webhook (no endpoint
// returns inbound messages), so Fetch has nothing to do; replies go out with
// POST /{phone-number-id}/messages as contextual replies within 24 hours of
// the citizen's last message, and later as the account's approved template
// (window_template) when it has one.
package whatsapp

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
)

// MaxLength is the longest text body the Cloud API takes.
const MaxLength = 4096

// Window is the customer service window: free-form messages only within 24
// hours of the citizen's last message; later only approved templates.
const Window = 24 * time.Hour

// TokenFix tells the admin what to do when Meta rejects the token.
const TokenFix = "generate a new system-user access token with whatsapp_business_messaging and whatsapp_business_management (Meta Business Suite → Settings → System users → Generate token), and update this account's token"

// Connector is one WhatsApp Business phone number.
type Connector struct {
	log     *slog.Logger
	name    string
	phoneID string
	c       *meta.Client
	hook    meta.Webhook
	now     func() time.Time
	tmpl    template // replies outside the window; zero: refused
}

// New builds the connector for a whatsapp account; it is a
// platforms.Factory. The app secret and verify token are required: the
// webhook is the only way messages arrive.
func New(acct config.Account, log *slog.Logger) (platforms.Connector, error) {
	o, err := platforms.OptionsOf[*Options](acct)
	if err != nil {
		return nil, err
	}
	if o.PhoneNumberID == "" {
		return nil, errors.New("phone_number_id is required")
	}
	if o.AppSecret.IsZero() || o.VerifyToken.IsZero() {
		return nil, errors.New("app_secret and verify_token are required: WhatsApp delivers messages only by signed webhook")
	}
	c, hook, err := meta.Open(acct.BaseURL, o.Options, platforms.Quiet(log), TokenFix,
		"give the system user the %s permission on this WhatsApp Business Account, then generate a new token")
	if err != nil {
		return nil, err
	}
	return &Connector{
		log:     platforms.Quiet(log),
		name:    acct.Name,
		phoneID: o.PhoneNumberID,
		c:       c,
		hook:    hook,
		now:     time.Now,
		tmpl:    template{name: o.WindowTemplate, language: o.WindowTemplateLanguage},
	}, nil
}

// Platform implements platforms.Connector.
func (c *Connector) Platform() inbox.Platform { return inbox.WhatsApp }

// Capabilities implements platforms.Connector. There is no read-back: the
// Cloud API cannot list sent messages. With a window template, replies
// outside the window are allowed and limited to TemplateParamMax.
func (c *Connector) Capabilities() inbox.Capabilities {
	caps := Descriptor().Capabilities
	if c.tmpl.name != "" {
		caps.WindowTemplate, caps.WindowMaxLength = c.tmpl.name, TemplateParamMax
	}
	return caps
}

// Fetch implements platforms.Connector. WhatsApp pushes every message by
// webhook; there is nothing to poll, which is not an error.
func (c *Connector) Fetch(ctx context.Context, cursor string) (platforms.Batch, error) {
	return platforms.Batch{Cursor: cursor}, nil
}

// Send implements platforms.Connector. Within the 24-hour window the reply
// is a text message quoting the message answered (context.message_id).
// Outside it the reply is the account's window template with the text as
// its body variable (templates cannot quote), or, without a template,
// refused before any call. Over-long text is refused before any call too.
func (c *Connector) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	if strings.TrimSpace(r.Text) == "" {
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "reply is empty")
	}
	to := r.Recipient.ExternalID
	if to == "" {
		to = r.Thread.ExternalKey
	}
	var body map[string]any
	age := c.now().Sub(r.LastInboundAt)
	inWindow := !r.LastInboundAt.IsZero() && age <= Window
	switch {
	case inWindow:
		if n := inbox.Length(inbox.CountUTF16, r.Text); n > MaxLength {
			return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "reply is %d characters; WhatsApp takes at most %d", n, MaxLength)
		}
		body = map[string]any{
			"messaging_product": "whatsapp",
			"recipient_type":    "individual",
			"to":                to,
			"type":              "text",
			"text":              map[string]any{"body": r.Text, "preview_url": false},
		}
		if r.InReplyTo != "" {
			body["context"] = map[string]string{"message_id": r.InReplyTo}
		}
	case c.tmpl.name == "":
		since := "tidak ada pesan warga yang diketahui"
		if !r.LastInboundAt.IsZero() {
			since = "pesan terakhir warga " + age.Round(time.Hour).String() + " lalu"
		}
		return inbox.Sent{}, &platforms.Error{Kind: platforms.KindPermanent,
			Message: "di luar jendela 24 jam WhatsApp (" + since + "): pesan bebas ditolak, kirim template yang disetujui (outside the 24-hour window: only an approved template can be sent)",
			Fix:     "set window_template and window_template_language for this account to an approved template (see README, WhatsApp), send a template from WhatsApp Manager, or wait for the citizen to write again"}
	default:
		var err error
		if body, err = c.tmpl.message(to, r.Text); err != nil {
			return inbox.Sent{}, err
		}
	}
	if k := r.IdempotencyKey; k != "" && len(k) <= 512 {
		// Echoed in status webhooks: ties a delivery report to its outbox row.
		body["biz_opaque_callback_data"] = k
	}
	var resp struct {
		Messages []struct {
			ID string `json:"id"`
		} `json:"messages"`
	}
	if err := c.c.PostJSON(ctx, "/"+c.phoneID+"/messages", body, &resp); err != nil {
		if !inWindow {
			c.tmpl.explain(err)
		}
		return inbox.Sent{}, err
	}
	if len(resp.Messages) == 0 || resp.Messages[0].ID == "" {
		return inbox.Sent{}, platforms.Errorf(platforms.KindAmbiguous, "Cloud API answered without a message id")
	}
	return inbox.Sent{ExternalID: resp.Messages[0].ID, SentAt: c.now()}, nil
}

// Check implements platforms.Checker for `sapa doctor`.
func (c *Connector) Check(ctx context.Context) []platforms.Finding {
	var num struct {
		ID                 string `json:"id"`
		DisplayPhoneNumber string `json:"display_phone_number"`
		VerifiedName       string `json:"verified_name"`
		QualityRating      string `json:"quality_rating"`
	}
	err := c.c.Get(ctx, "/"+c.phoneID, url.Values{"fields": {"id,display_phone_number,verified_name,quality_rating"}}, &num)
	if err == nil && num.ID != "" && num.ID != c.phoneID {
		err = errors.New("Graph API returned another object for phone_number_id")
	}
	out := []platforms.Finding{
		meta.Finding("token accepted and phone number "+c.phoneID+" readable at "+c.c.BaseURL(), err,
			"check phone_number_id (WhatsApp Manager → Phone numbers) and base_url, and that the system user is assigned to the WhatsApp Business Account"),
		meta.CheckWebhookSecrets(c.hook),
	}
	if err == nil && strings.EqualFold(num.QualityRating, "RED") {
		out = append(out, meta.Finding("message quality of "+num.DisplayPhoneNumber, errors.New("quality rating is RED"),
			"citizens block or report this number: review replies in WhatsApp Manager before Meta limits it"))
	}
	return out
}

package telegram

import (
	"errors"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

// Options are a telegram account's own keys.
type Options struct {
	Token         config.Secret `toml:"token"`          // the bot token from @BotFather
	BotUsername   string        `toml:"bot_username"`   // to spot mentions in groups
	Webhook       bool          `toml:"webhook"`        // receive by webhook instead of getUpdates
	WebhookSecret config.Secret `toml:"webhook_secret"` // X-Telegram-Bot-Api-Secret-Token
}

// UsesWebhook implements config.WebhookOptions.
func (o *Options) UsesWebhook() bool { return o.Webhook }

// Check implements config.Options.
func (o *Options) Check(config.Account) error {
	if err := config.Require(inbox.Telegram, config.KeyValue{Key: "token", Value: o.Token}); err != nil {
		return err
	}
	if o.Webhook && o.WebhookSecret.IsZero() {
		return errors.New("webhook on telegram needs webhook_secret")
	}
	return nil
}

// Descriptor is the telegram platform as Sapa registers it. Telegram has no
// idempotency key and bots cannot read chat history, so an ambiguous send
// can be neither deduplicated nor reconciled. Answers to group mentions are
// seen by the whole group: public comments.
func Descriptor() platforms.Descriptor {
	return platforms.Descriptor{
		Name:   inbox.Telegram,
		Title:  "Telegram",
		Badge:  "TG",
		Colour: "6",
		Capabilities: inbox.Capabilities{
			Reply:          true,
			DirectMessages: true,
			PublicComments: true,
			MaxLength:      maxTextLength,
			Counting:       inbox.CountUTF16,
		},
		Options: func() config.Options { return &Options{} },
		New:     New,
		Demo: platforms.DemoProfile{
			Account: "pemkab-tg", Prefix: "tg", Weight: 6,
			Office:  inbox.Contact{ExternalID: "7012345678", Name: platforms.DemoOfficeShort, Handle: "@PemkabBogorDemoBot"},
			Options: &Options{BotUsername: "PemkabBogorDemoBot"},
		},
	}
}

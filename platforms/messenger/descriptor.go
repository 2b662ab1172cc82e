package messenger

import (
	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
)

// Options are a messenger account's own keys.
type Options struct {
	PageID       string `toml:"page_id"` // the Page whose conversations are answered
	meta.Options        // token, app_secret, verify_token, webhook
}

// Check implements config.Options.
func (o *Options) Check(config.Account) error {
	if err := config.Require(inbox.Messenger, config.KeyValue{Key: "page_id", Value: o.PageID}, config.KeyValue{Key: "token", Value: o.Token}); err != nil {
		return err
	}
	return o.CheckWebhook(inbox.Messenger)
}

// Descriptor is the messenger platform as Sapa registers it. Past the
// 24-hour window a reply still goes out, tagged HUMAN_AGENT, for up to 7
// days (meta.Windows).
func Descriptor() platforms.Descriptor {
	return platforms.Descriptor{
		Name:   inbox.Messenger,
		Title:  "Messenger",
		Badge:  "MSG",
		Colour: "5",
		Capabilities: meta.Windows(inbox.Capabilities{
			Reply:          true,
			DirectMessages: true,
			MaxLength:      MaxLength,
			Counting:       inbox.CountUTF16,
			ReadBack:       true,
		}),
		Options: func() config.Options { return &Options{} },
		New:     New,
		Demo: platforms.DemoProfile{
			Account: "pemkab-messenger", Prefix: "ms", Weight: 8,
			Office:  inbox.Contact{ExternalID: "104857600123456", Name: platforms.DemoOffice, Handle: "pemkabbogor.demo"},
			Options: &Options{PageID: "104857600123456"},
		},
	}
}

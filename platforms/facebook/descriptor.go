package facebook

import (
	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
)

// Options are a facebook account's own keys.
type Options struct {
	PageID       string `toml:"page_id"` // the Page whose comments are answered
	meta.Options        // token, app_secret, verify_token, webhook
}

// Check implements config.Options.
func (o *Options) Check(config.Account) error {
	if err := config.Require(inbox.Facebook, config.KeyValue{Key: "page_id", Value: o.PageID}, config.KeyValue{Key: "token", Value: o.Token}); err != nil {
		return err
	}
	return o.CheckWebhook(inbox.Facebook)
}

// Descriptor is the facebook platform as Sapa registers it.
func Descriptor() platforms.Descriptor {
	return platforms.Descriptor{
		Name:   inbox.Facebook,
		Title:  "Facebook",
		Badge:  "FB",
		Colour: "4",
		Capabilities: inbox.Capabilities{
			Reply:          true,
			PublicComments: true,
			MaxLength:      MaxLength,
			Counting:       inbox.CountUTF16,
			Moderation:     true,
			ReadBack:       true,
		},
		Options: func() config.Options { return &Options{} },
		New:     New,
		Demo: platforms.DemoProfile{
			Account: "pemkab-fb", Prefix: "fb", Weight: 27,
			Office:  inbox.Contact{ExternalID: "104857600123456", Name: platforms.DemoOffice, Handle: "pemkabsukamaju"},
			Options: &Options{PageID: "104857600123456"},
		},
	}
}

package instagram

import (
	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
)

// Options are an instagram account's own keys.
type Options struct {
	IGUserID     string `toml:"ig_user_id"` // the Instagram professional account id
	meta.Options        // token, app_secret, verify_token, webhook
}

// Check implements config.Options.
func (o *Options) Check(config.Account) error {
	if err := config.Require(inbox.Instagram, config.KeyValue{Key: "ig_user_id", Value: o.IGUserID}, config.KeyValue{Key: "token", Value: o.Token}); err != nil {
		return err
	}
	return o.CheckWebhook(inbox.Instagram)
}

// Descriptor is the instagram platform as Sapa registers it. MaxLength is
// the comment limit; direct messages take DMMaxLength and only within 7
// days of the person's last message, which Send enforces (ReplyWindow stays
// 0 because it would wrongly apply to comments).
func Descriptor() platforms.Descriptor {
	return platforms.Descriptor{
		Name:   inbox.Instagram,
		Title:  "Instagram",
		Badge:  "IG",
		Colour: "13",
		Capabilities: inbox.Capabilities{
			Reply:          true,
			DirectMessages: true,
			PublicComments: true,
			MaxLength:      MaxLength,
			Counting:       inbox.CountUTF16,
			TopLevelOnly:   true,
			Moderation:     true,
			ReadBack:       true,
		},
		Options: func() config.Options { return &Options{} },
		New:     New,
		Demo: platforms.DemoProfile{
			Account: "pemkab-ig", Prefix: "ig", Weight: 10,
			Office:  inbox.Contact{ExternalID: "17841400812345678", Name: platforms.DemoOffice, Handle: "@pemkabbogor.demo"},
			Options: &Options{IGUserID: "17841400812345678"},
			Pages: []platforms.DemoProfile{
				{Account: "kec-cibinong-ig", Prefix: "igcb", Weight: 4, Unit: "32.01.01",
					Office:  inbox.Contact{ExternalID: "17841400877700001", Name: "Kecamatan Cibinong", Handle: "@kec.cibinong.demo"},
					Options: &Options{IGUserID: "17841400877700001"}},
			},
		},
	}
}

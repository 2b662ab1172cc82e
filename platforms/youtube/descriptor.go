package youtube

import (
	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

// Options are a youtube account's own keys.
type Options struct {
	ChannelID string        `toml:"channel_id"` // the channel's UC… id
	Token     config.Secret `toml:"token"`      // an OAuth 2.0 access token (youtube.force-ssl)
	// OAuth, instead of token, lets Sapa refresh the access token itself.
	config.OAuth
}

// TokenURL is Google's OAuth 2.0 token endpoint, token_url's default.
const TokenURL = "https://oauth2.googleapis.com/token"

// Check implements config.Options.
func (o *Options) Check(config.Account) error {
	if err := config.Require(inbox.YouTube, config.KeyValue{Key: "channel_id", Value: o.ChannelID}); err != nil {
		return err
	}
	return o.CheckToken(inbox.YouTube, o.Token)
}

// Descriptor is the youtube platform as Sapa registers it. Length is
// counted in UTF-16 units: YouTube only says "10,000 characters", and UTF-16
// never counts fewer than code points, so a reply we let through is not
// refused for length.
func Descriptor() platforms.Descriptor {
	return platforms.Descriptor{
		Name:   inbox.YouTube,
		Title:  "YouTube",
		Badge:  "YT",
		Colour: "1",
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
			Account: "pemkab-yt", Prefix: "yt", Weight: 7,
			Office:  inbox.Contact{ExternalID: "UCq3SkmjPmkbTv7Lz0aW1xQe", Name: platforms.DemoOfficeShort + " Official", Handle: "@PemkabBogorDemo"},
			Options: &Options{ChannelID: "UCq3SkmjPmkbTv7Lz0aW1xQe"},
		},
	}
}

package mastodon

import (
	"errors"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

// Options are a mastodon account's own keys; base_url (shared by every
// platform) is the instance and required here.
type Options struct {
	Token config.Secret `toml:"token"` // an access token with read and write:statuses
}

// Check implements config.Options.
func (o *Options) Check(acct config.Account) error {
	if err := config.Require(inbox.Mastodon, config.KeyValue{Key: "token", Value: o.Token}); err != nil {
		return err
	}
	if acct.BaseURL == "" {
		return errors.New("base_url is required for mastodon (the instance, e.g. https://mastodon.social)")
	}
	return nil
}

// Descriptor is the mastodon platform as Sapa registers it. The length is
// the stock one until the instance tells its own (see Capabilities),
// counted as the instance counts (links 23, a remote mention by its local
// part), with the @mention Sapa puts in front of every reply.
func Descriptor() platforms.Descriptor {
	return platforms.Descriptor{
		Name:   inbox.Mastodon,
		Title:  "Mastodon",
		Badge:  "MA",
		Colour: "5",
		Capabilities: inbox.Capabilities{
			Reply:          true,
			DirectMessages: true,
			PublicComments: true,
			MaxLength:      defaultMaxChars,
			Counting:       inbox.CountMastodon,
			MentionsAuthor: true,
			ReadBack:       true,
			// Mastodon keeps an Idempotency-Key for about an hour; past 50
			// minutes a resend could post twice.
			IdempotencyWindow: 50 * time.Minute,
		},
		Options: func() config.Options { return &Options{} },
		New:     New,
		Demo: platforms.DemoProfile{
			Account: "pemkab-mastodon", Prefix: "md", Weight: 3,
			Office:  inbox.Contact{ExternalID: "113245678901234567", Name: platforms.DemoOffice, Handle: "@pemkab@sosial.bogorkab.go.id"},
			Options: &Options{},
		},
	}
}

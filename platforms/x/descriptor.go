package x

import (
	"fmt"
	"strings"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

// Options are an x account's own keys.
type Options struct {
	UserID string        `toml:"user_id"` // the numeric id of the office's X account
	Token  config.Secret `toml:"token"`   // an OAuth 2.0 user access token
	// OAuth, instead of token, lets Sapa refresh the access token itself.
	config.OAuth
}

// TokenURL is X's OAuth 2.0 token endpoint, token_url's default.
const TokenURL = "https://api.x.com/2/oauth2/token"

// Check implements config.Options.
func (o *Options) Check(config.Account) error {
	if err := config.Require(inbox.X, config.KeyValue{Key: "user_id", Value: o.UserID}); err != nil {
		return err
	}
	if err := o.CheckToken(inbox.X, o.Token); err != nil {
		return err
	}
	if strings.Trim(o.UserID, "0123456789") != "" {
		return fmt.Errorf("user_id: %q is not a numeric X user id", o.UserID)
	}
	return nil
}

// Descriptor is the x platform as Sapa registers it: public mentions only
// (DMs need another API tier), 280 weighted characters, no reply window, no
// idempotency key, and read-back of our own posts for reconciliation.
func Descriptor() platforms.Descriptor {
	return platforms.Descriptor{
		Name:   inbox.X,
		Title:  "X",
		Badge:  "X",
		Colour: "7",
		Capabilities: inbox.Capabilities{
			Reply:          true,
			PublicComments: true,
			MaxLength:      MaxLength,
			Counting:       inbox.CountXWeighted,
			ReadBack:       true,
		},
		Options: func() config.Options { return &Options{} },
		New:     New,
		Demo: platforms.DemoProfile{
			Account: "pemkab-x", Prefix: "x", Weight: 8,
			Office:  inbox.Contact{ExternalID: "1456789012345678901", Name: platforms.DemoOfficeShort, Handle: "@pemkabbogor_demo"},
			Options: &Options{UserID: "1456789012345678901"},
		},
	}
}

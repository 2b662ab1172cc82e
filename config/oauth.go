package config

import (
	"errors"
	"fmt"
	"net/url"

	"sapa/inbox"
)

// OAuth are the account keys with which the relay refreshes an OAuth 2.0
// access token itself (X, YouTube), instead of an admin's helper script
// behind token.cmd. The refresh token lives in TokenFile, a 0600 JSON file
// only the relay's user reads, never in the config or the store: admins with
// shell accounts can read both. Platforms embed OAuth in their options.
type OAuth struct {
	ClientID     string `toml:"client_id"`     // the app's OAuth 2.0 client id
	ClientSecret Secret `toml:"client_secret"` // empty for a public client (X with PKCE)
	// TokenURL is the platform's token endpoint; empty means the one its
	// documentation names.
	TokenURL string `toml:"token_url"`
	// TokenFile holds {"refresh_token": "…"} (and, once Sapa has refreshed,
	// the access token and its expiry); Sapa rewrites it, 0600, whenever the
	// platform rotates the refresh token.
	TokenFile string `toml:"token_file"`
}

// Refreshes reports whether the account refreshes its own token.
func (o OAuth) Refreshes() bool { return o.TokenFile != "" }

// CheckToken validates the choice between a static token and token_file:
// exactly one of them, and token_file needs client_id and a usable
// token_url. It does not read token_file: only the relay may.
func (o OAuth) CheckToken(p inbox.Platform, token Secret) error {
	switch {
	case !o.Refreshes() && token.IsZero():
		return fmt.Errorf("token (or token_file with client_id) is required for %s", p)
	case !o.Refreshes():
		if o.ClientID != "" || !o.ClientSecret.IsZero() || o.TokenURL != "" {
			return errors.New("client_id, client_secret and token_url need token_file (the file holding the refresh token)")
		}
		return nil
	case !token.IsZero():
		return errors.New("set token or token_file, not both (with token_file Sapa refreshes the access token itself)")
	case o.ClientID == "":
		return fmt.Errorf("client_id is required for %s with token_file", p)
	}
	if o.TokenURL != "" {
		u, err := url.Parse(o.TokenURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Errorf("token_url: %q is not an http(s) address", o.TokenURL)
		}
	}
	return nil
}

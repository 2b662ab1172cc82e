package x

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/platformtest"
	"sapa/platforms/x/xtest"
)

func TestTokenRefreshedFromTokenFile(t *testing.T) {
	f := newFakeX(t)
	platformtest.CheckRefresh(t, f.OAuth, func(file string) (platforms.Connector, error) {
		acct := config.Account{Name: "humas-x", Platform: inbox.X, BaseURL: f.URL(), Options: &Options{UserID: fakeMe,
			OAuth: config.OAuth{ClientID: xtest.ClientID, TokenURL: f.TokenURL(), TokenFile: file}}}
		return New(acct, nil)
	})
}

func TestTokenFileOptionsChecked(t *testing.T) {
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{UserID: fakeMe}, "token (or token_file"},
		{Options{UserID: fakeMe, Token: config.Secret{Value: "t"}, OAuth: config.OAuth{ClientID: "c", TokenFile: "/f"}}, "not both"},
		{Options{UserID: fakeMe, OAuth: config.OAuth{TokenFile: "/f"}}, "client_id is required"},
		{Options{UserID: fakeMe, Token: config.Secret{Value: "t"}, OAuth: config.OAuth{ClientID: "c"}}, "need token_file"},
		{Options{UserID: fakeMe, OAuth: config.OAuth{ClientID: "c", TokenFile: "/f", TokenURL: "api.x.com/token"}}, "token_url"},
	} {
		err := c.o.Check(config.Account{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Check(%+v) = %v, want %q", c.o, err, c.want)
		}
	}
	ok := Options{UserID: fakeMe, OAuth: config.OAuth{ClientID: "c", TokenFile: "/f"}}
	if err := ok.Check(config.Account{}); err != nil {
		t.Errorf("Check(token_file with client_id) = %v", err)
	}
}

func TestRefreshRefusedIsAuthError(t *testing.T) {
	f := newFakeX(t)
	file := filepath.Join(t.TempDir(), "token.json")
	if err := os.WriteFile(file, []byte(`{"refresh_token": "revoked-SECRET"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := New(config.Account{Name: "humas-x", Platform: inbox.X, BaseURL: f.URL(), Options: &Options{UserID: fakeMe,
		OAuth: config.OAuth{ClientID: xtest.ClientID, TokenURL: f.TokenURL(), TokenFile: file}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Fetch(context.Background(), "")
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindAuth || !strings.Contains(pe.Fix, "token_file") {
		t.Fatalf("fetch with a revoked refresh token: %#v, want an auth error whose fix names token_file", err)
	}
	if strings.Contains(err.Error(), "revoked-SECRET") {
		t.Errorf("the refresh token leaked into the error: %v", err)
	}
	if len(f.Queries()) != 0 {
		t.Errorf("mentions were requested without a token")
	}
}

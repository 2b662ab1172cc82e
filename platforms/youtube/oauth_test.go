package youtube

import (
	"testing"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/platformtest"
	"sapa/platforms/youtube/youtubetest"
)

func TestTokenRefreshedFromTokenFile(t *testing.T) {
	f := newFakeYT(t)
	platformtest.CheckRefresh(t, f.OAuth, func(file string) (platforms.Connector, error) {
		acct := config.Account{Name: "humas-yt", Platform: inbox.YouTube, BaseURL: f.BaseURL(), Options: &Options{ChannelID: fakeChannel,
			OAuth: config.OAuth{ClientID: youtubetest.ClientID, ClientSecret: config.Secret{Value: "client-SECRET"}, TokenURL: f.TokenURL(), TokenFile: file}}}
		return New(acct, nil)
	})
}

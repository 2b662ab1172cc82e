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
			Account: "pemkab-fb", Prefix: "fb", Weight: 18,
			Office:  inbox.Contact{ExternalID: "104857600123456", Name: platforms.DemoOffice, Handle: "pemkabbogor.demo"},
			Options: &Options{PageID: "104857600123456"},
			// A desa's own Page and a kecamatan's: their citizens write
			// to them about their own villages.
			Pages: []platforms.DemoProfile{
				{Account: "desa-bendungan-fb", Prefix: "fbbd", Weight: 3, Unit: "32.01.24.2008",
					Office:  inbox.Contact{ExternalID: "104857600777001", Name: "Pemerintah Desa Bendungan Ciawi", Handle: "pemdes.bendungan.demo"},
					Options: &Options{PageID: "104857600777001"}},
				{Account: "desa-cijayanti-fb", Prefix: "fbcj", Weight: 2, Unit: "32.01.05.2001",
					Office:  inbox.Contact{ExternalID: "104857600777002", Name: "Desa Cijayanti", Handle: "desacijayanti.demo"},
					Options: &Options{PageID: "104857600777002"}},
				{Account: "kel-pakansari-fb", Prefix: "fbpk", Weight: 2, Unit: "32.01.01.1007",
					Office:  inbox.Contact{ExternalID: "104857600777004", Name: "Kelurahan Pakansari", Handle: "kelpakansari.demo"},
					Options: &Options{PageID: "104857600777004"}},
				{Account: "kec-ciawi-fb", Prefix: "fbcw", Weight: 2, Unit: "32.01.24",
					Office:  inbox.Contact{ExternalID: "104857600777003", Name: "Kecamatan Ciawi", Handle: "kecamatanciawi.demo"},
					Options: &Options{PageID: "104857600777003"}},
			},
		},
	}
}

// Package demo is Sapa's built-in simulator: realistic citizen traffic for the
// fictional Pemerintah Kabupaten Sukamaju on every platform kind, with no
// network and no tokens. Given the same seed it produces the same history and
// the same live messages in the same order, so demos, screenshots and tests
// are repeatable, and a restarted simulator resumes from its cursor with no
// duplicate and no gap.
package demo

import (
	"time"

	"sapa/config"
	"sapa/inbox"
)

// Office is the display name of the simulated office on every platform.
const Office = "Pemerintah Kabupaten Sukamaju"

// platformInfo is what the simulator knows about one platform kind.
type platformInfo struct {
	account string        // demo account name
	prefix  string        // external id prefix
	weight  int           // share of traffic, in percent
	office  inbox.Contact // the office as this platform shows it
}

var platformTable = map[inbox.Platform]platformInfo{
	inbox.Facebook:  {"pemkab-fb", "fb", 27, inbox.Contact{ExternalID: "104857600123456", Name: Office, Handle: "pemkabsukamaju"}},
	inbox.WhatsApp:  {"pemkab-wa", "wa", 24, inbox.Contact{ExternalID: "6281120001234", Name: "Layanan Pengaduan Pemkab Sukamaju", Handle: "+62 811-2000-1234"}},
	inbox.Instagram: {"pemkab-ig", "ig", 14, inbox.Contact{ExternalID: "17841400812345678", Name: Office, Handle: "@pemkabsukamaju"}},
	inbox.Messenger: {"pemkab-messenger", "ms", 8, inbox.Contact{ExternalID: "104857600123456", Name: Office, Handle: "pemkabsukamaju"}},
	inbox.X:         {"pemkab-x", "x", 8, inbox.Contact{ExternalID: "1456789012345678901", Name: "Pemkab Sukamaju", Handle: "@pemkabsukamaju"}},
	inbox.YouTube:   {"pemkab-yt", "yt", 7, inbox.Contact{ExternalID: "UCq3SkmjPmkbTv7Lz0aW1xQe", Name: "Pemkab Sukamaju Official", Handle: "@PemkabSukamajuOfficial"}},
	inbox.Telegram:  {"pemkab-tg", "tg", 6, inbox.Contact{ExternalID: "7012345678", Name: "Pemkab Sukamaju", Handle: "@PemkabSukamajuBot"}},
	inbox.Mastodon:  {"pemkab-mastodon", "md", 3, inbox.Contact{ExternalID: "113245678901234567", Name: Office, Handle: "@pemkab@sosial.sukamajukab.go.id"}},
	inbox.Email:     {"pemkab-email", "em", 3, inbox.Contact{ExternalID: "humas@sukamajukab.go.id", Name: "Humas " + Office, Handle: "humas@sukamajukab.go.id"}},
}

// Accounts returns one demo account per platform kind, in display order. They
// carry realistic identifiers for Sukamaju but no secrets: the simulator
// needs none.
func Accounts() []config.Account {
	const unit = "Diskominfo"
	fb := platformTable[inbox.Facebook].office.ExternalID
	return []config.Account{
		{Name: "pemkab-fb", Platform: inbox.Facebook, Unit: unit, PageID: fb},
		{Name: "pemkab-messenger", Platform: inbox.Messenger, Unit: unit, PageID: fb},
		{Name: "pemkab-ig", Platform: inbox.Instagram, Unit: unit, IGUserID: platformTable[inbox.Instagram].office.ExternalID},
		{Name: "pemkab-wa", Platform: inbox.WhatsApp, Unit: unit, PhoneNumberID: "109876543210987"},
		{Name: "pemkab-x", Platform: inbox.X, Unit: unit, UserID: platformTable[inbox.X].office.ExternalID},
		{Name: "pemkab-yt", Platform: inbox.YouTube, Unit: unit, ChannelID: platformTable[inbox.YouTube].office.ExternalID},
		{Name: "pemkab-tg", Platform: inbox.Telegram, Unit: unit, BotUsername: "PemkabSukamajuBot"},
		{Name: "pemkab-mastodon", Platform: inbox.Mastodon, Unit: unit},
		{Name: "pemkab-email", Platform: inbox.Email, Unit: unit, Address: "humas@sukamajukab.go.id", Username: "humas@sukamajukab.go.id", Mailbox: "INBOX", SentMailbox: "Sent"},
	}
}

// Capabilities returns what platform p allows, mirroring the real platform:
// the limits a reply must respect there are the limits the simulator
// enforces here.
func Capabilities(p inbox.Platform) inbox.Capabilities {
	day := 24 * time.Hour
	switch p {
	case inbox.Facebook:
		return inbox.Capabilities{Reply: true, PublicComments: true, MaxLength: 8000, Counting: inbox.CountUTF16, Moderation: true, ReadBack: true}
	case inbox.Messenger:
		return inbox.Capabilities{Reply: true, DirectMessages: true, MaxLength: 2000, Counting: inbox.CountUTF16, ReplyWindow: day,
			TaggedWindow: 7 * day, WindowTag: "HUMAN_AGENT", ReadBack: true}
	case inbox.Instagram:
		return inbox.Capabilities{Reply: true, DirectMessages: true, PublicComments: true, MaxLength: 2200, Counting: inbox.CountUTF16, TopLevelOnly: true, Moderation: true, ReadBack: true}
	case inbox.WhatsApp:
		return inbox.Capabilities{Reply: true, DirectMessages: true, MaxLength: 4096, Counting: inbox.CountUTF16, ReplyWindow: day}
	case inbox.X:
		return inbox.Capabilities{Reply: true, PublicComments: true, MaxLength: 280, Counting: inbox.CountXWeighted, Moderation: true, ReadBack: true}
	case inbox.YouTube:
		return inbox.Capabilities{Reply: true, PublicComments: true, MaxLength: 10000, Counting: inbox.CountRunes, Moderation: true, ReadBack: true}
	case inbox.Telegram:
		return inbox.Capabilities{Reply: true, DirectMessages: true, MaxLength: 4096, Counting: inbox.CountUTF16}
	case inbox.Mastodon:
		return inbox.Capabilities{Reply: true, DirectMessages: true, PublicComments: true, MaxLength: 500, Counting: inbox.CountMastodon, MentionsAuthor: true, ReadBack: true, IdempotencyWindow: 50 * time.Minute}
	case inbox.Email:
		return inbox.Capabilities{Reply: true, DirectMessages: true, MaxLength: 0, Counting: inbox.CountRunes, ReadBack: true, IdempotencyWindow: 50 * time.Minute}
	}
	return inbox.Capabilities{}
}

package main

import (
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/email"
	"sapa/platforms/facebook"
	"sapa/platforms/instagram"
	"sapa/platforms/mastodon"
	"sapa/platforms/messenger"
	"sapa/platforms/telegram"
	"sapa/platforms/whatsapp"
	"sapa/platforms/x"
	"sapa/platforms/youtube"
)

// realRegistry links every platform connector Sapa ships.
func realRegistry() *platforms.Registry {
	r := platforms.NewRegistry()
	r.Register(inbox.Facebook, facebook.New)
	r.Register(inbox.Messenger, messenger.New)
	r.Register(inbox.Instagram, instagram.New)
	r.Register(inbox.WhatsApp, whatsapp.New)
	r.Register(inbox.X, x.New)
	r.Register(inbox.YouTube, youtube.New)
	r.Register(inbox.Telegram, telegram.New)
	r.Register(inbox.Mastodon, mastodon.New)
	r.Register(inbox.Email, email.New)
	return r
}

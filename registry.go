package main

import (
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

// descriptors lists every platform Sapa ships, in display order: the order
// of the `f` filter cycle, the demo's accounts and `sapa doctor`'s hints.
// A new platform is its package plus one line here.
func descriptors() []platforms.Descriptor {
	return []platforms.Descriptor{
		facebook.Descriptor(),
		messenger.Descriptor(),
		instagram.Descriptor(),
		whatsapp.Descriptor(),
		x.Descriptor(),
		youtube.Descriptor(),
		telegram.Descriptor(),
		mastodon.Descriptor(),
		email.Descriptor(),
	}
}

// realRegistry links every platform connector Sapa ships.
func realRegistry() *platforms.Registry {
	return platforms.NewRegistry(descriptors()...)
}

package ui

import (
	"strings"

	"sapa/inbox"
)

// Platform is what the screen shows of one platform. main builds the list
// from the platform descriptors, so ui knows no platform by name.
type Platform struct {
	Name   inbox.Platform
	Title  string // as people write it: "Facebook"
	Badge  string // the tag in list rows and headers: "FB"
	Colour string // the badge's colour, one of the 16 ANSI colours ("4")
	// Configured is true when an account uses the platform: the `f` filter
	// cycle steps through these only.
	Configured bool
}

// platformSet is the platforms in display order.
type platformSet []Platform

func (ps platformSet) find(p inbox.Platform) (Platform, bool) {
	for _, x := range ps {
		if x.Name == p {
			return x, true
		}
	}
	return Platform{}, false
}

// badge is p's short tag; "?" for a platform main did not describe.
func (ps platformSet) badge(p inbox.Platform) string {
	if x, ok := ps.find(p); ok && x.Badge != "" {
		return x.Badge
	}
	return "?"
}

// title is p's name as people write it.
func (ps platformSet) title(p inbox.Platform) string {
	if x, ok := ps.find(p); ok && x.Title != "" {
		return x.Title
	}
	return string(p)
}

// cycle is the `f` filter cycle: every platform (""), then each configured
// one.
func (ps platformSet) cycle() []inbox.Platform {
	out := []inbox.Platform{""}
	for _, x := range ps {
		if x.Configured {
			out = append(out, x.Name)
		}
	}
	return out
}

// parse accepts a platform's name or badge ("wa", "whatsapp", "@"); "all",
// "semua" and "-" clear the filter.
func (ps platformSet) parse(s string) (inbox.Platform, bool) {
	s = strings.ToLower(s)
	switch s {
	case "all", "semua", "-", "":
		return "", true
	}
	for _, x := range ps {
		if s == string(x.Name) || s == strings.ToLower(x.Badge) || s == strings.ToLower(x.Title) {
			return x.Name, true
		}
	}
	return "", false
}

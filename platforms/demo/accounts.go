// Package demo is Sapa's built-in simulator: realistic citizen traffic for
// Pemerintah Kabupaten Bogor on every platform kind, with no network and no
// tokens. Citizens write about the real kecamatan and desa of the unit tree
// Sapa embeds, the way people type them. Given the same seed it produces the
// same history and the same live messages in the same order, so demos,
// screenshots and tests are repeatable, and a restarted simulator resumes
// from its cursor with no duplicate and no gap.
package demo

import (
	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/units"
)

// Office is the display name of the simulated office on most platforms.
const Office = platforms.DemoOffice

// profile is what the simulator knows about one demo account: its demo
// profile, its platform's capabilities, and the villages its citizens
// mostly live in (nil: the whole kabupaten).
type profile struct {
	platforms.DemoProfile
	pl     inbox.Platform
	caps   inbox.Capabilities
	places *places
	home   []village
}

// profiles are the simulated accounts, in display order: each platform's
// office account, then that platform's unit pages.
type profiles struct {
	order []string           // account names
	by    map[string]profile // by account name
	main  map[inbox.Platform]string
}

// demoAccount is one simulated account and its platform.
type demoAccount struct {
	d platforms.Descriptor
	p platforms.DemoProfile
}

// demoProfiles lists the office's account and its unit pages for each
// descriptor with a demo profile (an account name and a weight).
func demoProfiles(ds []platforms.Descriptor) []demoAccount {
	var out []demoAccount
	for _, d := range ds {
		if d.Demo.Account == "" || d.Demo.Weight <= 0 {
			continue
		}
		out = append(out, demoAccount{d, d.Demo})
		for _, pg := range d.Demo.Pages {
			if pg.Account != "" && pg.Weight > 0 {
				out = append(out, demoAccount{d, pg})
			}
		}
	}
	return out
}

// newProfiles takes the profiles and capabilities of ds, with Kabupaten
// Bogor's villages. A descriptor without a demo profile is not simulated.
func newProfiles(ds []platforms.Descriptor) *profiles {
	pl := newPlaces(units.Default())
	pr := &profiles{by: map[string]profile{}, main: map[inbox.Platform]string{}}
	for _, x := range demoProfiles(ds) {
		pr.order = append(pr.order, x.p.Account)
		pr.by[x.p.Account] = profile{DemoProfile: x.p, pl: x.d.Name, caps: x.d.Capabilities, places: pl, home: pl.within(x.p.Unit)}
		if _, ok := pr.main[x.d.Name]; !ok {
			pr.main[x.d.Name] = x.p.Account
		}
	}
	return pr
}

// Accounts returns the demo accounts of ds in display order: one office
// account per platform with a demo profile, then the pages of kecamatan and
// desa. They carry plausible identifiers for clearly fictional accounts and
// their unit (a code; "" for the kabupaten), but no secrets: the simulator
// needs none.
func Accounts(ds []platforms.Descriptor) []config.Account {
	var out []config.Account
	for _, x := range demoProfiles(ds) {
		opts := x.p.Options
		if opts == nil {
			opts = x.d.Options()
		}
		out = append(out, config.Account{Name: x.p.Account, Platform: x.d.Name, Unit: x.p.Unit, Options: opts})
	}
	return out
}

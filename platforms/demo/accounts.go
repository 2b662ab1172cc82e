// Package demo is Sapa's built-in simulator: realistic citizen traffic for the
// fictional Pemerintah Kabupaten Sukamaju on every platform kind, with no
// network and no tokens. Given the same seed it produces the same history and
// the same live messages in the same order, so demos, screenshots and tests
// are repeatable, and a restarted simulator resumes from its cursor with no
// duplicate and no gap.
package demo

import (
	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

// Office is the display name of the simulated office on most platforms.
const Office = platforms.DemoOffice

// profile is what the simulator knows about one platform kind: its demo
// profile and its capabilities, both from the platform's descriptor.
type profile struct {
	platforms.DemoProfile
	caps inbox.Capabilities
}

// profiles are the simulated platforms, in display order.
type profiles struct {
	order []inbox.Platform
	by    map[inbox.Platform]profile
}

// newProfiles takes the profiles and capabilities of ds. A descriptor
// without a demo profile (no account name or weight) is not simulated.
func newProfiles(ds []platforms.Descriptor) *profiles {
	pr := &profiles{by: map[inbox.Platform]profile{}}
	for _, d := range ds {
		if d.Demo.Account == "" || d.Demo.Weight <= 0 {
			continue
		}
		pr.order = append(pr.order, d.Name)
		pr.by[d.Name] = profile{DemoProfile: d.Demo, caps: d.Capabilities}
	}
	return pr
}

// Accounts returns one demo account per platform of ds that has a demo
// profile, in display order. They carry realistic identifiers for Sukamaju
// but no secrets: the simulator needs none.
func Accounts(ds []platforms.Descriptor) []config.Account {
	const unit = "Diskominfo"
	var out []config.Account
	for _, d := range ds {
		if d.Demo.Account == "" || d.Demo.Weight <= 0 {
			continue
		}
		opts := d.Demo.Options
		if opts == nil {
			opts = d.Options()
		}
		out = append(out, config.Account{Name: d.Demo.Account, Platform: d.Name, Unit: unit, Options: opts})
	}
	return out
}

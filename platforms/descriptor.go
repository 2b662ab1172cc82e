package platforms

import (
	"fmt"

	"sapa/config"
	"sapa/inbox"
)

// Descriptor is everything Sapa knows about one platform kind, in one value
// its connector package exports. main lists the descriptors (registry.go);
// config decodes accounts with their options, the demo simulates them from
// their profiles, doctor checks them, and the screen draws their badges
// and colours. Adding a platform is one package with one Descriptor, one
// line in that list, its locale strings and its README section.
type Descriptor struct {
	// Name is the platform as written in config files and the store.
	Name inbox.Platform
	// Title is the platform's name as people write it ("WhatsApp"): the
	// help legend and the {platform} of canned replies.
	Title string
	// Badge is the short tag drawn in list rows and headers ("FB"); the
	// lowercased badge also names the platform in `:platform`.
	Badge string
	// Colour is the badge's colour, one of the 16 ANSI colours ("0"–"15"):
	// every terminal has them, and their escape sequences are the shortest.
	Colour string
	// Capabilities are the platform's limits. A connector whose limits
	// depend on the account (a WhatsApp template, a Mastodon instance's
	// length) starts from these.
	Capabilities inbox.Capabilities
	// Options returns a fresh pointer to the platform's account options,
	// holding their defaults; config decodes the account's own keys into
	// it strictly and calls its Check.
	Options func() config.Options
	// New builds the connector for one account whose Options came from
	// Options above. Only the relay calls it: it resolves secrets.
	New Factory
	// Demo is how the built-in simulator shows the platform.
	Demo DemoProfile
}

// DemoProfile is how the demo simulates a platform for Pemerintah
// Kabupaten Bogor, the regency whose unit tree Sapa embeds.
type DemoProfile struct {
	Account string        // the demo account's name, e.g. "pemkab-fb"
	Prefix  string        // prefix of simulated external ids
	Weight  int           // share of simulated traffic, in percent
	Office  inbox.Contact // the office as this platform shows it
	// Options are the demo account's options: plausible identifiers for
	// clearly fictional accounts, no secrets (the simulator needs none).
	Options config.Options
	// Unit is the unit code that owns the account ("32.01.24.2008" for a
	// desa's own Page); empty: the kabupaten.
	Unit string
	// Pages are accounts of the same platform that belong to a kecamatan or
	// desa (a desa's Facebook Page, a kecamatan's Instagram), simulated
	// beside the office's with citizens of that unit. Their Weight counts
	// towards the hundred like the office's.
	Pages []DemoProfile
}

// OptionsOf returns the options of acct as the factory's own type T, or an
// error when config decoded them for another platform (or not at all).
func OptionsOf[T config.Options](acct config.Account) (T, error) {
	o, ok := acct.Options.(T)
	if !ok {
		var zero T
		return zero, fmt.Errorf("account %q has no %s options", acct.Name, acct.Platform)
	}
	return o, nil
}

// DemoOffice is the simulated office's display name on every platform.
const DemoOffice = "Pemerintah Kabupaten Bogor"

// DemoOfficeShort is the office as it signs on platforms with short names.
const DemoOfficeShort = "Pemkab Bogor"

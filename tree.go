package main

import (
	"fmt"

	"sapa/config"
	"sapa/units"
)

// loadUnits builds the unit tree: the file in [units] file or the built-in
// Kabupaten Bogor, with the configured agencies under its root.
func loadUnits(c config.Units) (*units.Tree, error) {
	t := units.Default()
	if c.File != "" {
		var err error
		if t, err = units.Load(c.File); err != nil {
			return nil, err
		}
	}
	defs := make([]units.AgencyDef, len(c.Agencies))
	for i, a := range c.Agencies {
		defs[i] = units.AgencyDef{Code: a.Code, Name: a.Name}
	}
	t, err := t.WithAgencies(defs)
	if err != nil {
		return nil, fmt.Errorf("config units.agency: %w", err)
	}
	return t, nil
}

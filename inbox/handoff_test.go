package inbox

import "testing"

// TestUnitNames: a unit is named short in rows and whole as an admin types
// it; the kabupaten and agencies by name, a unit without one by its code.
func TestUnitNames(t *testing.T) {
	for _, c := range []struct {
		u            UnitRef
		short, label string
	}{
		{UnitRef{Code: "32.01.01", Level: "kecamatan", Name: "Cibinong"}, "Kec. Cibinong", "Kecamatan Cibinong"},
		{UnitRef{Code: "32.01.05.2001", Level: "desa", Name: "Cijayanti"}, "Desa Cijayanti", "Desa Cijayanti"},
		{UnitRef{Code: "32.01.01.1001", Level: "kelurahan", Name: "Pakansari"}, "Kel. Pakansari", "Kelurahan Pakansari"},
		{UnitRef{Code: "32.01", Level: "kabupaten", Name: "Kabupaten Bogor"}, "Kabupaten Bogor", "Kabupaten Bogor"},
		{UnitRef{Code: "disdukcapil", Level: "opd", Name: "Disdukcapil"}, "Disdukcapil", "Disdukcapil"},
		{UnitRef{Code: "32.99"}, "32.99", "32.99"},
	} {
		if got := c.u.Short(); got != c.short {
			t.Errorf("%s Short() = %q, want %q", c.u.Code, got, c.short)
		}
		if got := c.u.Label(); got != c.label {
			t.Errorf("%s Label() = %q, want %q", c.u.Code, got, c.label)
		}
	}
}

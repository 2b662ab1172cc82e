package units

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
)

// header is the only accepted first line of a tree file.
var header = []string{"code", "parent_code", "level", "name"}

// Parse reads a tree in CSV (code,parent_code,level,name): exactly one
// kabupaten or kota, whose parent is outside the file, then kecamatan under
// it and desa or kelurahan under those. Rows may come in any order. Errors
// name the line.
func Parse(r io.Reader) (*Tree, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(header)
	cr.TrimLeadingSpace = true
	first, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty file: want the header code,parent_code,level,name")
		}
		return nil, err
	}
	if strings.Join(first, ",") != strings.Join(header, ",") {
		return nil, fmt.Errorf("line 1: header is %q, want %q", strings.Join(first, ","), strings.Join(header, ","))
	}
	t := &Tree{units: map[string]Unit{}, children: map[string][]string{}}
	lines := map[string]int{}
	var rows []Unit
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err // csv errors already carry the line
		}
		line, _ := cr.FieldPos(0)
		u := Unit{Code: strings.TrimSpace(rec[0]), Parent: strings.TrimSpace(rec[1]),
			Level: Level(strings.ToLower(strings.TrimSpace(rec[2]))), Name: strings.TrimSpace(rec[3])}
		if err := checkRow(u); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if prev, dup := lines[u.Code]; dup {
			return nil, fmt.Errorf("line %d: code %s is already on line %d", line, u.Code, prev)
		}
		lines[u.Code] = line
		t.units[u.Code] = u
		rows = append(rows, u)
	}
	for _, u := range rows {
		if u.Level != Kabupaten && u.Level != Kota {
			continue
		}
		if t.root != "" {
			return nil, fmt.Errorf("line %d: a second root %s; a file holds one kabupaten or kota", lines[u.Code], u.Code)
		}
		t.root = u.Code
	}
	if t.root == "" {
		return nil, errors.New("no kabupaten or kota row: the tree needs its root")
	}
	for _, u := range rows {
		if u.Code == t.root {
			continue
		}
		p, ok := t.units[u.Parent]
		if !ok {
			return nil, fmt.Errorf("line %d: parent %s of %s is not in the file", lines[u.Code], u.Parent, u.Code)
		}
		if !fits(p.Level, u.Level) {
			return nil, fmt.Errorf("line %d: a %s cannot be under a %s (%s)", lines[u.Code], u.Level, p.Level, p.Code)
		}
		t.children[u.Parent] = append(t.children[u.Parent], u.Code)
	}
	t.order = t.Subtree(t.root)
	return t, nil
}

// checkRow validates one row on its own.
func checkRow(u Unit) error {
	switch {
	case u.Code == "":
		return errors.New("empty code")
	case u.Name == "":
		return fmt.Errorf("unit %s has no name", u.Code)
	case u.Level == Agency:
		return fmt.Errorf("unit %s: agencies (opd) are defined in the config file, not in the tree", u.Code)
	case !u.Level.Valid():
		return fmt.Errorf("unit %s: unknown level %q (kabupaten, kota, kecamatan, desa, kelurahan)", u.Code, u.Level)
	}
	return nil
}

// fits reports whether a child of level c may sit under a parent of level p.
func fits(p, c Level) bool {
	switch c {
	case Kecamatan, Agency:
		return p == Kabupaten || p == Kota
	case Desa, Kelurahan:
		return p == Kecamatan
	}
	return false
}

// Load reads a tree file; errors start with its path.
func Load(path string) (*Tree, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("units: %w", err)
	}
	defer f.Close()
	t, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("units %s: %w", path, err)
	}
	return t, nil
}

// AgencyDef is a regency agency to place under the root: Disdukcapil, Dinas
// PUPR, the water utility (PDAM).
type AgencyDef struct {
	Code string // short and stable, e.g. "disdukcapil"; stored with conversations
	Name string // as admins say it, e.g. "Disdukcapil"
}

// agencyCode is what an agency code may look like: never a Kemendagri code.
var agencyCode = regexp.MustCompile(`^[a-z][a-z0-9-]{0,39}$`)

// WithAgencies returns a copy of t with the agencies added under the root,
// after its kecamatan. A code that is malformed or already taken is an
// error naming it.
func (t *Tree) WithAgencies(defs []AgencyDef) (*Tree, error) {
	n := &Tree{units: make(map[string]Unit, len(t.units)+len(defs)), children: make(map[string][]string, len(t.children)), root: t.root}
	for k, v := range t.units {
		n.units[k] = v
	}
	for k, v := range t.children {
		n.children[k] = v
	}
	kids := append([]string(nil), t.children[t.root]...)
	for _, d := range defs {
		switch {
		case !agencyCode.MatchString(d.Code):
			return nil, fmt.Errorf("agency code %q: use lower-case letters, digits and '-', starting with a letter (e.g. \"disdukcapil\")", d.Code)
		case strings.TrimSpace(d.Name) == "":
			return nil, fmt.Errorf("agency %s has no name", d.Code)
		}
		if _, taken := n.units[d.Code]; taken {
			return nil, fmt.Errorf("agency code %q is already a unit", d.Code)
		}
		n.units[d.Code] = Unit{Code: d.Code, Parent: t.root, Level: Agency, Name: strings.TrimSpace(d.Name)}
		kids = append(kids, d.Code)
	}
	n.children[t.root] = kids
	n.order = n.Subtree(n.root)
	return n, nil
}

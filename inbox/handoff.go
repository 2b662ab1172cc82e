package inbox

import (
	"errors"
	"time"
)

// UnitRef names a unit of the tree for display, as the store keeps it.
type UnitRef struct {
	Code   string
	Level  string // "kabupaten", "kecamatan", "desa", "kelurahan", "opd"…
	Name   string // "Bojonggede", "Kabupaten Bogor", "Disdukcapil"
	Parent string // the parent's name, to tell apart desa that share a name
}

// Short is how a thread or a list row names the unit: "Kec. Bojonggede",
// "Desa Susukan", "Kel. Pakansari"; the kabupaten and agencies by name.
func (u UnitRef) Short() string {
	if short, _ := levelWords(u.Level); short != "" {
		return short + " " + u.Name
	}
	if u.Name == "" {
		return u.Code
	}
	return u.Name
}

// Label is the unit's name as an admin types it: "Kecamatan Bojonggede",
// "Desa Susukan"; the kabupaten and agencies by name.
func (u UnitRef) Label() string {
	if _, whole := levelWords(u.Level); whole != "" {
		return whole + " " + u.Name
	}
	return u.Short()
}

// levelWords are the words before a unit's name at its level, short as a
// row shows them and whole as an admin types them; none for the kabupaten
// and agencies, which go by name.
func levelWords(level string) (short, whole string) {
	switch level {
	case "kecamatan":
		return "Kec.", "Kecamatan"
	case "desa":
		return "Desa", "Desa"
	case "kelurahan":
		return "Kel.", "Kelurahan"
	}
	return "", ""
}

// Way is which way a handoff went in the tree.
type Way string

// The ways a conversation is handed on.
const (
	Up     Way = "up"     // escalated to the parent unit
	Down   Way = "down"   // delegated to a unit below
	Across Way = "across" // delegated to an agency
)

// Handoff is one move of a conversation from one unit to another by an admin.
type Handoff struct {
	At       time.Time
	Admin    string
	From, To UnitRef
	Way      Way
	Note     string
}

// Note is an internal note: admins' words on a conversation, never sent.
type Note struct {
	At    time.Time
	Admin string
	Text  string
}

// Routing is what the relay's place matcher read in a conversation.
type Routing struct {
	At      time.Time
	Unit    UnitRef // the unit applied or suggested; empty Code: none
	Matched string  // the words that named it, as the citizen wrote them
	Applied bool    // the relay placed the conversation there; else a suggestion
	Agency  UnitRef // the agency a keyword rule named (Code empty when not a unit of the tree)
	Keyword string  // the words that named the agency
}

// Trail is what happened to a conversation besides its messages: how it
// was routed, handed on, and noted.
type Trail struct {
	Route    *Routing // nil: the matcher read nothing
	Handoffs []Handoff
	Notes    []Note
	// Following is true when the reader's unit handed the conversation on:
	// it may read it, not change it.
	Following bool
}

// Targets are the units a conversation may go to from where it is.
type Targets struct {
	Unit   UnitRef   // where it is now
	Up     *UnitRef  // the parent; nil at the top of the tree
	Down   []UnitRef // the units below it
	Across []UnitRef // the agencies
	// Places are the units the reader may place it in (their subtree): the
	// correction of a route.
	Places []UnitRef
}

// Errors of handing conversations on and placing them, which the screen
// names in the admin's language.
var (
	// ErrFollowing: a write on a conversation the admin's unit handed on to
	// another unit; it may still read it.
	ErrFollowing = errors.New("handed on to another unit: read only")
	// ErrNoUnit: a unit the tree (or the admin's scope) does not have.
	ErrNoUnit = errors.New("no such unit")
	// ErrHandoff: neither the parent of the conversation's unit, nor below
	// it, nor an agency.
	ErrHandoff = errors.New("a conversation goes up to the parent unit, down to a unit below, or across to an agency")
	// ErrEmptyNote: a note without words.
	ErrEmptyNote = errors.New("the note is empty")
)

package ui

import (
	"charm.land/lipgloss/v2"

	"sapa/inbox"
)

// Styles is every style the UI draws with. It is a value built once and
// passed to the panes; nothing reads a package global. In the low-bandwidth
// look every style is empty, so no colour or attribute sequence is ever sent.
type Styles struct {
	// Plain is the low-bandwidth look: a ">" marker shows the selection
	// instead of a highlighted row, and nothing is coloured.
	Plain bool

	Header    lipgloss.Style // the list and conversation header rows
	Selected  lipgloss.Style // the selected list row (whole row)
	Unread    lipgloss.Style // the author of an unread conversation
	Priority  lipgloss.Style // priority marks
	Dim       lipgloss.Style // ages, assignees, hints
	Error     lipgloss.Style // failures, refusals, over-limit counters
	Warn      lipgloss.Style // unknown deliveries, unhealthy accounts
	OK        lipgloss.Style // healthy relay
	Inbound   lipgloss.Style // citizen's name above a message
	Outbound  lipgloss.Style // office's name above a reply
	Note      lipgloss.Style // internal notes, handoffs and routing: the office's own words, never sent
	Status    lipgloss.Style // the status bar row
	HelpTitle lipgloss.Style // group titles in the help screen

	platform  map[inbox.Platform]lipgloss.Style
	platforms platformSet // badges, names and the filter cycle, from main
}

// Badge returns the style of a platform's badge.
func (s Styles) Badge(p inbox.Platform) lipgloss.Style {
	if st, ok := s.platform[p]; ok {
		return st
	}
	return lipgloss.NewStyle()
}

// DefaultStyles is the default look: a reverse-video selected row, the
// platforms' badge colours and a few accents, all from the 16 ANSI colours,
// which every terminal has.
func DefaultStyles(ps []Platform) Styles {
	// Colours are the 16 ANSI ones: "ESC[34m" is 5 bytes where a 256-colour
	// "ESC[38;5;33m" is 10, and every coloured cell run pays it again.
	fg := func(c string) lipgloss.Style { return lipgloss.NewStyle().Foreground(lipgloss.Color(c)) }
	colours := map[inbox.Platform]lipgloss.Style{}
	for _, p := range ps {
		if p.Colour != "" {
			colours[p.Name] = fg(p.Colour)
		}
	}
	return Styles{
		Header:    lipgloss.NewStyle().Bold(true),
		Selected:  lipgloss.NewStyle().Reverse(true),
		Unread:    lipgloss.NewStyle().Bold(true),
		Priority:  fg("1").Bold(true),
		Dim:       fg("8"),
		Error:     fg("1"),
		Warn:      fg("3"),
		OK:        fg("2"),
		Inbound:   fg("4").Bold(true),
		Outbound:  fg("2").Bold(true),
		Note:      fg("5"),
		Status:    lipgloss.NewStyle().Reverse(true),
		HelpTitle: lipgloss.NewStyle().Bold(true).Underline(true),
		platform:  colours,
		platforms: ps,
	}
}

// PlainStyles is the low-bandwidth look: no colour and no attributes at all.
func PlainStyles(ps []Platform) Styles {
	return Styles{Plain: true, platforms: ps}
}

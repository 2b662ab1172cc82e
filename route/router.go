package route

import (
	"sapa/units"
)

// Decision is where one message goes: a unit (by its account or by the
// places it names) and an agency (by its keywords), each on its own.
type Decision struct {
	Match
	// ByAccount is true when the account's rule chose Unit, not the text.
	ByAccount bool
	// Agency is the agency of the first keyword rule that matched; "" none.
	Agency string
	// Keyword is the text that matched the agency rule, as written.
	Keyword string
}

// Router combines account rules, the place matcher and agency rules.
type Router struct {
	matcher  *Matcher
	agencies *Agencies
	accounts map[string]units.Unit
}

// NewRouter builds a router. accounts maps an account name to the unit that
// owns all its conversations (a desa's own page); agencies may be nil.
func NewRouter(m *Matcher, agencies *Agencies, accounts map[string]units.Unit) *Router {
	return &Router{matcher: m, agencies: agencies, accounts: accounts}
}

// Route decides for one message that arrived on account.
func (r *Router) Route(account, text string) Decision {
	var d Decision
	if u, ok := r.accounts[account]; ok && u.Code != "" {
		d.Unit, d.ByAccount = u, true
	} else {
		d.Match = r.matcher.Match(text)
	}
	d.Agency, d.Keyword = r.agencies.Match(text)
	return d
}

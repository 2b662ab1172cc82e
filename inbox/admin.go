package inbox

import "time"

// Role is what a registered admin may do within their unit's subtree.
type Role string

// Admin roles.
const (
	Supervisor Role = "supervisor" // reads and acts; approves the replies of admins who need approval
	Operator   Role = "operator"   // reads and acts
	Viewer     Role = "viewer"     // reads only
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == Supervisor || r == Operator || r == Viewer }

// Admin is a registered admin: who a session acts as.
type Admin struct {
	Name          string
	Unit          string // a unit code of the tree ("32.01.05.2001") or an agency's code
	Role          Role
	NeedsApproval bool      // replies wait for a supervisor
	Disabled      time.Time // zero while active; set when moved away (mutasi)
	Keys          []AdminKey
	Nudge         Nudge // how the admin is told of new work while logged out
}

// Nudge is where an admin who opted in is told, at most once an hour, of
// work waiting while they are not logged in. Via "" is opted out.
type Nudge struct {
	Via string // "telegram" (To: a chat id) or "email" (To: an address); "" off
	To  string
}

// NudgeSummary is what one nudge tells an admin: how many conversations
// wait in their unit and the most urgent of them.
type NudgeSummary struct {
	Admin string
	Count int
	ID    int64     // the most urgent conversation
	Title string    // its title or, without one, its contact's name
	Due   time.Time // its deadline; zero when no clock runs
}

// AdminKey is one registered SSH public key.
type AdminKey struct {
	Fingerprint string // "SHA256:…", as ssh-keygen -l prints it
	PublicKey   string // the authorized_keys line
	Added       time.Time
}

package inbox

import "time"

// ReportQuery selects the facts a response-time report is built from:
// the conversations whose first citizen message arrived in [From, To), and
// the backlog as it stood at To.
type ReportQuery struct {
	From, To time.Time
	// Unit narrows the report to a unit's subtree ("": the whole scope).
	Unit string
	// Responders asks for the admin who sent each first response (one
	// lookup per answered conversation, so only a breakdown by admin asks).
	Responders bool
}

// ReportConv is what a report needs of one conversation that arrived in
// the period.
type ReportConv struct {
	Unit, Platform, Assignee string
	Labels                   []string
	Priority                 int
	// In is when its first citizen message arrived.
	In time.Time
	// FirstResponse is when the office first answered; zero: never.
	FirstResponse time.Time
	// Responder is the admin who sent the first response ("" when it was
	// sent on the platform itself, or not asked for).
	Responder string
	// ClosedUnanswered: done without any reply (spam, duplicates).
	ClosedUnanswered bool
}

// ReportBacklog counts the conversations that were waiting for a first
// response at the end of the period, grouped by everything a report can
// break down by.
type ReportBacklog struct {
	Unit, Platform, Assignee string
	Labels                   []string
	N                        int
}

// ReportUnit is one unit of the tree the report covers.
type ReportUnit struct {
	Code, Parent, Level, Name string
}

// ReportHandoffs counts the handoffs made in the period, grouped: from
// which unit, by which admin, on which platform and labels, and whether
// up (escalated to the parent) or down (delegated to a unit below or
// across to an agency).
type ReportHandoffs struct {
	Unit, Admin, Platform string
	Labels                []string
	Up                    bool
	N                     int
}

// ReportFacts are the rows a report is computed from; the store reads them
// in one grouped pass and the report package does the arithmetic.
type ReportFacts struct {
	Convs   []ReportConv
	Backlog []ReportBacklog
	Units   []ReportUnit // the scope's units, root first; nil when the store has no tree
	// Handoffs are those made in the period from a unit in the report.
	Handoffs []ReportHandoffs
}

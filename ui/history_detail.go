package ui

import (
	"strings"
	"time"

	"sapa/inbox"
)

// The audit log keeps its details as the store wrote them ("pending (reply
// made on the platform)", "+banjir -", an RFC 3339 snooze time), which
// `sapa audit` exports as they are and the store itself reads back. The
// history screen puts the ones it knows into the admin's words.

// historyDetail is an audit entry's detail as the history screen shows it.
func (m Model) historyDetail(e inbox.AuditEntry) string {
	loc := m.c.loc
	switch inbox.AuditAction(e.Action) {
	case inbox.AuditStatus:
		return m.statusDetail(e.Detail)
	case inbox.AuditSnooze:
		if t, err := time.Parse(time.RFC3339, e.Detail); err == nil {
			return m.c.stamp(t)
		}
	case inbox.AuditPriority:
		if k, ok := priorityKeys[e.Detail]; ok {
			return loc.T(k)
		}
	case inbox.AuditLabels:
		var kept []string
		for _, f := range strings.Fields(e.Detail) {
			if f != "+" && f != "-" {
				kept = append(kept, f)
			}
		}
		return strings.Join(kept, " ")
	case inbox.AuditAssign:
		if e.Detail == "" {
			return loc.T("history.unassigned")
		}
	case inbox.AuditReply, inbox.AuditSent:
		if strings.HasPrefix(e.Detail, "outbox ") {
			return "" // the outbox row's number and the platform's id say nothing to an admin
		}
	}
	return e.Detail
}

// statusDetail words a status change: the status, then why, when the relay
// or the outbox changed it ("open (citizen wrote)").
func (m Model) statusDetail(d string) string {
	loc := m.c.loc
	status, why, _ := strings.Cut(d, " (")
	why = strings.TrimSuffix(why, ")")
	word, ok := loc.known("status." + status)
	if !ok {
		return d
	}
	if why == "" {
		return word
	}
	if k := whyKey(why); k != "" {
		return word + " (" + loc.T(k) + ")"
	}
	return word + " (" + why + ")"
}

// priorityKeys word the priorities the store writes as numbers.
var priorityKeys = map[string]string{"0": "history.priority_normal", "1": "history.priority_high", "2": "history.priority_urgent"}

// whyKey is the locale key of a reason the store wrote beside a status
// change, "" for one this build does not know.
func whyKey(why string) string {
	outbox := strings.HasPrefix(why, "reply outbox ")
	switch {
	case why == "citizen wrote":
		return "history.why_citizen"
	case why == "reply made on the platform":
		return "history.why_platform"
	case outbox && strings.HasSuffix(why, " sent after all"):
		return "history.why_sent_after_all"
	case outbox && strings.HasSuffix(why, " failed"):
		return "history.why_failed"
	case outbox && strings.HasSuffix(why, " unknown"):
		return "history.why_unknown"
	}
	return ""
}

// known is the string for key and whether the tables have it, for words
// picked by a value read from the store.
func (l locale) known(key string) (string, bool) {
	s, ok := l.tab[key]
	return s, ok
}

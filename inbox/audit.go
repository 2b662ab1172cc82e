package inbox

// AuditAction names what an audit row records. Every action Sapa writes is
// one of the constants below, so the history screen's words for them can be
// checked against one list (ConversationAuditActions).
type AuditAction string

// Actions recorded on a conversation; the history screen names each in the
// admin's language.
const (
	AuditStatus       AuditAction = "status"        // status changed (by an admin or the relay)
	AuditAssign       AuditAction = "assign"        // assignee changed
	AuditLabels       AuditAction = "labels"        // labels added or removed
	AuditPriority     AuditAction = "priority"      // priority changed
	AuditSnooze       AuditAction = "snooze"        // snoozed until a time
	AuditReply        AuditAction = "reply"         // a reply queued in the outbox
	AuditSent         AuditAction = "sent"          // a reply sent
	AuditFailed       AuditAction = "failed"        // a reply failed for good
	AuditUnknown      AuditAction = "unknown"       // a reply may have been sent
	AuditResend       AuditAction = "resend"        // a failed reply queued again
	AuditCancel       AuditAction = "cancel"        // a reply cancelled before it went
	AuditEscalate     AuditAction = "escalate"      // handed up the unit tree
	AuditDelegate     AuditAction = "delegate"      // handed down the unit tree
	AuditUnit         AuditAction = "unit"          // unit changed outright
	AuditNote         AuditAction = "note"          // an internal note
	AuditRoute        AuditAction = "route"         // routed to a unit by place name
	AuditHide         AuditAction = "hide"          // comments queued for hiding
	AuditUnhide       AuditAction = "unhide"        // comments queued for showing again
	AuditHideFailed   AuditAction = "hide_failed"   // the platform refused to hide
	AuditApprove      AuditAction = "approve"       // a reply approved
	AuditReject       AuditAction = "reject"        // a reply rejected
	AuditApprovalWait AuditAction = "approval_wait" // a reply waits for approval
	AuditNudge        AuditAction = "nudge"         // an admin nudged about it
)

// Actions recorded on no conversation: `sapa audit` lists them as they are.
const (
	AuditAdminAdd       AuditAction = "admin.add"
	AuditAdminKeyAdd    AuditAction = "admin.key.add"
	AuditAdminKeyRemove AuditAction = "admin.key.remove"
	AuditAdminDisable   AuditAction = "admin.disable"
	AuditAdminInvite    AuditAction = "admin.invite"
	AuditAdminEnroll    AuditAction = "admin.enroll"
	AuditAdminNudge     AuditAction = "admin.nudge"
	AuditNudgeFailed    AuditAction = "nudge.failed" // a nudge that will not go out
	AuditSSHLogin       AuditAction = "ssh.login"
	AuditSSHLogout      AuditAction = "ssh.logout"
)

// ConversationAuditActions lists every action recorded on a conversation,
// the ones the history screen must have words for.
func ConversationAuditActions() []AuditAction {
	return []AuditAction{
		AuditStatus, AuditAssign, AuditLabels, AuditPriority, AuditSnooze, AuditReply, AuditSent,
		AuditFailed, AuditUnknown, AuditResend, AuditCancel, AuditEscalate, AuditDelegate, AuditUnit,
		AuditNote, AuditRoute, AuditHide, AuditUnhide, AuditHideFailed, AuditApprove, AuditReject,
		AuditApprovalWait, AuditNudge,
	}
}

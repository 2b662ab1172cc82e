package ui

// The strings of :history: its title and the audit log's action names.

func localeHistoryID() map[string]string {
	return map[string]string{
		"key.history":   "riwayat percakapan",
		"history.title": "Riwayat: %s", "history.empty": "belum ada tindakan tercatat",
		"audit.status": "status", "audit.assign": "diserahkan", "audit.labels": "label",
		"audit.priority": "prioritas", "audit.snooze": "ditunda", "audit.reply": "balasan diantre",
		"audit.sent": "balasan terkirim", "audit.failed": "balasan gagal", "audit.unknown": "mungkin terkirim",
		"audit.resend": "kirim ulang", "audit.cancel": "balasan dibatalkan", "audit.nudge": "admin diingatkan",
		"history.unassigned": "dilepas", "history.priority_normal": "biasa", "history.priority_high": "tinggi",
		"history.priority_urgent": "mendesak", "history.why_citizen": "warga menulis lagi",
		"history.why_platform": "dibalas langsung di platform", "history.why_failed": "balasan gagal terkirim",
		"history.why_unknown": "balasan mungkin terkirim", "history.why_sent_after_all": "balasan ternyata terkirim",
	}
}

func localeHistoryEN() map[string]string {
	return map[string]string{
		"key.history":   "conversation history",
		"history.title": "History: %s", "history.empty": "nothing recorded yet",
		"audit.status": "status", "audit.assign": "assigned", "audit.labels": "labels",
		"audit.priority": "priority", "audit.snooze": "snoozed", "audit.reply": "reply queued",
		"audit.sent": "reply sent", "audit.failed": "reply failed", "audit.unknown": "may have been sent",
		"audit.resend": "resent", "audit.cancel": "reply cancelled", "audit.nudge": "admin nudged",
		"history.unassigned": "unassigned", "history.priority_normal": "normal", "history.priority_high": "high",
		"history.priority_urgent": "urgent", "history.why_citizen": "the citizen wrote again",
		"history.why_platform": "answered on the platform itself", "history.why_failed": "the reply failed",
		"history.why_unknown": "the reply may have been sent", "history.why_sent_after_all": "the reply was sent after all",
	}
}

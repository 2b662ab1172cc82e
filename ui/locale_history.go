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
	}
}

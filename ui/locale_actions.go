package ui

// The strings of the action table's newer rows, help's groups and legend,
// the composer's draft state and the y/n questions, in both languages.
// localeTables merges them into the main tables.

func localeActionsID() map[string]string {
	return map[string]string{
		"help.move": "Bergerak", "help.compose": "Membalas", "help.filter": "Tampilan dan saringan",
		"help.binds": "Pintasan ([binds])", "help.legend": "Arti tanda di daftar",
		"help.scroll": "%s gulir · tombol lain menutup bantuan", "report.scroll": "%s gulir · tombol lain menutup laporan", "history.scroll": "%s gulir · tombol lain menutup riwayat",
		"key.discard": "buang draf…", "key.unlabel": "hapus label", "key.resend": "kirim ulang balasan",
		"key.cancel": "batalkan balasan", "key.view": "pilih tampilan", "key.platform": "pilih platform",
		"arg.unit": "<unit>", "arg.canned": "<balasan>",
		"key.canned": "sisipkan balasan siap…", "prompt.canned": "balasan siap (tab: cari): ",
		"err.no_canned": "tidak ada balasan siap %q",
		"key.save_view": "simpan saringan ini sebagai tampilan", "key.label_filter": "saring menurut label",
		"key.unit_filter": "saring menurut unit (beserta unit di bawahnya)", "key.held_by": "saring menurut pemegang (- tanpa pemegang)",
		"key.waiting":   "hanya yang menunggu jawaban selama…",
		"err.view_name": "beri satu kata sebagai nama tampilan", "err.view_taken": "nama tampilan %q sudah dipakai",
		"err.filter_value": "saringan tidak dikenal: %q", "done.view_saved": "tampilan %q disimpan",
		"list.label": "label", "list.unit": "unit", "list.nobody": "tanpa pemegang", "list.waiting": "menunggu ≥%s",

		"compose.draft": "Draf", "compose.resume": "lanjutkan", "compose.discard": "buang",
		"confirm.discard":  "Buang draf ini? (y/t)",
		"confirm.takeover": "Sedang dipegang %s. Ambil alih? (y/t)",
		"confirm.release":  "Sedang dipegang %s. Lepas? (y/t)",
		"confirm.handover": "Sedang dipegang %s. Serahkan ke %s? (y/t)",
		"done.discarded":   "draf dibuang", "done.draft_kept": "draf tetap tersimpan",
		"done.not_taken": "tidak diambil alih", "err.no_draft": "tidak ada draf di percakapan ini",

		"legend.unread": "belum dibaca", "legend.priority": "prioritas",
		"legend.ages":  "waktu pesan terakhir: 09:05 hari ini, 20 Nov tahun ini, 2025 sebelumnya",
		"legend.units": "satuan waktu: %s menit, %s jam, %s hari",
	}
}

func localeActionsEN() map[string]string {
	return map[string]string{
		"help.move": "Moving", "help.compose": "Replying", "help.filter": "Views and filters",
		"help.binds": "Shortcuts ([binds])", "help.legend": "What the list shows",
		"help.scroll": "%s scroll · any other key closes help", "report.scroll": "%s scroll · any other key closes the report", "history.scroll": "%s scroll · any other key closes the history",
		"key.discard": "discard the draft…", "key.unlabel": "remove a label", "key.resend": "send the reply again",
		"key.cancel": "cancel the reply", "key.view": "choose a view", "key.platform": "choose a platform",
		"arg.unit": "<unit>", "arg.canned": "<reply>",
		"key.canned": "insert a ready reply…", "prompt.canned": "ready reply (tab: search): ",
		"err.no_canned": "no ready reply %q",
		"key.save_view": "save this filter as a view", "key.label_filter": "filter by label",
		"key.unit_filter": "filter by unit (and the units under it)", "key.held_by": "filter by assignee (- for nobody)",
		"key.waiting":   "only those waiting for an answer for at least…",
		"err.view_name": "give the view a one-word name", "err.view_taken": "the view name %q is taken",
		"err.filter_value": "not a filter value: %q", "done.view_saved": "view %q saved",
		"list.label": "label", "list.unit": "unit", "list.nobody": "nobody's", "list.waiting": "waiting ≥%s",

		"compose.draft": "Draft", "compose.resume": "resume", "compose.discard": "discard",
		"confirm.discard":  "Discard this draft? (y/n)",
		"confirm.takeover": "%s holds it. Take over? (y/n)",
		"confirm.release":  "%s holds it. Unassign? (y/n)",
		"confirm.handover": "%s holds it. Assign to %s? (y/n)",
		"done.discarded":   "draft discarded", "done.draft_kept": "the draft is kept",
		"done.not_taken": "not taken over", "err.no_draft": "no draft in this conversation",

		"legend.unread": "unread", "legend.priority": "priority",
		"legend.ages":  "time of the last message: 09:05 today, 20 Nov this year, 2025 before",
		"legend.units": "time units: %s minutes, %s hours, %s days",
	}
}

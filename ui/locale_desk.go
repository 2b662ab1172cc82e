package ui

// The strings of the desk actions (unit, escalate, delegate, note) and of
// what the thread shows of routing, handoffs and internal notes.

func localeDeskID() map[string]string {
	return map[string]string{
		"key.unit": "pindahkan ke unit lain (koreksi arahan)", "key.escalate": "eskalasi ke unit atasan, dengan catatan",
		"key.delegate": "delegasikan ke unit bawahan atau instansi", "key.note": "catatan internal (tidak pernah terkirim)",
		"prompt.note": "catatan internal: ", "prompt.escalate": "eskalasi ke %s, catatan: ",
		"prompt.delegate": "delegasikan ke: ", "prompt.delegate_note": "delegasikan ke %s, catatan: ",
		"prompt.unit": "pindahkan dari %s ke: ",
		"done.note":   "catatan disimpan: %s", "prompt.escalate_marked": "eskalasi %d percakapan ke unit induk masing-masing, catatan: ", "bulk.escalated": "dieskalasi", "done.escalate": "dieskalasi: %s → %s",
		"done.delegate": "didelegasikan: %s → %s", "done.unit": "dipindahkan: %s → %s",
		"err.no_parent": "percakapan ini sudah di unit teratas", "err.no_target": "tidak bisa diteruskan ke %s dari sini",
		"err.no_place": "tidak bisa dipindahkan ke %s dari sini", "err.unit_several": "ada beberapa unit bernama %s: tekan tab untuk memilih",
		"err.following":    "hanya baca: percakapan ini sudah diteruskan ke unit lain",
		"err.no_unit":      "unit itu tidak ada di wilayah Anda",
		"err.handoff":      "eskalasi hanya ke unit atasan; delegasi ke unit bawahan atau instansi",
		"err.empty_note":   "catatannya kosong",
		"thread.following": "Hanya baca: sudah diteruskan ke %s. Hasilnya tetap bisa diikuti di sini.",
		"thread.routed":    "Diarahkan ke %s: %s", "thread.suggest": "Saran unit: %s (%s)",
		"thread.unsettled": "Nama tempat belum pasti: %s", "thread.agency": "Instansi: %s (%s)",
		"thread.correct": "ubah", "thread.apply": "terapkan", "thread.delegate": "delegasikan",
		"thread.way.up": "Eskalasi", "thread.way.down": "Delegasi", "thread.way.across": "Delegasi",
		"thread.note":    "Catatan internal (tidak terkirim)",
		"audit.escalate": "eskalasi", "audit.delegate": "delegasi", "audit.unit": "unit diubah",
		"audit.note": "catatan internal", "audit.route": "diarahkan",
		"list.from": "dari %s · ",
	}
}

func localeDeskEN() map[string]string {
	return map[string]string{
		"key.unit": "move to another unit (correct the routing)", "key.escalate": "escalate to the parent unit, with a note",
		"key.delegate": "delegate to a unit below or an agency", "key.note": "internal note (never sent)",
		"prompt.note": "internal note: ", "prompt.escalate": "escalate to %s, note: ",
		"prompt.delegate": "delegate to: ", "prompt.delegate_note": "delegate to %s, note: ",
		"prompt.unit": "move from %s to: ",
		"done.note":   "note kept: %s", "prompt.escalate_marked": "escalate %d conversations each to its parent unit, note: ", "bulk.escalated": "escalated", "done.escalate": "escalated: %s → %s",
		"done.delegate": "delegated: %s → %s", "done.unit": "moved: %s → %s",
		"err.no_parent": "this conversation is already at the top unit", "err.no_target": "cannot hand it on to %s from here",
		"err.no_place": "cannot move it to %s from here", "err.unit_several": "several units are called %s: press tab to pick one",
		"err.following":    "read only: this conversation was handed on to another unit",
		"err.no_unit":      "that unit is not in your area",
		"err.handoff":      "escalate only to the parent unit; delegate to a unit below or an agency",
		"err.empty_note":   "the note is empty",
		"thread.following": "Read only: handed on to %s. Follow the outcome here.",
		"thread.routed":    "Routed to %s: %s", "thread.suggest": "Suggested unit: %s (%s)",
		"thread.unsettled": "Place name not settled: %s", "thread.agency": "Agency: %s (%s)",
		"thread.correct": "change", "thread.apply": "apply", "thread.delegate": "delegate",
		"thread.way.up": "Escalated", "thread.way.down": "Delegated", "thread.way.across": "Delegated",
		"thread.note":    "Internal note (not sent)",
		"audit.escalate": "escalated", "audit.delegate": "delegated", "audit.unit": "unit changed",
		"audit.note": "internal note", "audit.route": "routed",
		"list.from": "from %s · ",
	}
}

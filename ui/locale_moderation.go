package ui

// The strings of moderation: hiding comments, marking conversations for a
// `;` action, spam suggestions and reply approval, in both languages.

func localeModerationID() map[string]string {
	return map[string]string{
		"key.hide":             "sembunyikan/tampilkan komentar di platform",
		"key.unhide":           "tampilkan lagi komentar yang disembunyikan",
		"key.mark":             "tandai/lepas tanda percakapan",
		"key.unmark_all":       "lepas semua tanda",
		"key.marked":           "; lalu tombol tindakan: untuk semua yang ditandai",
		"err.cannot_hide":      "platform ini tidak bisa menyembunyikan komentar (hanya komentar publik FB, IG, YouTube)",
		"done.nothing_to_hide": "tidak ada komentar yang perlu diubah",
		"done.hide":            "%d komentar diantre untuk disembunyikan",
		"done.unhide":          "%d komentar diantre untuk ditampilkan lagi",
		"done.hide_refused":    "%d percakapan dilewati (platform tidak bisa)",
		"err.none_marked":      "belum ada percakapan yang ditandai (spasi menandai)",
		"status.tag_prefix":    "; tindakan untuk %d yang ditandai…",
		"status.marked":        "%d ditandai",
		"err.not_bulk":         "tombol itu tidak berlaku untuk yang ditandai",
		"err.not_bulk_named":   "%q tidak berlaku untuk yang ditandai",
		"done.bulk":            "%s: %d percakapan",
		"thread.hiding":        "(sedang disembunyikan…)",
		"thread.unhiding":      "(sedang ditampilkan lagi…)",
		"thread.hide_failed":   "(gagal disembunyikan: %s)",
		"legend.marked":        "ditandai untuk ;",
		"legend.hidden":        "komentar disembunyikan",
		"legend.hiding":        "sedang disembunyikan",
		"legend.hide_failed":   "gagal disembunyikan",
		"audit.hide":           "komentar disembunyikan", "audit.unhide": "komentar ditampilkan lagi",
		"audit.hide_failed": "gagal menyembunyikan",
	}
}

func localeModerationEN() map[string]string {
	return map[string]string{
		"key.hide":             "hide/show the comments on the platform",
		"key.unhide":           "show hidden comments again",
		"key.mark":             "mark/unmark the conversation",
		"key.unmark_all":       "clear every mark",
		"key.marked":           "; then an action key: on every marked one",
		"err.cannot_hide":      "this platform cannot hide comments (only public comments on FB, IG, YouTube)",
		"done.nothing_to_hide": "no comment needs changing",
		"done.hide":            "%d comments queued to be hidden",
		"done.unhide":          "%d comments queued to be shown again",
		"done.hide_refused":    "%d conversations skipped (the platform cannot)",
		"err.none_marked":      "nothing is marked (space marks)",
		"status.tag_prefix":    "; action for the %d marked…",
		"status.marked":        "%d marked",
		"err.not_bulk":         "that key does not apply to marked conversations",
		"err.not_bulk_named":   "%q does not apply to marked conversations",
		"done.bulk":            "%s: %d conversations",
		"thread.hiding":        "(being hidden…)",
		"thread.unhiding":      "(being shown again…)",
		"thread.hide_failed":   "(hiding failed: %s)",
		"legend.marked":        "marked for ;",
		"legend.hidden":        "comments hidden",
		"legend.hiding":        "being hidden",
		"legend.hide_failed":   "hiding failed",
		"audit.hide":           "comments hidden", "audit.unhide": "comments shown again",
		"audit.hide_failed": "hiding failed",
	}
}

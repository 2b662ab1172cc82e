package ui

import (
	"fmt"
	"maps"
	"strconv"
	"time"

	"sapa/inbox"
)

// locale is the UI's words in one language. Every string the UI draws comes
// from here; a test checks that both languages have the same keys.
type locale struct {
	lang string
	tab  map[string]string
}

// newLocale picks "id" or "en" (anything else is English).
func newLocale(lang string) locale {
	tables := localeTables()
	if t, ok := tables[lang]; ok {
		return locale{lang: lang, tab: t}
	}
	return locale{lang: "en", tab: tables["en"]}
}

// T returns the string for key; a missing key shows as itself, so a gap is
// visible rather than blank.
func (l locale) T(key string) string {
	if s, ok := l.tab[key]; ok {
		return s
	}
	return key
}

// F formats the string for key with args.
func (l locale) F(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// number writes n with the language's thousands separator: 1.000 in
// Indonesian, 1,000 in English.
func (l locale) number(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + l.T("number.thousands") + s[i:]
	}
	return s
}

func (l locale) view(v inbox.View) string         { return l.T("view." + string(v)) }
func (l locale) status(s inbox.Status) string     { return l.T("status." + string(s)) }
func (l locale) kind(k inbox.Kind) string         { return l.T("kind." + string(k)) }
func (l locale) delivery(d inbox.Delivery) string { return l.T("delivery." + string(d)) }
func (l locale) month(m time.Month) string        { return l.T(fmt.Sprintf("month.%d", int(m))) }

// localeTables holds both languages. Indonesian is the office's language and
// comes first; English follows key for key.
func localeTables() map[string]map[string]string {
	id, en := localeID(), localeEN()
	for _, part := range [][2]func() map[string]string{
		{localeActionsID, localeActionsEN}, {localeHistoryID, localeHistoryEN},
		{localeDeadlinesID, localeDeadlinesEN}, {localeModerationID, localeModerationEN},
		{localeDeskID, localeDeskEN}, {localeReportID, localeReportEN},
		{localePresenceID, localePresenceEN}, {localeNudgeID, localeNudgeEN},
	} {
		maps.Copy(id, part[0]())
		maps.Copy(en, part[1]())
	}
	return map[string]map[string]string{"id": id, "en": en}
}

func localeID() map[string]string {
	return map[string]string{
		"unit.min": "m", "unit.hour": "j", "unit.day": "h", // menit, jam, hari
		"month.1": "Jan", "month.2": "Feb", "month.3": "Mar", "month.4": "Apr", "month.5": "Mei", "month.6": "Jun",
		"month.7": "Jul", "month.8": "Agu", "month.9": "Sep", "month.10": "Okt", "month.11": "Nov", "month.12": "Des",

		"view.open": "Terbuka", "view.mine": "Milik saya", "view.unassigned": "Belum dipegang",
		"view.pending": "Menunggu", "view.snoozed": "Ditunda", "view.done": "Selesai", "view.all": "Semua",
		"status.new": "baru", "status.open": "terbuka", "status.pending": "menunggu",
		"status.snoozed": "ditunda", "status.done": "selesai",
		"kind.comment": "Komentar", "kind.dm": "Pesan langsung", "kind.mention": "Mention", "kind.email": "Email",
		"delivery.queued": "antre", "delivery.sending": "mengirim", "delivery.sent": "terkirim",
		"delivery.failed": "gagal", "delivery.unknown": "mungkin terkirim (:resend / :cancel)",

		"list.no_accounts": "Belum ada akun di konfigurasi, jadi kotak masuk ini kosong.",
		"list.try_demo":    "coba Sapa dengan data contoh", "list.try_doctor": "periksa konfigurasi dan setiap akun",
		"status.no_accounts": "belum ada akun (sapa demo, sapa doctor)",
		"list.empty":         "(tidak ada percakapan)", "list.search": "cari:", "list.count_over": "%s+", "number.thousands": ".",
		"thread.loading": "memuat…", "thread.empty": "(belum ada pesan)",
		"thread.older": "(hanya %d pesan terbaru yang ditampilkan)", "thread.hidden": "(disembunyikan)",
		"thread.exposed_id": "! Komentar publik ini memuat NIK/KK warga (UU PDP): %s menyembunyikannya di platform; minta datanya dikirim lewat DM.",
		"thread.office":     "kantor",

		"compose.title": "Balas", "compose.send": "kirim", "compose.close": "tutup", "compose.editor": "editor",
		"compose.empty": "balasan kosong", "compose.noreply": "platform ini tidak bisa dibalas dari Sapa",
		"compose.window_closed": "batas waktu balas sudah lewat: platform menolak balasan",
		"compose.window_left":   "batas waktu balas sampai %s", "compose.toplevel": "hanya komentar utama yang bisa dibalas",
		"compose.too_long":          "terlalu panjang: %d dari %d karakter",
		"compose.window_template":   "lewat batas %d jam: dikirim sebagai templat %s",
		"compose.too_long_template": "terlalu panjang untuk templat %s: %d dari %d karakter",
		"compose.window_hours_left": "batas %d jam: sampai %s",
		"compose.window_tagged":     "tag %s, batas %d hari: sampai %s",

		"status.relay_ok": "relay: ok", "status.relay_failing": "relay: gagal menulis ke penyimpanan (%s)", "status.relay_down": "relay: tidak aktif",
		"status.queued": "antre %d", "status.failed": "gagal %d", "status.unknown": "mungkin terkirim %d",
		"status.account_bad": "gagal sinkron", "status.accounts_bad": "%d akun bermasalah",

		"prompt.assign": "serahkan ke (- untuk lepas): ", "prompt.label": "label (-label untuk hapus): ",
		"prompt.snooze":       "tunda sampai (30m, 2j, 3h, besok, 16:00, 25/11): ",
		"confirm.send_anyway": "Tetap kirim? (y/t)",
		"confirm.pii":         "Balasan publik ini memuat %s warga. Tetap kirim? (y/t)",
		"pii.nik":             "NIK",
		"pii.kk":              "nomor KK",
		"pii.phone":           "nomor HP",
		"pii.email":           "alamat e-mail",
		"pii.address":         "alamat rumah",

		"done.assigned": "diserahkan ke %s", "done.unassigned": "dilepas", "done.label": "label %s",
		"done.unlabel": "label %s dihapus", "done.snooze": "ditunda sampai %s", "done.priority": "prioritas %d",
		"done.resend": "balasan diantre ulang", "done.cancel": "balasan dibatalkan",
		"done.sending": "mengantre balasan…", "done.queued": "balasan diantre; relay akan mengirim",
		"done.queued_no_relay":      "diantre, tapi relay tidak aktif: terkirim setelah relay berjalan lagi",
		"done.queued_template":      "balasan diantre; relay mengirimnya sebagai templat %s",
		"done.queued_template_flat": "diantre sebagai templat %s; baris baru menjadi spasi",
		"done.not_sent":             "tidak dikirim; draf tetap tersimpan",

		"err.no_conv": "tidak ada percakapan dipilih", "err.list_edge": "sudah di ujung daftar yang tampil", "err.assigned": "sudah dipegang %s",
		"err.nobody": "tidak ada", "err.collision": "%s sudah membalas pukul %s.",
		"err.not_found": "tidak ditemukan (mungkin sudah berubah)", "err.prefix": "gagal",
		"err.no_editor": "ctrl+e tidak tersedia lewat layanan SSH: tulis balasan di sini",
		"err.read_only": "peran Anda hanya untuk membaca: tidak bisa mengubah apa pun", "err.not_assignable": "%s bukan admin aktif yang bisa melihat percakapan ini (tab: pilih nama)",
		"err.damaged":  "BERKAS DATA RUSAK: Sapa berhenti menulis. Jalankan `sapa doctor` untuk cara memulihkan",
		"err.priority": "prioritas 0, 1 atau 2", "err.unlabel_usage": "pakai :unlabel <label>",
		"err.when":      "waktu tidak dikenal: coba 30m (menit), 2j (jam), 3h (hari), besok, 16:00, 25/11",
		"err.no_resend": "tidak ada balasan gagal atau mungkin terkirim",
		"err.no_cancel": "tidak ada balasan yang bisa dibatalkan",
		"err.view":      "tampilan tidak dikenal: %s", "err.platform": "platform tidak dikenal: %s",
		"cmd.unknown": "perintah tidak dikenal: %s (? untuk bantuan)",

		"help.triage": "Triase", "help.global": "Umum", "help.commands": "Perintah (:)",
		"arg.name": "<nama>", "arg.label": "<label>", "arg.when": "<kapan>", "arg.priority": "[0-2]",
		"arg.view": "<tampilan>", "arg.platform": "<platform>", "arg.text": "<teks>", "arg.action": "<tindakan>",

		"key.up": "naik", "key.down": "turun", "key.top": "paling atas", "key.bottom": "paling bawah",
		"key.page_up": "halaman naik", "key.page_down": "halaman turun", "key.next_conversation": "percakapan berikut", "key.prev_conversation": "percakapan sebelumnya", "key.open": "buka percakapan",
		"key.back": "kembali", "key.clear_search": "hapus pencarian", "key.close_reply": "tutup balasan", "key.reply": "balas", "key.send": "kirim balasan",
		"key.editor": "tulis di $EDITOR", "key.done": "selesai", "key.pending": "menunggu warga",
		"key.reopen": "buka lagi", "key.assign_me": "pegang sendiri", "key.assign": "serahkan ke…",
		"key.label": "beri label…", "key.snooze": "tunda sampai…", "key.priority": "ganti prioritas",
		"key.next_view": "tampilan berikut", "key.prev_view": "tampilan sebelumnya",
		"key.platform_filter": "saring platform", "key.search": "cari", "key.command": "perintah",
		"key.help": "bantuan", "key.quit": "keluar", "key.refresh": "muat ulang",
	}
}

func localeEN() map[string]string {
	return map[string]string{
		"unit.min": "m", "unit.hour": "h", "unit.day": "d",
		"month.1": "Jan", "month.2": "Feb", "month.3": "Mar", "month.4": "Apr", "month.5": "May", "month.6": "Jun",
		"month.7": "Jul", "month.8": "Aug", "month.9": "Sep", "month.10": "Oct", "month.11": "Nov", "month.12": "Dec",

		"view.open": "Open", "view.mine": "Mine", "view.unassigned": "Unassigned",
		"view.pending": "Pending", "view.snoozed": "Snoozed", "view.done": "Done", "view.all": "All",
		"status.new": "new", "status.open": "open", "status.pending": "pending",
		"status.snoozed": "snoozed", "status.done": "done",
		"kind.comment": "Comment", "kind.dm": "Direct message", "kind.mention": "Mention", "kind.email": "Email",
		"delivery.queued": "queued", "delivery.sending": "sending", "delivery.sent": "sent",
		"delivery.failed": "failed", "delivery.unknown": "may have been sent (:resend / :cancel)",

		"list.no_accounts": "No accounts are configured, so this inbox is empty.",
		"list.try_demo":    "try Sapa on sample data", "list.try_doctor": "check the config file and every account",
		"status.no_accounts": "no accounts (sapa demo, sapa doctor)",
		"list.empty":         "(no conversations)", "list.search": "search:", "list.count_over": "%s+", "number.thousands": ",",
		"thread.loading": "loading…", "thread.empty": "(no messages yet)",
		"thread.older": "(only the newest %d messages are shown)", "thread.hidden": "(hidden)",
		"thread.exposed_id": "! This public comment shows the citizen's NIK/KK number (UU PDP): %s hides it on the platform; ask for it by DM instead.",
		"thread.office":     "office",

		"compose.title": "Reply", "compose.send": "send", "compose.close": "close", "compose.editor": "editor",
		"compose.empty": "the reply is empty", "compose.noreply": "this platform cannot be answered from Sapa",
		"compose.window_closed": "reply window closed: the platform refuses replies",
		"compose.window_left":   "reply window until %s", "compose.toplevel": "only top-level comments take replies",
		"compose.too_long":          "too long: %d of %d characters",
		"compose.window_template":   "outside the %d-hour window: sent as template %s",
		"compose.too_long_template": "too long for template %s: %d of %d characters",
		"compose.window_hours_left": "%d-hour window until %s",
		"compose.window_tagged":     "tag %s, %d-day window until %s",

		"status.relay_ok": "relay: ok", "status.relay_failing": "relay: cannot write to the store (%s)", "status.relay_down": "relay: not running",
		"status.queued": "queued %d", "status.failed": "failed %d", "status.unknown": "may have been sent %d",
		"status.account_bad": "sync failing", "status.accounts_bad": "%d accounts failing",

		"prompt.assign": "assign to (- to unassign): ", "prompt.label": "label (-label to remove): ",
		"prompt.snooze":       "snooze until (30m, 2h, 3d, tomorrow, 16:00, 25/11): ",
		"confirm.send_anyway": "Send anyway? (y/n)",
		"confirm.pii":         "This public reply holds the citizen's %s. Send anyway? (y/n)",
		"pii.nik":             "NIK (ID number)",
		"pii.kk":              "family card number",
		"pii.phone":           "phone number",
		"pii.email":           "e-mail address",
		"pii.address":         "home address",

		"done.assigned": "assigned to %s", "done.unassigned": "unassigned", "done.label": "labelled %s",
		"done.unlabel": "label %s removed", "done.snooze": "snoozed until %s", "done.priority": "priority %d",
		"done.resend": "reply queued again", "done.cancel": "reply cancelled",
		"done.sending": "queueing the reply…", "done.queued": "reply queued; the relay will send it",
		"done.queued_no_relay":      "queued, but no relay is running: it is sent once a relay runs",
		"done.queued_template":      "reply queued; the relay sends it as template %s",
		"done.queued_template_flat": "queued as template %s; line breaks become spaces",
		"done.not_sent":             "not sent; the draft is kept",

		"err.no_conv": "no conversation selected", "err.list_edge": "already at the edge of the list shown", "err.assigned": "already taken by %s",
		"err.nobody": "nobody", "err.collision": "%s replied at %s.",
		"err.not_found": "not found (it may have changed)", "err.prefix": "failed",
		"err.no_editor": "ctrl+e is not available over the SSH service: write the reply here",
		"err.read_only": "your role may only read: nothing can be changed", "err.not_assignable": "%s is not an active admin who can see this conversation (tab: pick a name)",
		"err.damaged":  "THE STORE IS DAMAGED: Sapa has stopped writing. Run `sapa doctor` for how to recover",
		"err.priority": "priority is 0, 1 or 2", "err.unlabel_usage": "use :unlabel <label>",
		"err.when":      "unknown time: try 30m (minutes), 2h (hours), 3d (days), tomorrow, 16:00, 25/11",
		"err.no_resend": "no failed or may-have-been-sent reply",
		"err.no_cancel": "no reply that can be cancelled",
		"err.view":      "unknown view: %s", "err.platform": "unknown platform: %s",
		"cmd.unknown": "unknown command: %s (? for help)",

		"help.triage": "Triage", "help.global": "Everywhere", "help.commands": "Commands (:)",
		"arg.name": "<name>", "arg.label": "<label>", "arg.when": "<when>", "arg.priority": "[0-2]",
		"arg.view": "<view>", "arg.platform": "<platform>", "arg.text": "<text>", "arg.action": "<action>",

		"key.up": "up", "key.down": "down", "key.top": "top", "key.bottom": "bottom",
		"key.page_up": "page up", "key.page_down": "page down", "key.next_conversation": "next conversation", "key.prev_conversation": "previous conversation", "key.open": "open conversation",
		"key.back": "back", "key.clear_search": "clear the search", "key.close_reply": "close the reply", "key.reply": "reply", "key.send": "send reply",
		"key.editor": "write in $EDITOR", "key.done": "done", "key.pending": "waiting for citizen",
		"key.reopen": "reopen", "key.assign_me": "take it", "key.assign": "assign to…",
		"key.label": "add label…", "key.snooze": "snooze until…", "key.priority": "cycle priority",
		"key.next_view": "next view", "key.prev_view": "previous view",
		"key.platform_filter": "filter platform", "key.search": "search", "key.command": "command",
		"key.help": "help", "key.quit": "quit", "key.refresh": "reload",
	}
}

package sshd

import (
	"fmt"
	"time"
)

// locale is the service's words in one language: the messages a refused
// client reads and the enrolment screen. A test checks both languages have
// every key the code asks for.
type locale map[string]string

// newLocale picks "id" or "en" (anything else is English).
func newLocale(lang string) locale {
	if lang == "id" {
		return localeID()
	}
	return localeEN()
}

// T returns the string for key; a missing key shows as itself.
func (l locale) T(key string) string {
	if s, ok := l[key]; ok {
		return s
	}
	return key
}

// F formats the string for key with args.
func (l locale) F(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// minutes words d in whole minutes, or in seconds below a minute.
func (l locale) minutes(d time.Duration) string {
	if d < time.Minute {
		return l.F("idle.seconds", int(d.Seconds()))
	}
	return l.F("idle.minutes", int(d.Minutes()))
}

func localeID() locale {
	return locale{
		"refuse.command":  "sapa: perintah tidak diterima; sambung tanpa perintah untuk membuka kotak masuk",
		"refuse.pty":      "sapa: perlu terminal; sambung dengan ssh -t",
		"refuse.pubkey":   "sapa: hanya login dengan kunci publik",
		"refuse.unknown":  "sapa: kunci ini tidak terdaftar",
		"refuse.audit":    "sapa: login tidak bisa dicatat; coba lagi nanti",
		"refuse.screen":   "sapa: kotak masuk tidak bisa dibuka sekarang; coba lagi nanti",
		"refuse.full":     "sapa: layanan penuh (%d sesi terbuka); coba lagi beberapa menit lagi",
		"refuse.per_adm":  "sapa: %s sudah membuka %d sesi, batas maksimal; tutup salah satu lalu sambung lagi",
		"enrol.title":     "Sapa — daftarkan kunci SSH",
		"enrol.intro":     "Kunci ini belum terdaftar. Ketik kode undangan dari supervisor Anda (sapa admin invite).",
		"enrol.prompt":    "Kode: ",
		"enrol.keys":      "Enter kirim · Esc keluar",
		"enrol.checking":  "Memeriksa kode…",
		"enrol.wrong":     "Kode salah, sudah dipakai atau kedaluwarsa. Sisa percobaan: %d.",
		"enrol.blocked":   "Terlalu banyak kode salah dari alamat ini; coba lagi nanti.",
		"enrol.failed":    "Kunci tidak bisa didaftarkan sekarang; coba lagi nanti.",
		"enrol.done":      "Kunci terdaftar atas nama %s. Sambung lagi dengan kunci ini untuk membuka kotak masuk.",
		"enrol.done_keys": "Enter keluar",
		"idle.closed":     "sapa: sesi ditutup setelah %s tanpa ketikan; draf balasan tersimpan. Sambung lagi untuk melanjutkan.",
		"idle.minutes":    "%d menit",
		"idle.seconds":    "%d detik",
	}
}

func localeEN() locale {
	return locale{
		"refuse.command":  "sapa: commands are not accepted; connect without one to open the inbox",
		"refuse.pty":      "sapa: a terminal is required; connect with ssh -t",
		"refuse.pubkey":   "sapa: public-key login only",
		"refuse.unknown":  "sapa: this key is not registered",
		"refuse.audit":    "sapa: cannot record the login; try again later",
		"refuse.screen":   "sapa: the inbox cannot open now; try again later",
		"refuse.full":     "sapa: the service is full (%d sessions open); try again in a few minutes",
		"refuse.per_adm":  "sapa: %s already has %d sessions open, the most allowed; close one and connect again",
		"enrol.title":     "Sapa — register an SSH key",
		"enrol.intro":     "This key is not registered yet. Type the invitation code from your supervisor (sapa admin invite).",
		"enrol.prompt":    "Code: ",
		"enrol.keys":      "Enter send · Esc leave",
		"enrol.checking":  "Checking the code…",
		"enrol.wrong":     "The code is wrong, used or expired. Attempts left: %d.",
		"enrol.blocked":   "Too many wrong codes from this address; try again later.",
		"enrol.failed":    "The key cannot be registered now; try again later.",
		"enrol.done":      "Key registered for %s. Connect again with this key to open your inbox.",
		"enrol.done_keys": "Enter leave",
		"idle.closed":     "sapa: session closed after %s without a key; your reply draft is kept. Connect again to continue.",
		"idle.minutes":    "%d minutes",
		"idle.seconds":    "%d seconds",
	}
}

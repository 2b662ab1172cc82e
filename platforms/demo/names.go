package demo

import (
	"fmt"
	"strings"

	"sapa/inbox"
)

var (
	firstNames = []string{"Asep", "Ujang", "Euis", "Neneng", "Siti", "Dedi", "Rina", "Budi", "Yanti", "Agus",
		"Tatang", "Iis", "Cecep", "Dadang", "Wawan", "Lilis", "Nurhayati", "Rizky", "Dimas", "Putri", "Ayu",
		"Fajar", "Hendra", "Rudi", "Sri", "Wahyu", "Eko", "Dewi", "Intan", "Aldi", "Yusuf", "Ahmad", "Nining",
		"Entin", "Ade", "Irfan", "Teguh", "Kurnia", "Fitri", "Anisa", "Rahmat", "Ikhsan", "Heni", "Yayan",
		"Deden", "Ratna", "Bambang", "Slamet", "Tini", "Maya", "Galih", "Nova", "Reza", "Sinta", "Gilang"}
	lastNames = []string{"Suryana", "Hidayat", "Permana", "Saputra", "Kurniawan", "Rahmawati", "Setiawan",
		"Nugraha", "Maulana", "Lestari", "Gunawan", "Hermawan", "Sopian", "Ramdani", "Firmansyah", "Sulaeman",
		"Rusmana", "Wijaya", "Pratama", "Susanti", "Haryanto", "Mulyadi", "Supriatna", "Sukmana", "Rohman", ""}
	// nicknames are the display names people actually use on Facebook and
	// Instagram.
	nicknames = []string{"Bunda Fira 🌸", "Neng Geulis 💕", "Asep Kasep", "Ujang Keren 😎", "Mamah Dede", "Abah Oyok",
		"Kang Dudi Cibinong", "Teh Rosi Online Shop 🛍️", "Mas Bro Citeureup", "Dedi Kurniawan II", "Ayah Rafa ⚽",
		"Umi Salamah 🧕", "Bang Jago Jonggol", "Si Kabayan", "Rini Cantik 😘", "Pecinta Bogor 💚"}
	mailHosts = []string{"gmail.com", "gmail.com", "gmail.com", "yahoo.co.id", "yahoo.com", "ymail.com", "outlook.com"}
	mastoHost = []string{"mastodon.social", "mas.to", "kopiteh.social", "mstdn.social"}
	waPrefix  = []string{"811", "812", "813", "821", "822", "852", "853", "857", "858", "877", "878", "881", "895", "896", "838"}
)

// person is a citizen before a platform gives them an id and a handle.
type person struct{ first, last, display string }

func (p person) full() string { return strings.TrimSpace(p.first + " " + p.last) }

func newPerson(r *rng, casual bool) person {
	p := person{first: r.pick(firstNames), last: r.pick(lastNames)}
	p.display = p.full()
	if casual && r.chance(0.2) {
		p.display = r.pick(nicknames)
	}
	return p
}

// handleBase makes a lower-case handle stem such as "asep.suryana" or "nenk_88".
func handleBase(r *rng, p person, sep string) string {
	base := strings.ToLower(p.first)
	if p.last != "" && r.chance(0.7) {
		l := strings.ToLower(p.last)
		if r.chance(0.4) {
			l = l[:3]
		}
		base += sep + l
	}
	if r.chance(0.5) {
		base += fmt.Sprint(r.between(1, 99))
	}
	return base
}

// contactFor makes a citizen as platform pl shows them: the platform's kind of
// id, and a phone number, @handle or email address.
func contactFor(r *rng, pl inbox.Platform) (inbox.Contact, person) {
	casual := pl == inbox.Facebook || pl == inbox.Instagram || pl == inbox.YouTube || pl == inbox.Messenger
	p := newPerson(r, casual)
	c := inbox.Contact{Name: p.display}
	switch pl {
	case inbox.Facebook, inbox.Messenger:
		c.ExternalID = "100" + r.digits(12)
	case inbox.Instagram:
		c.ExternalID = "178414" + r.digits(11)
		c.Handle = "@" + handleBase(r, p, r.pick([]string{".", "_", ""}))
	case inbox.WhatsApp:
		pre := r.pick(waPrefix)
		a, b := r.digits(4), r.digits(r.between(3, 4))
		c.ExternalID = "62" + pre + a + b
		c.Handle = fmt.Sprintf("+62 %s-%s-%s", pre, a, b)
	case inbox.X:
		c.ExternalID = "1" + r.digits(18)
		c.Handle = "@" + handleBase(r, p, "_")
	case inbox.YouTube:
		c.ExternalID = "UC" + r.alnum(22, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
		c.Handle = "@" + strings.ReplaceAll(p.full(), " ", "") + "-" + r.alnum(3, "abcdefghijklmnopqrstuvwxyz0123456789")
	case inbox.Telegram:
		c.ExternalID = fmt.Sprint(r.between(1, 7)) + r.digits(9)
		if r.chance(0.75) {
			c.Handle = "@" + handleBase(r, p, "_")
		}
	case inbox.Mastodon:
		c.ExternalID = "1" + r.digits(17)
		c.Handle = "@" + handleBase(r, p, "_") + "@" + r.pick(mastoHost)
	case inbox.Email:
		c.Name = p.full()
		c.Handle = handleBase(r, p, ".") + "@" + r.pick(mailHosts)
		c.ExternalID = c.Handle
	}
	return c, p
}

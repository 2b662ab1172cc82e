package email

import (
	"fmt"
	"net"
	"net/mail"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

// Options are an email account's own keys.
type Options struct {
	IMAPAddr    string        `toml:"imap_addr"`    // host:port, TLS unless insecure
	SMTPAddr    string        `toml:"smtp_addr"`    // host:port
	Username    string        `toml:"username"`     // the login
	Address     string        `toml:"address"`      // the office's From address
	Password    config.Secret `toml:"password"`     // the IMAP/SMTP password
	Mailbox     string        `toml:"mailbox"`      // default INBOX
	SentMailbox string        `toml:"sent_mailbox"` // for reconciliation by Message-ID
	Insecure    bool          `toml:"insecure"`     // plain-text IMAP/SMTP (tests and local relays only)
}

// Check implements config.Options.
func (o *Options) Check(config.Account) error {
	if err := config.Require(inbox.Email,
		config.KeyValue{Key: "imap_addr", Value: o.IMAPAddr}, config.KeyValue{Key: "smtp_addr", Value: o.SMTPAddr},
		config.KeyValue{Key: "username", Value: o.Username}, config.KeyValue{Key: "address", Value: o.Address},
		config.KeyValue{Key: "password", Value: o.Password}); err != nil {
		return err
	}
	for _, hp := range []struct{ key, v string }{{"imap_addr", o.IMAPAddr}, {"smtp_addr", o.SMTPAddr}} {
		if _, port, err := net.SplitHostPort(hp.v); err != nil || port == "" {
			return fmt.Errorf("%s: %q is not host:port", hp.key, hp.v)
		}
	}
	if _, err := mail.ParseAddress(o.Address); err != nil {
		return fmt.Errorf("address: %q is not an email address", o.Address)
	}
	return nil
}

// Descriptor is the email platform as Sapa registers it: no length limit,
// and read-back of our replies by Message-ID from the sent mailbox.
func Descriptor() platforms.Descriptor {
	return platforms.Descriptor{
		Name:   inbox.Email,
		Title:  "email",
		Badge:  "@",
		Colour: "3",
		Capabilities: inbox.Capabilities{
			Reply:          true,
			DirectMessages: true,
			Counting:       inbox.CountRunes,
			ReadBack:       true,
		},
		Options: func() config.Options { return &Options{Mailbox: defaultMailbox} },
		New:     New,
		Demo: platforms.DemoProfile{
			Account: "pemkab-email", Prefix: "em", Weight: 3,
			Office:  inbox.Contact{ExternalID: "sapa-demo@bogorkab.go.id", Name: "Humas " + platforms.DemoOffice, Handle: "sapa-demo@bogorkab.go.id"},
			Options: &Options{Address: "sapa-demo@bogorkab.go.id", Username: "sapa-demo@bogorkab.go.id", Mailbox: "INBOX", SentMailbox: "Sent"},
		},
	}
}

package whatsapp

import (
	"errors"
	"fmt"
	"regexp"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
)

// Options are a whatsapp account's own keys. The Cloud API delivers inbound
// messages only by signed webhook, so the webhook secrets are required and
// the account always receives by webhook.
type Options struct {
	PhoneNumberID string `toml:"phone_number_id"` // the sender
	meta.Options         // token, app_secret, verify_token, webhook
	// WindowTemplate is the approved message template that carries replies
	// outside the 24-hour window; its one body variable {{1}} receives the
	// reply. Empty: such replies are refused.
	WindowTemplate string `toml:"window_template"`
	// WindowTemplateLanguage is that template's language code, e.g. "id".
	WindowTemplateLanguage string `toml:"window_template_language"`
}

// UsesWebhook implements config.WebhookOptions: always, whatever the file
// says, because no endpoint returns inbound messages.
func (o *Options) UsesWebhook() bool { return true }

// Check implements config.Options.
func (o *Options) Check(config.Account) error {
	if err := config.Require(inbox.WhatsApp,
		config.KeyValue{Key: "phone_number_id", Value: o.PhoneNumberID}, config.KeyValue{Key: "token", Value: o.Token},
		config.KeyValue{Key: "app_secret", Value: o.AppSecret}, config.KeyValue{Key: "verify_token", Value: o.VerifyToken}); err != nil {
		return err
	}
	return o.checkWindowTemplate()
}

// Meta's rules for a message template's name (lowercase letters, digits and
// underscores, at most 512) and the shape of its language codes ("id",
// "en_US", "fil").
var (
	templateName     = regexp.MustCompile(`^[a-z0-9_]{1,512}$`)
	templateLanguage = regexp.MustCompile(`^[a-z]{2,3}(_[A-Za-z]{2,4})?$`)
)

// checkWindowTemplate checks the reply template: both its name and its
// language, or neither, in the shapes Meta accepts.
func (o *Options) checkWindowTemplate() error {
	switch {
	case o.WindowTemplate == "" && o.WindowTemplateLanguage == "":
		return nil
	case o.WindowTemplateLanguage == "":
		return errors.New(`window_template needs window_template_language, the template's language code as in WhatsApp Manager (e.g. "id")`)
	case o.WindowTemplate == "":
		return errors.New("window_template_language needs window_template, the name of an approved template")
	case !templateName.MatchString(o.WindowTemplate):
		return fmt.Errorf("window_template: %q is not a template name (lowercase letters, digits and _)", o.WindowTemplate)
	case !templateLanguage.MatchString(o.WindowTemplateLanguage):
		return fmt.Errorf(`window_template_language: %q is not a language code such as "id" or "en_US"`, o.WindowTemplateLanguage)
	}
	return nil
}

// Descriptor is the whatsapp platform as Sapa registers it. There is no
// read-back: the Cloud API cannot list sent messages. An account with a
// window template adds it to these capabilities (see Capabilities).
func Descriptor() platforms.Descriptor {
	return platforms.Descriptor{
		Name:   inbox.WhatsApp,
		Title:  "WhatsApp",
		Badge:  "WA",
		Colour: "2",
		Capabilities: inbox.Capabilities{
			Reply:          true,
			DirectMessages: true,
			MaxLength:      MaxLength,
			Counting:       inbox.CountUTF16,
			ReplyWindow:    Window,
		},
		Options: func() config.Options { return &Options{} },
		New:     New,
		Demo: platforms.DemoProfile{
			Account: "pemkab-wa", Prefix: "wa", Weight: 24,
			Office:  inbox.Contact{ExternalID: "6281120001234", Name: "Layanan Pengaduan " + platforms.DemoOfficeShort, Handle: "+62 811-2000-1234"},
			Options: &Options{PhoneNumberID: "109876543210987"},
		},
	}
}

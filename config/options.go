package config

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"sapa/inbox"
)

// Options are the keys of an [[account]] block that only its platform uses.
// Each platform's descriptor declares its own options type (a struct with
// toml tags) and decodes it strictly, so a key another platform uses is an
// error here with its line, and the factory reads typed fields.
type Options interface {
	// Check validates the options of acct, whose shared keys are set. An
	// error names the key but not the account; Config.Validate adds that.
	Check(acct Account) error
}

// WebhookOptions is implemented by the options of platforms that can
// receive by webhook instead of polling.
type WebhookOptions interface {
	// UsesWebhook reports whether items arrive by webhook: the relay then
	// does not poll the account, and `sapa serve` must listen.
	UsesWebhook() bool
}

// UsesWebhook reports whether the account receives by webhook.
func (a Account) UsesWebhook() bool {
	w, ok := a.Options.(WebhookOptions)
	return ok && w.UsesWebhook()
}

// Format prints the account, its options included, for every verb without
// the value of an inline secret: fmt would print a Secret's fields raw
// inside a value it cannot format with the verb (%s, %q, %d…).
func (a Account) Format(f fmt.State, verb rune) {
	var opts any = a.Options
	if v := reflect.ValueOf(a.Options); v.Kind() == reflect.Pointer && !v.IsNil() {
		opts = v.Elem().Interface()
	}
	fmt.Fprintf(f, "{Name:%q Platform:%s BaseURL:%q PollInterval:%s HistoryDays:%d Unit:%q Options:%+v}",
		a.Name, a.Platform, a.BaseURL, a.PollInterval.Duration, a.HistoryDays, a.Unit, opts)
}

// Kind is one platform kind a configuration file may name, and how its
// account options are decoded. main builds the list from the platform
// descriptors; config knows no platform by name.
type Kind struct {
	Name inbox.Platform
	// Options returns a fresh pointer to the platform's options holding
	// their defaults; the file's keys are decoded over it.
	Options func() Options
}

// Kinds is the list of platform kinds a file may name, in display order.
type Kinds []Kind

// find returns the kind named p.
func (ks Kinds) find(p inbox.Platform) (Kind, bool) {
	for _, k := range ks {
		if k.Name == p {
			return k, true
		}
	}
	return Kind{}, false
}

// names lists the kinds for an error message.
func (ks Kinds) names() string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k.Name)
	}
	return strings.Join(s, ", ")
}

// Require returns an error naming the first key of keys whose value is
// empty: a zero string, or a Secret with no source. Descriptors use it for
// the keys their platform cannot do without, in the wording of every other
// config error: "page_id is required for facebook".
func Require(p inbox.Platform, keys ...KeyValue) error {
	for _, kv := range keys {
		if kv.empty() {
			return fmt.Errorf("%s is required for %s", kv.Key, p)
		}
	}
	return nil
}

// KeyValue pairs an options key with its decoded value, for Require.
type KeyValue struct {
	Key   string
	Value any // a string or a Secret
}

func (kv KeyValue) empty() bool {
	switch v := kv.Value.(type) {
	case string:
		return v == ""
	case Secret:
		return v.IsZero()
	}
	return false
}

// checkSecrets refuses a Secret field of opts that names two sources.
func checkSecrets(opts Options) error {
	v := reflect.ValueOf(opts)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	return secretFields(v)
}

func secretFields(v reflect.Value) error {
	for i := 0; i < v.NumField(); i++ {
		f, ft := v.Field(i), v.Type().Field(i)
		if !ft.IsExported() {
			continue
		}
		if s, ok := f.Interface().(Secret); ok {
			if s.sources() > 1 {
				name, _, _ := strings.Cut(ft.Tag.Get("toml"), ",")
				return fmt.Errorf("%s: set only one of env, cmd and value", name)
			}
			continue
		}
		if ft.Anonymous && f.Kind() == reflect.Struct {
			if err := secretFields(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// errNoOptions is the error of an account built in code without options.
var errNoOptions = errors.New("has no options: its platform's descriptor did not decode it")

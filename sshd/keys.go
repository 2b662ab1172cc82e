package sshd

import (
	"errors"
	"fmt"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"sapa/inbox"
)

// ParseKey reads one public key as an authorized_keys line ("ssh-ed25519
// AAAA… comment") and returns it with its SHA256 fingerprint. Options in
// front of the key are refused: Sapa decides what a key may do.
func ParseKey(line string) (inbox.AdminKey, error) {
	line = strings.TrimSpace(line)
	if line == "" {
		return inbox.AdminKey{}, errors.New("empty key: paste the one line of the .pub file, e.g. ssh-ed25519 AAAA… name@host")
	}
	pub, comment, options, rest, err := gossh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return inbox.AdminKey{}, fmt.Errorf("not an SSH public key (%v): paste the one line of the .pub file, e.g. ssh-ed25519 AAAA… name@host", err)
	}
	if len(options) > 0 || len(strings.TrimSpace(string(rest))) > 0 {
		return inbox.AdminKey{}, errors.New("give one key without authorized_keys options")
	}
	return keyOf(pub, comment), nil
}

// keyOf is the registry's record of a public key.
func keyOf(pub gossh.PublicKey, comment string) inbox.AdminKey {
	text := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pub)))
	if comment != "" {
		text += " " + comment
	}
	return inbox.AdminKey{Fingerprint: gossh.FingerprintSHA256(pub), PublicKey: text}
}

// ParseKeys reads every key of an authorized_keys or .pub file, skipping
// blank lines and comments.
func ParseKeys(text string) ([]inbox.AdminKey, error) {
	var out []inbox.AdminKey
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		k, err := ParseKey(l)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		out = append(out, k)
	}
	if len(out) == 0 {
		return nil, errors.New("no public key in the file")
	}
	return out, nil
}

package config

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// accountKey is the name of the array of tables that holds accounts.
const accountKey = "account"

// block is the text of one [[account]] block: its key-value lines run from
// body to end; header is the line of its [[account]] header.
type block struct {
	header    int
	body, end int
}

// decodeAccounts decodes every [[account]] block of doc: the keys every
// platform shares into Account, then the rest into the options of the
// block's platform, strictly. Each block is decoded from a copy of the
// document in which everything else is blanked, so line numbers stay those
// of the file.
func decodeAccounts(path string, doc []byte, kinds Kinds) ([]Account, error) {
	blocks, err := accountBlocks(path, doc)
	if err != nil {
		return nil, err
	}
	var out []Account
	for i, b := range blocks {
		a, err := decodeAccount(path, blank(doc, b.body, b.end), kinds, i)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// accountBlocks finds the [[account]] blocks. Any other way of writing an
// account ([account], [account.x], a top-level account key) is refused with
// its line, so no key escapes the per-platform decoding.
func accountBlocks(path string, doc []byte) ([]block, error) {
	var p unstable.Parser
	p.Reset(doc)
	var blocks []block
	open, inTable := false, false
	for p.NextExpression() {
		e := p.Expression()
		var first *unstable.Node
		var parts []string
		for it := e.Key(); it.Next(); {
			if first == nil {
				first = it.Node()
			}
			parts = append(parts, string(it.Node().Data))
		}
		if first == nil {
			continue // a comment or blank line
		}
		pos := p.Shape(first.Raw).Start
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			lineStart := bytes.LastIndexByte(doc[:pos.Offset], '\n') + 1
			if open {
				blocks[len(blocks)-1].end = lineStart
				open = false
			}
			inTable = true
			if parts[0] != accountKey {
				continue
			}
			if e.Kind != unstable.ArrayTable || len(parts) != 1 {
				return nil, &fileError{path: path, line: pos.Line,
					msg: "write each account as an [[account]] block with its keys under it"}
			}
			body := len(doc)
			if nl := bytes.IndexByte(doc[pos.Offset:], '\n'); nl >= 0 {
				body = pos.Offset + nl + 1
			}
			blocks = append(blocks, block{header: pos.Line, body: body, end: len(doc)})
			open = true
		case unstable.KeyValue:
			if !inTable && parts[0] == accountKey {
				return nil, &fileError{path: path, line: pos.Line,
					msg: "write each account as an [[account]] block with its keys under it"}
			}
		}
	}
	if err := p.Error(); err != nil {
		return nil, &fileError{path: path, msg: err.Error(), err: err}
	}
	return blocks, nil
}

// blank returns a copy of doc in which every byte outside [from, to) but the
// line breaks is a space.
func blank(doc []byte, from, to int) []byte {
	out := make([]byte, len(doc))
	for i, c := range doc {
		if (i < from || i >= to) && c != '\n' {
			c = ' '
		}
		out[i] = c
	}
	return out
}

// decodeAccount decodes one blanked block: the shared keys, then the
// platform's options. i is the block's index, for an account without name.
func decodeAccount(path string, sub []byte, kinds Kinds, i int) (Account, error) {
	var a Account
	err := toml.NewDecoder(bytes.NewReader(sub)).DisallowUnknownFields().Decode(&a)
	var sm *toml.StrictMissingError
	if err != nil && !errors.As(err, &sm) {
		return a, decodeError(path, sub, err, accountKey+".", durationKeysOf(Account{}))
	}
	if a.Platform == "" {
		return a, nil // Validate says what is missing, name first
	}
	kind, ok := kinds.find(a.Platform)
	if !ok {
		return a, fmt.Errorf("config %s: %s: platform %q is unknown (known: %s)", path, label(a, i), a.Platform, kinds.names())
	}
	opts := kind.Options()
	err = toml.NewDecoder(bytes.NewReader(sub)).DisallowUnknownFields().Decode(opts)
	if errors.As(err, &sm) {
		shared := tomlKeys(reflect.TypeOf(Account{}))
		var rest []toml.DecodeError
		for _, e := range sm.Errors {
			if k := e.Key(); len(k) > 0 && !shared[k[0]] {
				rest = append(rest, e)
			}
		}
		if len(rest) > 0 {
			return a, unknownKeys(path, rest, accountKey+".", " for "+string(a.Platform), err)
		}
	} else if err != nil {
		return a, decodeError(path, sub, err, accountKey+".", durationKeysOf(opts))
	}
	a.Options = opts
	return a, nil
}

// label names an account in an error: by name, or by its place in the file.
func label(a Account, i int) string {
	if a.Name == "" {
		return fmt.Sprintf("account #%d", i+1)
	}
	return fmt.Sprintf("account %q", a.Name)
}

// tomlKeys returns the top-level TOML keys of struct type t.
func tomlKeys(t reflect.Type) map[string]bool {
	keys := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		if name != "" && name != "-" {
			keys[name] = true
		}
	}
	return keys
}

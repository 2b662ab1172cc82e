package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"sapa/config"
	"sapa/route"
	"sapa/store"
	"sapa/units"
)

// newRouter builds the router from the config: the unit tree's names,
// [[route.agency]] keyword rules (else the defaults) and each account's unit.
func newRouter(cfg config.Config, tree *units.Tree) (*route.Router, error) {
	rules := route.DefaultAgencyRules
	if len(cfg.Route.Agencies) > 0 {
		rules = make([]route.AgencyRule, len(cfg.Route.Agencies))
		for i, r := range cfg.Route.Agencies {
			rules[i] = route.AgencyRule{Agency: r.Agency, Keywords: r.Keywords}
		}
	}
	agencies, err := route.NewAgencies(rules)
	if err != nil {
		return nil, fmt.Errorf("config route.agency: %w", err)
	}
	accounts := map[string]units.Unit{}
	for _, a := range cfg.Accounts {
		if a.Unit == "" {
			continue
		}
		// An account's unit that is not one of the tree's (a free-text name
		// such as "Diskominfo") routes nothing: its messages go by their text.
		if u, err := tree.Resolve(a.Unit); err == nil {
			accounts[a.Name] = u
		}
	}
	return route.NewRouter(route.NewMatcher(tree), agencies, accounts), nil
}

// routeLine is one line `sapa route` prints.
type routeLine struct {
	Unit    *string `json:"unit"`
	Name    *string `json:"name"`
	Matched *string `json:"matched"`
	Outside bool    `json:"outside"`
	Agency  *string `json:"agency"`
}

// routeInput is a JSON line `sapa route` reads.
type routeInput struct {
	Text    *string `json:"text"`
	Account string  `json:"account"`
}

// runRoute reads messages, one per line or JSON lines with a "text" field
// (and optionally "account"), and prints where each goes.
func runRoute(o options, stdin io.Reader, stdout io.Writer) error {
	cfg, err := loadConfig(o.configPath, realRegistry().Kinds())
	if err != nil {
		return err
	}
	tree, err := loadUnits(cfg.Units)
	if err != nil {
		return err
	}
	r, err := newRouter(cfg, tree)
	if err != nil {
		return err
	}
	if o.eval != "" {
		return evalRoute(r, o.eval, stdout)
	}
	in := stdin
	if len(o.args) > 0 && o.args[0] != "-" {
		f, err := os.Open(o.args[0])
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		text, account := string(line), ""
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] == '{' {
			var in routeInput
			if err := json.Unmarshal(t, &in); err != nil || in.Text == nil {
				return fmt.Errorf("line %d: a JSON line needs a \"text\" string field", n)
			}
			text, account = *in.Text, in.Account
		}
		if err := enc.Encode(lineFor(r.Route(account, text))); err != nil {
			return err
		}
	}
	return sc.Err()
}

func lineFor(d route.Decision) routeLine {
	var l routeLine
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	if d.Found() {
		l.Unit, l.Name = str(d.Unit.Code), str(d.Unit.Label())
	}
	l.Matched = str(strings.Join(d.Matched, ", "))
	l.Outside = d.Outside
	l.Agency = str(d.Agency)
	return l
}

// evalRoute scores the router on a labelled set and prints the figures
// BENCHMARKS.md records.
func evalRoute(r *route.Router, path string, stdout io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	set, err := route.ReadLabelled(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	s := route.Evaluate(r, set)
	fmt.Fprintf(stdout, "messages      %d (%d with a true unit)\n", s.Messages, s.WithUnit)
	fmt.Fprintf(stdout, "precision     %.1f %% (%d correct of %d units given)\n", 100*s.Precision(), s.Correct, s.Answered)
	fmt.Fprintf(stdout, "recall        %.1f %% (%d of %d)\n", 100*s.Recall(), s.Correct, s.WithUnit)
	fmt.Fprintf(stdout, "outside       %d of %d flagged outside with no unit\n", s.OutsideOK, s.Outside)
	fmt.Fprintf(stdout, "agency        %d of %d labelled agencies found\n", s.AgencyOK, s.Agencies)
	for _, m := range s.Misses {
		want := "null"
		if m.Unit != nil {
			want = *m.Unit + " " + m.UnitName
		}
		got := "null"
		if m.Got.Found() {
			got = m.Got.Unit.Code + " " + m.Got.Unit.Label()
		}
		fmt.Fprintf(stdout, "miss [%s] %q: want %s, got %s\n", m.Kind, m.Text, want, got)
	}
	return nil
}

// routeFunc is what the relay reads each citizen's message with: a place
// the matcher is sure of is applied; a name it cannot settle is only
// suggested (the one unit, or the kecamatan all its candidates lie in); an
// agency a keyword names is kept, and placed there when the message names
// no place and the agency is a unit of the tree ([[units.agency]]).
// Account rules need nothing here: an account's unit already holds its
// conversations, and the relay routes only those still at the kabupaten.
func routeFunc(r *route.Router, tree *units.Tree) func(text string) store.Route {
	return func(text string) store.Route {
		d := r.Route("", text)
		out := store.Route{Matched: strings.Join(d.Matched, ", "), Keyword: d.Keyword}
		switch {
		case d.Found():
			out.Unit, out.Confident = d.Unit.Code, true
		case len(d.Candidates) > 0:
			out.Unit = commonUnit(d.Candidates)
		}
		if d.Agency != "" {
			out.Agency = d.Agency
			if u, err := tree.Resolve(d.Agency); err == nil && u.Level == units.Agency {
				out.Agency = u.Code
				if out.Unit == "" && out.Matched == "" && !d.Outside {
					out.Unit, out.Matched, out.Confident = u.Code, d.Keyword, true
				}
			}
		}
		return out
	}
}

// commonUnit is the one candidate, or the kecamatan every candidate lies
// in, or "" when they spread over several.
func commonUnit(cands []units.Unit) string {
	if len(cands) == 1 {
		return cands[0].Code
	}
	parent := cands[0].Parent
	for _, c := range cands[1:] {
		if c.Parent != parent {
			return ""
		}
	}
	return parent
}

package main

import (
	"context"
	"fmt"

	"sapa/canned"
	"sapa/config"
	"sapa/pii"
	"sapa/spam"
	"sapa/store"
	"sapa/ui"
	"sapa/units"
)

// cannedReplies are Sapa's ready replies with the config's [[canned.reply]]
// added; a bad one (no name, an unknown {variable}) is an error.
func cannedReplies(c config.Canned) ([]canned.Reply, error) {
	extra := make([]canned.Reply, len(c.Replies))
	for i, r := range c.Replies {
		extra[i] = canned.Reply{Name: r.Name, Text: r.Text}
	}
	rs, err := canned.Merge(canned.Defaults, extra)
	if err != nil {
		return nil, fmt.Errorf("config canned.reply: %w", err)
	}
	return rs, nil
}

// piiGuard builds the check the composer runs before a public reply: an NIK
// or KK from the regency must name one of the tree's kecamatan.
func piiGuard(tree *units.Tree) func(reply string, thread []string) []string {
	var kec []string
	for _, u := range tree.All() {
		if u.Level == units.Kecamatan {
			kec = append(kec, u.Code)
		}
	}
	g := pii.New(kec)
	return func(reply string, thread []string) []string {
		var kinds []string
		for _, f := range g.Check(reply, thread) {
			kinds = append(kinds, string(f.Kind))
		}
		return kinds
	}
}

// checkDeskConfig refuses, at start, ready replies and agency rules the
// desk could not use, so a typo is an error and not a surprise in
// the middle of a reply.
func checkDeskConfig(cfg config.Config, tree *units.Tree) error {
	if _, err := cannedReplies(cfg.Canned); err != nil {
		return err
	}
	_, err := newRouter(cfg, tree)
	return err
}

// resolveUnit lets :unit_filter take a unit's code, name or label.
func resolveUnit(tree *units.Tree) func(string) (string, error) {
	return func(s string) (string, error) {
		u, err := tree.Resolve(s)
		return u.Code, err
	}
}

// unitNames are what `:` completes for a unit argument: each unit's label
// ("Kecamatan Cibinong", "Desa Cijayanti", an agency's name), or its code
// where several units share the label (the two Desa Bendungan), so every
// completion resolves to one unit. scope narrows them to its codes (the
// scoped store's Scope().Units): a desa admin's completion offers their own
// subtree, not the kabupaten. nil: every unit.
func unitNames(tree *units.Tree, scope []string) []string {
	in := map[string]bool{}
	for _, c := range scope {
		in[c] = true
	}
	var out []string
	for _, u := range tree.All() {
		if u.Code == tree.Root().Code || (scope != nil && !in[u.Code]) {
			continue
		}
		if len(tree.ByName(u.Label())) == 1 {
			out = append(out, u.Label())
		} else {
			out = append(out, u.Code)
		}
	}
	return out
}

// spamExamples bounds training: the newest judgements of each kind.
const spamExamples = 500

// sharedSpam is the process's one spam suggestion, shared by every screen
// (each SSH session) and trained lazily by the first: from the whole
// office's marking, since it only suggests and each screen weighs only the
// conversations of its own scope.
type sharedSpam struct{ *spam.Shared }

func newSharedSpam(st *store.Store) sharedSpam {
	return sharedSpam{spam.NewShared(func(ctx context.Context) ([]spam.Example, error) {
		judged, err := st.SpamExamples(ctx, spamExamples)
		if err != nil {
			return nil, err
		}
		ex := make([]spam.Example, len(judged))
		for i, e := range judged {
			ex[i] = spam.Example{Text: e.Text, Spam: e.Spam}
		}
		return ex, nil
	})}
}

// Ready is spam.Shared.Ready as the screen takes it.
func (s sharedSpam) Ready(ctx context.Context) (ui.SpamModel, error) {
	snap, err := s.Shared.Ready(ctx)
	return screenSpam(snap), err
}

// Retrain is spam.Shared.Retrain as the screen takes it.
func (s sharedSpam) Retrain(ctx context.Context) (ui.SpamModel, error) {
	snap, err := s.Shared.Retrain(ctx)
	return screenSpam(snap), err
}

// screenSpam is a snapshot as the screen draws it: no suggestion until the
// admins have marked enough.
func screenSpam(snap *spam.Snapshot) ui.SpamModel {
	sm := ui.SpamModel{Gen: snap.Gen, Next: snap.Next}
	if snap.Model.Ready() {
		sm.Suggest = snap.Model.Suggest
	}
	return sm
}

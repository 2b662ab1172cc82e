package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"sapa/config"
	"sapa/inbox"
	"sapa/store"
	"sapa/units"
)

// demoMember is one admin of the demo team: real units of Kabupaten Bogor,
// so a newcomer sees what each level of the regency sees.
type demoMember struct {
	name          string
	unit          string // a code of the embedded tree, or a demo agency's code
	role          inbox.Role
	needsApproval bool
}

// demoSupervisor is who `sapa demo` opens as without --as.
const demoSupervisor = "rina.humas"

// demoTeam is the demo's admins: the kabupaten's supervisor and its
// communication office's operators, two kecamatan (Cibinong, Ciawi), desa
// and a kelurahan of them and of Babakan Madang (whose Pages the demo
// simulates), an agency, a viewer, and one whose replies wait for
// approval.
func demoTeam() []demoMember {
	return []demoMember{
		{name: demoSupervisor, unit: "32.01", role: inbox.Supervisor},
		{name: "yoga.kominfo", unit: "32.01", role: inbox.Operator},
		{name: "dewi.humas", unit: "32.01", role: inbox.Operator},
		{name: "admin.kominfo", unit: "32.01", role: inbox.Operator},
		{name: "fajar.kominfo", unit: "32.01", role: inbox.Operator},
		{name: "asep.cibinong", unit: "32.01.01", role: inbox.Supervisor},
		{name: "euis.ciawi", unit: "32.01.24", role: inbox.Operator},
		{name: "dedi.bendungan", unit: "32.01.24.2008", role: inbox.Operator},
		{name: "ujang.pakansari", unit: "32.01.01.1007", role: inbox.Operator},
		{name: "neng.cijayanti", unit: "32.01.05.2001", role: inbox.Operator, needsApproval: true},
		{name: "admin.dukcapil", unit: "disdukcapil", role: inbox.Operator},
		{name: "tamu.inspektorat", unit: "32.01", role: inbox.Viewer},
	}
}

// demoAgencies are the regency's agencies in the demo when the config
// names none, called as the default routing rules call them, so that
// delegating to an agency and routing by keyword work out of the box.
func demoAgencies() []config.Agency {
	return []config.Agency{
		{Code: "disdukcapil", Name: "Disdukcapil"},
		{Code: "pupr", Name: "Dinas PUPR"},
		{Code: "pdam", Name: "PDAM"},
		{Code: "dinkes", Name: "Dinas Kesehatan"},
		{Code: "dinsos", Name: "Dinsos"},
		{Code: "disdik", Name: "Disdik"},
		{Code: "dlh", Name: "DLH"},
		{Code: "dishub", Name: "Dishub"},
		{Code: "bpbd", Name: "BPBD"},
		{Code: "damkar", Name: "Damkar"},
		{Code: "satpolpp", Name: "Satpol PP"},
		{Code: "diskominfo", Name: "Diskominfo"},
	}
}

// team is the demo team members whose unit is in tree (another regency's
// [units] file has none of Bogor's desa), supervisor first.
func (e *env) team() []demoMember {
	var out []demoMember
	for _, m := range demoTeam() {
		if _, ok := e.units.Get(m.unit); ok || m.name == demoSupervisor {
			if !ok {
				m.unit = e.units.Root().Code
			}
			out = append(out, m)
		}
	}
	return out
}

// ensureTeam registers the demo team in the demo's store, once: a team
// member already registered is left as it is.
func (e *env) ensureTeam(ctx context.Context) error {
	for _, m := range e.team() {
		_, err := e.st.Admin(ctx, m.name)
		if err == nil {
			continue
		}
		if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		a := inbox.Admin{Name: m.name, Unit: m.unit, Role: m.role, NeedsApproval: m.needsApproval}
		if err := e.st.AddAdmin(ctx, "sapa demo", a); err != nil {
			return fmt.Errorf("demo team: %w", err)
		}
	}
	return nil
}

// demoLogin is who the demo opens as: --as NAME, which must be one of the
// registered admins, else the kabupaten's supervisor.
func (e *env) demoLogin(ctx context.Context) (string, error) {
	if e.opts.as == "" {
		return demoSupervisor, nil
	}
	if _, err := e.st.Admin(ctx, e.opts.as); errors.Is(err, store.ErrNotFound) {
		return "", fmt.Errorf("--as %q: not an admin of the demo; choose one of: %s", e.opts.as, strings.Join(e.teamNames(), ", "))
	} else if err != nil {
		return "", err
	}
	return e.opts.as, nil
}

// teamNames are the demo team's names, sorted.
func (e *env) teamNames() []string {
	var out []string
	for _, m := range e.team() {
		out = append(out, m.name)
	}
	sort.Strings(out)
	return out
}

// describe says who a member is: "supervisor, Kecamatan Cibinong".
func (m demoMember) describe(t *units.Tree) string {
	s := string(m.role) + ", " + t.Path(m.unit)
	if m.needsApproval {
		s += ", replies need approval"
	}
	return s
}

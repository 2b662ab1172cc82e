package main

// `sapa doctor` in the end-to-end tests: healthy on an account the flow of
// main_integration_test.go runs, and a FAIL row that says what to fix on a
// broken one.

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// doctorHealthy fails the test unless `sapa doctor` calls r's account
// healthy.
func doctorHealthy(t *testing.T, r *running) {
	t.Helper()
	var out bytes.Buffer
	code := r.env.doctor(&out)
	t.Logf("sapa doctor:\n%s", out.String())
	doctorFixes(t, out.String())
	if code != 0 || strings.Contains(out.String(), "FAIL") || !strings.Contains(out.String(), " ok ") {
		t.Fatalf("sapa doctor exit %d:\n%s", code, out.String())
	}
}

// doctorFixes returns the fixes of doctor's FAIL rows, each joined from
// its wrapped lines, and fails the test when a line is wider than 80
// columns.
func doctorFixes(t *testing.T, out string) []string {
	t.Helper()
	var fs []string
	inFail := false
	for _, l := range strings.Split(out, "\n") {
		if n := len([]rune(l)); n > 80 {
			t.Errorf("doctor line of %d columns:\n%s", n, l)
		}
		switch {
		case strings.HasPrefix(l, "  FAIL  "):
			inFail = true
			fs = append(fs, "")
		case inFail && strings.HasPrefix(l, doctorIndent+fixLead):
			fs[len(fs)-1] = strings.TrimPrefix(l, doctorIndent+fixLead)
		case inFail && strings.HasPrefix(l, doctorIndent+"     ") && fs[len(fs)-1] != "":
			fs[len(fs)-1] += " " + strings.TrimSpace(l)
		case !strings.HasPrefix(l, doctorIndent):
			inFail = false
		}
	}
	return fs
}

// TestDoctorBrokenAccount: an account whose secret is missing, or whose
// token the platform refuses, makes `sapa doctor` exit 1 with a FAIL row
// that says what to fix.
func TestDoctorBrokenAccount(t *testing.T) {
	isolate(t)
	doctor := func(t *testing.T, cfgPath string) (int, string) {
		t.Helper()
		e, err := setup(options{command: "doctor", configPath: cfgPath})
		if err != nil {
			t.Fatalf("setup: %v", err)
		}
		defer e.close()
		var out bytes.Buffer
		code := e.doctor(&out)
		t.Logf("sapa doctor:\n%s", out.String())
		return code, out.String()
	}
	for _, pc := range platformCases() {
		t.Run(string(pc.platform)+"/secret unset", func(t *testing.T) {
			r, _ := pc.start(t)
			cfgPath, vars := writeConfig(t, t.TempDir(), pc.platform, r)
			name := vars["token"]
			for _, k := range []string{"password", "client_secret"} {
				if name == "" {
					name = vars[k]
				}
			}
			os.Unsetenv(name) // t.Setenv restores it afterwards
			code, out := doctor(t, cfgPath)
			fs := doctorFixes(t, out)
			if code != 1 || len(fs) == 0 || !strings.Contains(fs[0], "variable "+name+" is not set") {
				t.Fatalf("exit %d, FAIL fixes %q; want exit 1 and a fix saying variable %s is not set", code, fs, name)
			}
			if strings.Contains(fs[0], "revoked") || strings.Contains(fs[0], "scope") {
				t.Errorf("an unset variable is blamed on the token: %q", fs[0])
			}
		})
		t.Run(string(pc.platform)+"/token refused", func(t *testing.T) {
			r, revoke := pc.start(t)
			cfgPath, _ := writeConfig(t, t.TempDir(), pc.platform, r)
			revoke()
			code, out := doctor(t, cfgPath)
			fs := doctorFixes(t, out)
			if code != 1 || len(fs) == 0 || fs[0] == "" {
				t.Fatalf("exit %d, FAIL fixes %q; want exit 1 and what to fix", code, fs)
			}
		})
	}
}

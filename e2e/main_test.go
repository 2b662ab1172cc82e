// Package e2e drives the built sapa binary in a real pseudo-terminal of 80x24
// cells, as an admin on an SSH link would, and checks what the issue's "Done
// means" list asks of `sapa demo`: every platform in one inbox, a reply that
// is sent and audited, drafts that survive a crash and a dropped link, two
// sessions on one database with one relay, search back two weeks, hostile
// text drawn harmlessly, silence while idle, and a colourless low-bandwidth
// mode.
//
// The binary is built once per run (TestMain); every test gets its own data
// and config directories, so tests run in parallel.
package e2e

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// sapaBin is the binary under test, built by TestMain.
var sapaBin string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	flag.Parse()
	gobin, err := exec.LookPath("go")
	if err != nil {
		fmt.Println("e2e: skipping the end-to-end tests: the go command is not on PATH, so the sapa binary cannot be built")
		return 0
	}
	dir, err := os.MkdirTemp("", "sapa-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	root, err := filepath.Abs("..")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	sapaBin = filepath.Join(dir, "sapa")
	start := time.Now()
	build := exec.Command(gobin, "build", "-o", sapaBin, ".")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: go build of %s failed: %v\n%s", root, err, out)
		return 1
	}
	if testing.Verbose() {
		fmt.Printf("e2e: built %s in %v\n", sapaBin, time.Since(start).Round(time.Millisecond))
	}
	return m.Run()
}

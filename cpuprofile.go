package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// cpuProfileEnv names the file `sapa serve` writes a CPU profile to while it
// runs, for the SSH benchmark (bench/sshload -cpuprofile); unset, nothing is
// profiled. It is not a configuration option: only benchmarks need it.
const cpuProfileEnv = "SAPA_CPUPROFILE"

// startCPUProfile starts the profile $SAPA_CPUPROFILE asks for; stop ends it
// and closes the file.
func startCPUProfile() (stop func(), err error) {
	path := os.Getenv(cpuProfileEnv)
	if path == "" {
		return func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("$%s: %w", cpuProfileEnv, err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("$%s: %w", cpuProfileEnv, err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"sapa/platforms"
)

// doctor checks every configured account and prints one row per check with
// the fix for each problem. It returns 1 when any account is broken.
func (e *env) doctor(w io.Writer) int {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ACCOUNT\tPLATFORM\tCHECK\tRESULT\tFIX")
	broken := false
	row := func(name, platform string, f platforms.Finding) {
		result, fix := "ok", ""
		if !f.OK {
			result, fix, broken = "FAIL", f.Fix, true
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", name, platform, f.Check, result, fix)
	}
	if len(e.cfg.Accounts) == 0 {
		fmt.Fprintln(w, "No accounts configured: add [[account]] blocks (see config.example.toml).")
		return 1
	}
	for _, a := range e.cfg.Accounts {
		if err, ok := e.broken[a.Name]; ok {
			row(a.Name, string(a.Platform), platforms.Finding{Check: "connector set up", Fix: platforms.Describe(err)})
			continue
		}
		row(a.Name, string(a.Platform), platforms.Finding{Check: "secrets found", OK: true})
		if a.Webhook && e.cfg.Serve.Listen == "" {
			row(a.Name, string(a.Platform), platforms.Finding{Check: "webhook listener",
				Fix: "set [serve] listen and run `sapa serve`, or set webhook = false"})
		}
	}
	for _, a := range e.accounts {
		c, ok := a.Conn.(platforms.Checker)
		if !ok {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		for _, f := range c.Check(ctx) {
			row(a.Name, string(a.Conn.Platform()), f)
		}
		cancel()
	}
	tw.Flush()
	if broken {
		return 1
	}
	return 0
}

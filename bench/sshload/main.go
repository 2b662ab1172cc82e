// Command sshload measures Sapa's SSH service under many sessions: it
// builds a store, registers one admin, runs `sapa serve`, opens N SSH
// sessions with a pty (golang.org/x/crypto/ssh, one TCP connection each)
// and measures
//
//   - memory per session: (RSS of serve with N sessions − RSS with none) / N;
//   - idle cost: CPU of serve over -idle with no session and with N idle ones;
//   - keystroke → frame: every session presses j/k every -interval, timed
//     from the key's write to the first output after it.
//
// Run it through bench/sshload.sh, which builds sapa and appends the
// results with the machine's load to bench/sshresults.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"
)

type options struct {
	sapa     string
	n        int
	convs    int
	sizes    string
	keys     int
	interval time.Duration
	idle     time.Duration
	profile  string
}

func main() {
	var o options
	flag.StringVar(&o.sapa, "sapa", "", "path of the sapa binary (required)")
	flag.IntVar(&o.n, "n", 200, "concurrent sessions")
	flag.IntVar(&o.convs, "convs", 2000, "conversations in the store")
	flag.StringVar(&o.sizes, "sizes", "80x24,200x50", "terminal sizes, COLSxROWS, comma separated")
	flag.IntVar(&o.keys, "keys", 40, "keys each session presses")
	flag.DurationVar(&o.interval, "interval", 500*time.Millisecond, "time between one session's keys")
	flag.DurationVar(&o.idle, "idle", time.Minute, "how long idle CPU is measured (0: not measured)")
	flag.StringVar(&o.profile, "cpuprofile", "", "write serve's CPU profile to this file, suffixed with the size (e.g. cpu.pprof-80x24)")
	wire := flag.Bool("wire", false, "measure bytes on the wire per j against OpenSSH's sshd instead (at the first size)")
	sshd := flag.String("sshd", "/usr/sbin/sshd", "OpenSSH's server, for -wire")
	flag.Parse()
	if o.sapa == "" {
		fmt.Fprintln(os.Stderr, "usage: sshload -sapa PATH [-n 200] [-sizes 80x24,200x50]")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *wire {
		var cols, rows int
		fmt.Sscanf(strings.Split(o.sizes, ",")[0], "%dx%d", &cols, &rows)
		if err := runWire(ctx, o, *sshd, cols, rows); err != nil {
			fmt.Fprintln(os.Stderr, "sshload:", err)
			os.Exit(1)
		}
		return
	}
	fmt.Printf("\n### %s: %d sessions, %d conversations, keys every %s (%d per session)\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), o.n, o.convs, o.interval, o.keys)
	fmt.Println("| size | RSS none | RSS with N | per session | idle CPU, none | idle CPU, N sessions | keys | p50 | p90 | p99 | max | no frame | serve CPU per key | load before → after |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, z := range strings.Split(o.sizes, ",") {
		var cols, rows int
		if _, err := fmt.Sscanf(z, "%dx%d", &cols, &rows); err != nil {
			fmt.Fprintln(os.Stderr, "sshload: size", z, err)
			os.Exit(2)
		}
		if err := runSize(ctx, o, cols, rows); err != nil {
			fmt.Fprintln(os.Stderr, "sshload:", err)
			os.Exit(1)
		}
	}
}

// cpuOver is the share of one core pid used over d.
func cpuOver(pid int, d time.Duration) (float64, error) {
	a, err := cpuTicks(pid)
	if err != nil {
		return 0, err
	}
	time.Sleep(d)
	b, err := cpuTicks(pid)
	return float64(b-a) / 100 / d.Seconds() * 100, err
}

func runSize(ctx context.Context, o options, cols, rows int) error {
	dir, err := os.MkdirTemp("", "sshload")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	r, err := prepare(ctx, o.sapa, dir, o.convs, o.n, false)
	if err != nil {
		return err
	}
	if o.profile != "" {
		r.cpuProfile = fmt.Sprintf("%s-%dx%d", o.profile, cols, rows)
	}
	if err := r.start(ctx); err != nil {
		return err
	}
	defer r.stop()
	before := loadavg()
	pid := r.serve.Process.Pid
	time.Sleep(3 * time.Second)
	rss0, err := rssKB(pid)
	if err != nil {
		return err
	}
	idle0, idleN := "-", "-"
	if o.idle > 0 {
		fmt.Fprintf(os.Stderr, "sshload: no session, measuring idle CPU for %s\n", o.idle)
		c, err := cpuOver(pid, o.idle)
		if err != nil {
			return err
		}
		idle0 = fmt.Sprintf("%.2f %%", c)
	}
	clients, err := openAll(ctx, "127.0.0.1:"+r.port, r.signer, o.n, cols, rows)
	if err != nil {
		return fmt.Errorf("%w\n%s", err, r.log.String())
	}
	defer func() {
		for _, c := range clients {
			c.close()
		}
	}()
	time.Sleep(5 * time.Second)
	rssN, err := rssKB(pid)
	if err != nil {
		return err
	}
	if o.idle > 0 {
		fmt.Fprintf(os.Stderr, "sshload: %d sessions open, measuring idle CPU for %s\n", o.n, o.idle)
		c, err := cpuOver(pid, o.idle)
		if err != nil {
			return err
		}
		idleN = fmt.Sprintf("%.2f %%", c)
	}
	cpu0, err := cpuTicks(pid)
	if err != nil {
		return err
	}
	lat, missed := typing(clients, o.keys, o.interval, 5*time.Second)
	cpu1, err := cpuTicks(pid)
	if err != nil {
		return err
	}
	// CPU of serve per key pressed: what the keys cost, whatever the load.
	perKey := float64(cpu1-cpu0) * 10 / float64(o.n*o.keys)
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	fmt.Printf("| %dx%d | %.1f MB | %.1f MB | %.2f MB | %s | %s | %d | %s | %s | %s | %s | %d | %.2f ms | %s → %s |\n",
		cols, rows, float64(rss0)/1024, float64(rssN)/1024, float64(rssN-rss0)/1024/float64(o.n), idle0, idleN,
		len(lat), ms(pct(lat, 50)), ms(pct(lat, 90)), ms(pct(lat, 99)), ms(pct(lat, 100)), missed, perKey, before, loadavg())
	return nil
}

// Command gen builds a synthetic Sapa store for benchmarks:
//
//	go run ./bench/gen -n 1000000 -o /tmp/sapa-1m.db
//
// The content is fixed by -seed and -n; a manifest (long conversations,
// rare search terms, ingest rate) is written next to it as <path>.json.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"time"

	"sapa/bench/gen/synth"
)

func main() {
	n := flag.Int("n", 10000, "number of conversations")
	out := flag.String("o", "", "path of the store to create (must not exist)")
	seed := flag.Int64("seed", 1, "seed of the content")
	batch := flag.Int("batch", 4000, "messages per ingest transaction")
	quiet := flag.Bool("q", false, "no progress lines")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the build to this file")
	resume := flag.Bool("resume", false, "continue an interrupted build from PATH.partial")
	flag.Parse()
	if *out == "" || *n <= 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -n CONVERSATIONS -o PATH [-seed N] [-batch N]")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opt := synth.Options{Conversations: *n, Seed: *seed, Batch: *batch, Resume: *resume}
	if !*quiet {
		last := time.Time{}
		opt.Progress = func(done, total, msgs int, el time.Duration) {
			if time.Since(last) < 2*time.Second && done < total {
				return
			}
			last = time.Now()
			fmt.Fprintf(os.Stderr, "%d/%d conversations, %d messages, %.0f msg/s overall\n",
				done, total, msgs, float64(msgs)/el.Seconds())
		}
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	m, err := synth.Build(ctx, *out, opt)
	if err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d conversations, %d messages in %.1f s; ingest %.0f messages/s\n",
		*out, m.Conversations, m.Messages, m.TotalSeconds, m.IngestRate())
}

// Package storebench holds Sapa's store benchmarks on synthetic stores of
// 10 thousand, 100 thousand or a million conversations (see bench/gen):
// ingest, list pages and keyset scrolling per view, counts, full-text
// search, threads, the store's share of the first frame, resident memory,
// and the time from pressing send to the reply marked sent.
//
// The store size is chosen with SAPA_BENCH_SIZE (10k, 100k or 1m; default
// 10k) and generated stores are cached in SAPA_BENCH_DIR (default
// <user cache dir>/sapa-bench), so each size is built once:
//
//	SAPA_BENCH_SIZE=1m go test -run '^$' -bench . -benchtime 2s ./bench/storebench
//
// The package has benchmarks only (and one test that runs only when a
// benchmark starts it as a child process), so `go test ./...` stays quick.
package storebench

package main

import (
	"os"
	"sync"
)

// logFile writes each log line with one write call (slog hands it one
// record at a time) and, when the disk is full and only part of a line got
// written, cuts that part off again: a torn line would run into the next
// one and could not be told apart from it. Once space returns, lines are
// whole again without a restart.
type logFile struct {
	mu sync.Mutex
	f  *os.File // opened O_APPEND
}

func (l *logFile) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n, err := l.f.Write(p)
	if err != nil && n > 0 && n < len(p) {
		if info, serr := l.f.Stat(); serr == nil && info.Size() >= int64(n) {
			_ = l.f.Truncate(info.Size() - int64(n))
		}
		return 0, err
	}
	return n, err
}

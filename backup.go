package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"sapa/store"
)

// backupPrefix and backupSuffix frame the names of scheduled backups:
// sapa-20261207T183000Z.db sorts by time.
const (
	backupPrefix = "sapa-"
	backupSuffix = ".db"
)

// runBackup is `sapa backup PATH`: one online backup of the store while
// everything keeps running. A directory gets a timestamped file in it.
func runBackup(o options, stdout io.Writer) error {
	cfg, err := loadConfig(o.configPath, realRegistry().Kinds())
	if err != nil {
		return err
	}
	ctx := context.Background()
	st, err := store.Open(ctx, cfg.Database.Path, store.Options{Group: cfg.Database.Group})
	if err != nil {
		return err
	}
	defer st.Close()
	dest := o.args[0]
	if info, err := os.Stat(dest); err == nil && info.IsDir() {
		dest = filepath.Join(dest, backupName(time.Now()))
	}
	start := time.Now()
	if err := st.Backup(ctx, dest); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup of %s written to %s in %v\n", st.Path(), dest, time.Since(start).Round(time.Millisecond))
	return nil
}

func backupName(t time.Time) string {
	return backupPrefix + t.UTC().Format("20060102T150405Z") + backupSuffix
}

// backupLoop makes the scheduled backups of `sapa serve` until ctx ends:
// one every [backup] every into [backup] dir, keeping the newest keep. A
// damaged store stops the loop (no good backup is rotated away for it).
func (e *env) backupLoop(ctx context.Context) {
	b := e.cfg.Backup
	if b.Dir == "" {
		return
	}
	if _, err := store.PrepareDir(b.Dir, e.cfg.Database.Group); err != nil {
		e.log.Error("Backups off", "err", err)
		return
	}
	t := time.NewTicker(b.Every.Duration)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			dest := filepath.Join(b.Dir, backupName(now))
			if err := e.st.Backup(ctx, dest); err != nil {
				e.log.Error("Backup failed", "dest", dest, "err", err)
				if e.st.Damaged() {
					return
				}
				continue
			}
			e.log.Info("Backup written", "dest", dest)
			if err := pruneBackups(b.Dir, b.Keep); err != nil {
				e.log.Warn("Old backups not removed", "err", err)
			}
		}
	}
}

// pruneBackups deletes all but the newest keep scheduled backups in dir.
func pruneBackups(dir string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, backupSuffix) && e.Type().IsRegular() {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
			return err
		}
		names = names[1:]
	}
	return nil
}

// newestBackup is the time of the newest scheduled backup in dir (zero
// when there is none).
func newestBackup(dir string) (time.Time, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return time.Time{}, err
	}
	var newest time.Time
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, backupPrefix) || !strings.HasSuffix(n, backupSuffix) {
			continue
		}
		t, err := time.Parse("20060102T150405Z", strings.TrimSuffix(strings.TrimPrefix(n, backupPrefix), backupSuffix))
		if err == nil && t.After(newest) {
			newest = t
		}
	}
	return newest, nil
}

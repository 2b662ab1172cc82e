package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// client is one SSH session with a pty, as a terminal holds it: it reads
// everything the server draws and remembers when the answer to the last
// key began to arrive.
type client struct {
	conn *gossh.Client
	sess *gossh.Session
	in   io.Writer

	mu      sync.Mutex
	bytes   int64
	last    time.Time // when the last output arrived
	sent    time.Time // when the pending key was written; zero: none pending
	answers chan time.Duration
}

// dialSession logs in and opens the screen at cols x rows.
func dialSession(addr string, key gossh.Signer, cols, rows int) (*client, error) {
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "root",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         30 * time.Second,
	})
	if err != nil {
		return nil, err
	}
	sess, err := conn.NewSession()
	if err != nil {
		conn.Close()
		return nil, err
	}
	c := &client{conn: conn, sess: sess, answers: make(chan time.Duration, 1)}
	if err := sess.RequestPty("xterm-256color", rows, cols, gossh.TerminalModes{}); err != nil {
		conn.Close()
		return nil, err
	}
	if c.in, err = sess.StdinPipe(); err != nil {
		conn.Close()
		return nil, err
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		conn.Close()
		return nil, err
	}
	go c.read(out)
	if err := sess.Shell(); err != nil {
		conn.Close()
		return nil, err
	}
	return c, nil
}

func (c *client) read(out io.Reader) {
	buf := make([]byte, 32<<10)
	for {
		n, err := out.Read(buf)
		now := time.Now()
		c.mu.Lock()
		c.bytes += int64(n)
		c.last = now
		if n > 0 && !c.sent.IsZero() {
			select {
			case c.answers <- now.Sub(c.sent):
			default:
			}
			c.sent = time.Time{}
		}
		c.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// quiet reports whether the client has drawn something and nothing more
// for d.
func (c *client) quiet(d time.Duration) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes > 0 && time.Since(c.last) >= d
}

// press writes one key and waits for the first output after it; ok false
// when none came within max.
func (c *client) press(key string, max time.Duration) (time.Duration, bool) {
	c.mu.Lock()
	c.sent = time.Now()
	c.mu.Unlock()
	if _, err := c.in.Write([]byte(key)); err != nil {
		return 0, false
	}
	select {
	case d := <-c.answers:
		return d, true
	case <-time.After(max):
		c.mu.Lock()
		c.sent = time.Time{}
		c.mu.Unlock()
		return 0, false
	}
}

func (c *client) close() { c.conn.Close() }

// openAll opens n sessions, par at a time, and waits until each has drawn
// its first screen and gone quiet.
func openAll(ctx context.Context, addr string, key gossh.Signer, n, cols, rows int) ([]*client, error) {
	out := make([]*client, n)
	errs := make(chan error, n)
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			c, err := dialSession(addr, key, cols, rows)
			if err != nil {
				errs <- fmt.Errorf("session %d: %w", i, err)
				return
			}
			out[i] = c
			for !c.quiet(300 * time.Millisecond) {
				if ctx.Err() != nil {
					return
				}
				time.Sleep(50 * time.Millisecond)
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		for _, c := range out {
			if c != nil {
				c.close()
			}
		}
		return nil, err
	}
	return out, nil
}

// typing has every session press keys every interval (each starting at a
// random moment of the first interval), alternating runs of j and k so
// every key moves the selection, and returns the keystroke → first output
// times and how many keys drew nothing within max.
func typing(clients []*client, keys int, interval, max time.Duration) ([]time.Duration, int) {
	var mu sync.Mutex
	var lat []time.Duration
	missed := 0
	var wg sync.WaitGroup
	for _, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(rand.N(interval))
			tick := time.NewTicker(interval)
			defer tick.Stop()
			for i := range keys {
				key := "j"
				if (i/10)%2 == 1 {
					key = "k"
				}
				d, ok := c.press(key, max)
				mu.Lock()
				if ok {
					lat = append(lat, d)
				} else {
					missed++
				}
				mu.Unlock()
				<-tick.C
			}
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	return lat, missed
}

// pct is the p-th percentile of sorted durations.
func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted)-1) * p / 100)
	return sorted[i]
}

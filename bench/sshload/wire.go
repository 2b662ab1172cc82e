package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"sapa/bench/ptymeter"
)

// proxy forwards TCP to target and counts the bytes each way.
type proxy struct {
	l        net.Listener
	target   string
	up, down atomic.Int64
}

func newProxy(target string) (*proxy, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &proxy{l: l, target: target}
	go p.serve()
	return p, nil
}

func (p *proxy) port() string { _, port, _ := net.SplitHostPort(p.l.Addr().String()); return port }

func (p *proxy) serve() {
	for {
		c, err := p.l.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		go p.pipe(s, c, &p.up)
		go p.pipe(c, s, &p.down)
	}
}

// pipe copies src to dst, counting.
func (p *proxy) pipe(dst, src net.Conn, n *atomic.Int64) {
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		k, err := src.Read(buf)
		if k > 0 {
			n.Add(int64(k))
			if _, err := dst.Write(buf[:k]); err != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// wireResult is one look through one server.
type wireResult struct {
	server, look, cipher string
	down, up, term       float64 // bytes per key
}

// openSSHD runs Debian's sshd unprivileged on its own port, host key and
// config, letting in the rig's key for the login user.
func openSSHD(ctx context.Context, sshd, dir, pubFile string) (port string, stop func(), err error) {
	if _, err := os.Stat(sshd); err != nil {
		return "", nil, fmt.Errorf("no OpenSSH server at %s (apt-get install openssh-server): %w", sshd, err)
	}
	hostKey := filepath.Join(dir, "sshd_host_ed25519_key")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey).CombinedOutput(); err != nil {
		return "", nil, fmt.Errorf("ssh-keygen: %v\n%s", err, out)
	}
	auth := filepath.Join(dir, "authorized_keys")
	pub, err := os.ReadFile(pubFile)
	if err != nil {
		return "", nil, err
	}
	if err := os.WriteFile(auth, pub, 0o600); err != nil {
		return "", nil, err
	}
	if port, err = freePort(); err != nil {
		return "", nil, err
	}
	cfg := filepath.Join(dir, "sshd_config")
	text := fmt.Sprintf(`Port %s
ListenAddress 127.0.0.1
HostKey %s
PidFile none
AuthorizedKeysFile %s
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
Compression no
PrintMotd no
PrintLastLog no
`, port, hostKey, auth)
	if err := os.WriteFile(cfg, []byte(text), 0o600); err != nil {
		return "", nil, err
	}
	// As root sshd wants its privilege separation directory.
	os.MkdirAll("/run/sshd", 0o755)
	cmd := exec.CommandContext(ctx, sshd, "-D", "-e", "-f", cfg)
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	for i := 0; i < 100; i++ {
		if c, err := net.Dial("tcp", "127.0.0.1:"+port); err == nil {
			c.Close()
			return port, func() { cmd.Process.Kill(); cmd.Wait() }, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	return "", nil, fmt.Errorf("sshd did not listen:\n%s", log.String())
}

// clientArgs are the ssh options of both servers: compression off, no
// host key bookkeeping, only the rig's key; -E keeps the debug log (the
// cipher) off the screen.
func clientArgs(key, port, logFile string) []string {
	return []string{"-tt", "-v", "-E", logFile, "-i", key, "-p", port, "-o", "Compression=no",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
		"-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "root@127.0.0.1"}
}

// measureWire opens the screen through the counting proxy and presses j
// keys times, each after the previous frame went quiet.
func measureWire(args []string, p *proxy, cols, rows, keys int) (down, up, term float64, err error) {
	cmd := exec.Command("ssh", args...)
	sess, err := ptymeter.StartOptions(context.Background(), cmd, ptymeter.Options{Cols: cols, Rows: rows})
	if err != nil {
		return 0, 0, 0, err
	}
	defer sess.Close()
	if err := sess.WaitFor("root", 30*time.Second); err != nil {
		return 0, 0, 0, fmt.Errorf("%w; screen:\n%s", err, sess.Screen())
	}
	if _, err := sess.WaitQuiet(time.Second, 10*time.Second); err != nil {
		return 0, 0, 0, err
	}
	d0, u0, t0 := p.down.Load(), p.up.Load(), sess.Bytes()
	for range keys {
		if err := sess.Send("j"); err != nil {
			return 0, 0, 0, err
		}
		if _, err := sess.WaitQuiet(300*time.Millisecond, 10*time.Second); err != nil {
			return 0, 0, 0, err
		}
	}
	// Let the last TCP segments and acknowledgements arrive.
	time.Sleep(200 * time.Millisecond)
	k := float64(keys)
	return float64(p.down.Load()-d0) / k, float64(p.up.Load()-u0) / k, float64(sess.Bytes()-t0) / k, nil
}

// cipherOf reads the negotiated cipher from ssh's debug log.
func cipherOf(logFile string) string {
	b, _ := os.ReadFile(logFile)
	for _, l := range strings.Split(string(b), "\n") {
		if _, rest, ok := strings.Cut(l, "kex: server->client cipher: "); ok {
			return strings.Fields(rest)[0]
		}
	}
	return "?"
}

// runWire measures bytes per j through Sapa's SSH server and through
// OpenSSH's sshd running `sapa` in a shell, in both looks.
func runWire(ctx context.Context, o options, sshd string, cols, rows int) error {
	fmt.Printf("\n### %s: bytes on the wire per j at %dx%d (%d keys, compression off)\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), cols, rows, o.keys)
	fmt.Println("| look | server | cipher | down B/j (TCP) | up B/j (TCP) | written to the terminal B/j | load |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, low := range []bool{false, true} {
		look := "default"
		if low {
			look = "low-bandwidth"
		}
		dir, err := os.MkdirTemp("", "sshwire")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		r, err := prepare(ctx, o.sapa, dir, o.convs, 1, low)
		if err != nil {
			return err
		}
		if err := r.start(ctx); err != nil {
			return err
		}
		defer r.stop()
		sshdPort, stop, err := openSSHD(ctx, sshd, dir, r.keyFile+".pub")
		if err != nil {
			return err
		}
		defer stop()
		for _, srv := range []struct{ name, port string }{{"Sapa's SSH server", r.port}, {"OpenSSH sshd + sapa in the shell", sshdPort}} {
			p, err := newProxy("127.0.0.1:" + srv.port)
			if err != nil {
				return err
			}
			logFile := filepath.Join(dir, "ssh.log")
			os.Remove(logFile)
			args := clientArgs(r.keyFile, p.port(), logFile)
			if srv.port == sshdPort {
				args = append(args, "TERM=xterm-256color exec "+r.sapa+" --config "+r.cfg)
			}
			down, up, term, err := measureWire(args, p, cols, rows, o.keys)
			p.l.Close()
			if err != nil {
				return fmt.Errorf("%s, %s: %w", srv.name, look, err)
			}
			fmt.Printf("| %s | %s | %s | %.0f | %.0f | %.0f | %s |\n", look, srv.name, cipherOf(logFile), down, up, term, loadavg())
		}
	}
	return nil
}

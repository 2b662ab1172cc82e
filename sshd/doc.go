// Package sshd is Sapa's SSH service: admins connect with any OpenSSH
// client, their public key says who they are, and each session runs the
// inbox screen within the admin's scope. It refuses everything else a
// public SSH server is asked for: passwords, forwarding, exec, subsystems,
// sessions without a terminal.
package sshd

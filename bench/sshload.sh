#!/bin/sh
# SSH service benchmarks (BENCHMARKS.md, "The SSH service"): builds sapa and
# runs bench/sshload twice: sessions (memory, idle CPU, keystroke → first
# output), then -wire (bytes on the wire per j against OpenSSH's sshd, which
# must be installed: apt-get install openssh-server), appending the results
# to bench/sshresults.md. Flags go to the first run, e.g.
#
#   bench/sshload.sh                     # 200 sessions, 80x24 and 200x50
#   bench/sshload.sh -n 20 -idle 10s     # a quick look
set -eu
cd "$(dirname "$0")/.."
bin=$(mktemp -d)/sapa
go build -o "$bin" .
out=bench/sshresults.md
{
	echo
	echo "## $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)"
	echo
	echo "uptime: $(uptime)"
	go run ./bench/sshload -sapa "$bin" "$@"
	echo
	echo "uptime: $(uptime)"
	go run ./bench/sshload -sapa "$bin" -wire -keys 30
} | tee -a "$out"

#!/bin/sh
# SSH service benchmarks (BENCHMARKS.md, "The SSH service"): builds sapa and
# runs bench/sshload (sessions, memory, idle CPU, keystroke → frame) and
# bench/sshwire (bytes on the wire against OpenSSH's sshd), appending the
# results to bench/sshresults.md. Flags go to sshload, e.g.
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
} | tee -a "$out"

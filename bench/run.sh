#!/bin/sh
# Sapa's byte benchmark: builds sapa, prepares the demo data and an
# equivalent Maildir, installs neomutt and aerc if missing (apt-get, as
# root), and measures all of them in a real pseudo-terminal. See
# BENCHMARKS.md; flags are those of bench/compare (bench/run.sh -h).
#
#   bench/run.sh                   # the full run (about 15 minutes)
#   bench/run.sh -idle 5s -n 30    # a quick look
set -eu
cd "$(dirname "$0")/.."
exec go run ./bench/compare "$@"

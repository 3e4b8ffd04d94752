#!/bin/sh
# Fuzz cleanse.clean and io.decode for MINUTES minutes (default 10):
#   fuzz/run.sh 10
# New inputs go to $FUZZ_WORK (default /tmp/cleanse-fuzz-corpus), seeded from
# fuzz/corpus; crashes to fuzz/crashes/. Extra arguments go to libFuzzer.
# FUZZ_KEEP_GOING=FILE records each failure in FILE and carries on (see fuzz_clean.py).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
minutes=${1:-10}
[ $# -gt 0 ] && shift
work=${FUZZ_WORK:-/tmp/cleanse-fuzz-corpus}
mkdir -p "$work" "$here/crashes"
exec python "$here/fuzz_clean.py" "$work" "$here/corpus" \
    -max_total_time=$((minutes * 60)) -timeout=30 -rss_limit_mb=3072 -max_len=4096 \
    -artifact_prefix="$here/crashes/" -print_final_stats=1 "$@"

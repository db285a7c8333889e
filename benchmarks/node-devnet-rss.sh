#!/usr/bin/env bash
# Issue 14: resident memory of each beacon node of a local devnet. Runs `./edvt devnet` with the
# given flags (default: its defaults, 4 nodes, 6 epochs of the minimal preset) in a fresh folder and
# samples VmRSS from /proc/<pid>/status of each of its node processes every --every seconds.
# Prints per node the samples, the median and the maximum, and the RSS of the last sample, with the
# 1-minute load at start and end. Only the devnet's own node processes are read (found by their
# --data-path inside the run's folder). Usage:
#   benchmarks/node-devnet-rss.sh [--every S] [-- devnet flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
every=2
while [ $# -gt 0 ]; do
  case "$1" in
    --every) every=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: $0 [--every S] [-- devnet flags...]" >&2; exit 2 ;;
  esac
done
dir=$(mktemp -d /tmp/edvt-rss-XXXXXX)
samples=$dir/rss.tsv
devnet_pid=
cleanup() { [ -n "$devnet_pid" ] && kill "$devnet_pid" 2>/dev/null; true; }
trap cleanup EXIT
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg); devnet folder $dir/devnet"
./edvt devnet --dir "$dir/devnet" "$@" >"$dir/devnet.log" 2>&1 &
devnet_pid=$!
: >"$samples"
t0=$(date +%s)
while kill -0 "$devnet_pid" 2>/dev/null; do
  # the devnet's node processes, by their --data-path in this run's folder (pgrep only lists them)
  for p in $(pgrep -f -- "beacon-node .*--data-path=$dir/devnet/nodes/node-" || true); do
    node=$( { tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null | sed -n 's|.*--data-path='"$dir"'/devnet/nodes/\(node-[0-9]*\)/data.*|\1|p')
    kb=$( { awk '/^VmRSS:/ {print $2}' "/proc/$p/status"; } 2>/dev/null || true)
    [ -n "$node" ] && [ -n "$kb" ] && printf '%s\t%s\t%s\n' "$(( $(date +%s) - t0 ))" "$node" "$kb" >>"$samples"
  done
  sleep "$every"
done
wait "$devnet_pid" && rc=0 || rc=$?
devnet_pid=
echo "devnet exit code $rc; its last line: $(tail -1 "$dir/devnet.log")"
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -F'\t' '{n[$2]++; v[$2, n[$2]] = $3; last[$2] = $3}
  END {
    for (node in n) {
      m = n[node]; for (i = 1; i <= m; i++) a[i] = v[node, i]
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      med = (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
      printf "%s: %d samples, RSS median %.0f MiB, max %.0f MiB, last %.0f MiB\n", node, m, med / 1024, a[m] / 1024, last[node] / 1024
    }
  }' "$samples" | sort
echo "samples: $samples (seconds since start, node, VmRSS kB); devnet output: $dir/devnet.log"

#!/usr/bin/env bash
# Issue 15: how many nodes and validators this machine runs before slots are missed, and the time
# from `./edvt devnet` to the first finalized epoch. Each configuration is one `./edvt devnet` run
# (defaults otherwise: minimal preset, 2 s slots, two 3-of-4 groups, embedded engine), and the
# table gives, from the run's summary.json: the mean 1-minute load sampled every 2 s, the slots
# missed after the first epoch (nodes connecting and compiling make the first epoch's misses a
# start-up cost, reported apart), the finalized epoch, the time from the command's start to the
# first sample with a finalized epoch, the largest resident set of any node and the mean CPU use
# per node (user + system time over the node's sampled lifetime, in cores; sampled every 2 s).
#
# Usage: benchmarks/devnet-scaling.sh [--epochs N] [--out DIR] [nodes:validators ...]
#        (default: 2:32 4:64 6:96 8:128)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=5
out=$(mktemp -d /tmp/edvt-devnet-scaling-XXXXXX)
configs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) epochs=$2; shift 2 ;;
    --out) out=$2; mkdir -p "$out"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *:*) configs+=("$1"); shift ;;
    *) echo "usage: $0 [--epochs N] [--out DIR] [nodes:validators ...]" >&2; exit 2 ;;
  esac
done
[ ${#configs[@]} -gt 0 ] || configs=(2:32 4:64 6:96 8:128)
command -v jq >/dev/null || { echo "$0: needs jq" >&2; exit 2; }

echo "machine: $(nproc) cores, $(uname -m); load at start $(cut -d' ' -f1-3 /proc/loadavg); runs in $out"
echo
echo "| nodes | validators | mean load | missed slots: epoch 0 / after | finalized epoch | start to first finalized | max node RSS | CPU per node (mean, cores) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for c in "${configs[@]}"; do
  nodes=${c%%:*}
  validators=${c##*:}
  name="nodes$nodes-validators$validators"
  dir=$out/$name
  start=$(date +%s.%N)
  ./edvt devnet --dir "$dir" --nodes "$nodes" --validators "$validators" --epochs "$epochs" >"$out/$name.log" 2>&1 &
  pid=$!
  : >"$out/$name.load"
  : >"$out/$name.rss"
  : >"$out/$name.cpu"
  while kill -0 "$pid" 2>/dev/null; do
    cut -d' ' -f1 /proc/loadavg >>"$out/$name.load"
    for p in $(pgrep -f -- "beacon-node .*--data-path=$dir/nodes/node-" || true); do
      { awk '/^VmRSS:/ {print $2}' "/proc/$p/status"; } 2>/dev/null >>"$out/$name.rss" || true
      # utime + stime (fields 14 and 15, clock ticks) of this process at this second
      { awk -v t="$(date +%s)" -v p="$p" '{print p, t, $14 + $15}' "/proc/$p/stat"; } 2>/dev/null >>"$out/$name.cpu" || true
    done
    sleep 2
  done
  wait "$pid" || echo "$name: devnet exit code $? (see $out/$name.log)" >&2
  load=$(awk '{s += $1; n++} END {printf "%.1f", n ? s / n : 0}' "$out/$name.load")
  rss=$(sort -n "$out/$name.rss" | tail -1 | awk '{printf "%.0f MiB", $1 / 1024}')
  hz=$(getconf CLK_TCK)
  cpu=$(awk -v hz="$hz" '!($1 in t0) {t0[$1] = $2; c0[$1] = $3} {t1[$1] = $2; c1[$1] = $3}
    END {for (p in t0) if (t1[p] > t0[p]) {s += (c1[p] - c0[p]) / hz / (t1[p] - t0[p]); n++}
      if (n) printf "%.2f", s / n; else printf "-"}' "$out/$name.cpu")
  jq -r --arg n "$nodes" --arg v "$validators" --arg load "$load" --arg start "$start" --arg rss "$rss" --arg cpu "$cpu" '
    (.parameters.slot_ms / 1000) as $s
    | ([.missed_slots[] | select(. < 8)] | length) as $early
    | ([.missed_slots[] | select(. >= 8)] | length) as $late
    | ([.timeline[] | select(.finalized >= 1) | .slot] | min) as $first
    | "| \($n) | \($v) | \($load) | \($early) / \($late) of \(.slots_sampled) | \(.finalized_epoch) | \(if $first == null then "not finalized" else "\(((.parameters.genesis_time + $first * $s) - ($start | tonumber)) | floor) s (slot \($first))" end) | \($rss) | \($cpu) |"' \
    "$dir/report/summary.json"
done

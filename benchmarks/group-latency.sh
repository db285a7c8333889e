#!/usr/bin/env bash
# Issue 16: the extra latency of a group proposal over a plain one, measured side by side on the
# same devnet: time from slot start to the published block (the earliest `block` event of any node,
# as `./edvt devnet` reports it), p50 and p99, for groups of n members with threshold m.
#
# Layout, the same for every n: 4 beacon nodes on loopback, the last one running member keys only
# (--member-nodes 1), so the plain validators (62 of them, on nodes 0 to 2) never go down. Member j
# of group g runs on node (g + j) mod 4: a node holds n/4 members of a group, and members on one
# node exchange proposals and sign-offs in-process, members on different nodes over gossip. Two
# groups of 2048 ETH (two thirds of the stake) make about two slots in three a group's.
#
# Per (n, m), two runs:
#   all-up       every member up;
#   leader-down  node-3 SIGKILLed for good at slot 8 (its members, at most n - m, are down): a group
#                slot whose rank-0 member was on it is produced by a later rank after the turns.
# The 1-minute load average is sampled every 2 s during each run (its mean is printed). Blocks and
# group slots of the first epoch (nodes connecting, code still being compiled) are left out: the
# report's block_latency_ms.after_first_epoch.
#
# Usage: benchmarks/group-latency.sh [--epochs N] [--out DIR] [n:m ...]   (default: 4:3 7:5 16:11)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=6
out=$(mktemp -d /tmp/edvt-group-latency-XXXXXX)
configs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) epochs=$2; shift 2 ;;
    --out) out=$2; mkdir -p "$out"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *:*) configs+=("$1"); shift ;;
    *) echo "usage: $0 [--epochs N] [--out DIR] [n:m ...]" >&2; exit 2 ;;
  esac
done
[ ${#configs[@]} -gt 0 ] || configs=(4:3 7:5 16:11)
command -v jq >/dev/null || { echo "$0: needs jq" >&2; exit 2; }

run() { # name, devnet flags...
  local name=$1; shift
  local dir=$out/$name
  local loads=$out/$name.load
  : >"$loads"
  ./edvt devnet --dir "$dir" --nodes 4 --member-nodes 1 --groups 2 --group-balance 2048 --epochs "$epochs" "$@" \
    >"$out/$name.log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    cut -d' ' -f1 /proc/loadavg >>"$loads"
    sleep 2
  done
  wait "$pid" || echo "$name: devnet exit code $? (see $out/$name.log)" >&2
  local load
  load=$(awk '{s += $1; n++} END {printf "%.1f", n ? s / n : 0}' "$loads")
  jq -r --arg name "$name" --arg load "$load" -f "$row" "$dir/report/summary.json"
}

# one table row from a run's summary.json: blocks of the first epoch (start-up) are left out, and
# group slots count from slot 8 to the run's end
row=$out/row.jq
cat >"$row" <<'JQ'
def pp($l; k): "\($l[k].p50) / \($l[k].p99) ms (\($l[k].blocks))";
def extra($l; k): "\($l[k].p50 - $l.plain.p50) / \($l[k].p99 - $l.plain.p99) ms";
.block_latency_ms.after_first_epoch as $l
| (.parameters.epochs * 8) as $stop
| [.group_proposals[] | select(.slot >= 8 and .slot < $stop)] as $slots
| ([$slots[] | select(.produced | not)] | length) as $missed
| "| \($name) | \($load) | \(pp($l; "plain")) | \(pp($l; "group_leader_up")) | \(extra($l; "group_leader_up")) | "
  + (if $l.group_leader_down.blocks > 0 then "\(pp($l; "group_leader_down")) | \(extra($l; "group_leader_down"))" else "- | -" end)
  + " | \($missed) of \($slots | length) | \(.finalized_epoch) |"
JQ

echo "machine: $(nproc) cores, $(uname -m); load at start $(cut -d' ' -f1-3 /proc/loadavg); runs in $out"
echo
echo "| n-m run | mean load | plain p50 / p99 (blocks) | group, rank-0 up, p50 / p99 (blocks) | extra p50 / p99 | group, rank-0 down, p50 / p99 (blocks) | extra p50 / p99 | group slots missed | finalized epoch |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for c in "${configs[@]}"; do
  n=${c%%:*}
  m=${c##*:}
  run "n$n-m$m-all-up" --group-size "$n" --threshold "$m"
  run "n$n-m$m-leader-down" --group-size "$n" --threshold "$m" --kill=3@8
done

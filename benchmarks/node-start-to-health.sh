#!/usr/bin/env bash
# Issue 14: time from `edvt beacon-node` process start to the first 200 of /eth/v1/node/health, on
# a minimal devnet genesis (`edvt genesis`), no validator keys, no peers; median of --runs. The
# anchor, timed in the same run: the same JVM on the same jar printing `--help` (JVM start, jar
# opening and the command line parsed), so start-to-health minus the anchor is what the node's
# own start costs. Usage: benchmarks/node-start-to-health.sh [--runs N] [--with-keys]
# Output: one line per run, then the medians and the ratio; the 1-minute load at start and end.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
with_keys=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --with-keys) with_keys=true; shift ;;
    *) echo "usage: $0 [--runs N] [--with-keys]" >&2; exit 2 ;;
  esac
done
java_home=$(./edvt java-home)
java=$java_home/bin/java
work=$(mktemp -d /tmp/edvt-start-XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

./edvt genesis --out "$work/genesis" >"$work/genesis.log" 2>&1 || { cat "$work/genesis.log" >&2; exit 1; }
jar=$PWD/node/target/edvt.jar
jvm=(--sun-misc-unsafe-memory-access=allow)   # as ./edvt beacon-node starts it: default collector and heap
cfg=$work/genesis/network-configs
keys=()
if $with_keys; then
  keys=("--validator-keys=$work/genesis/validator-keys/node-0-keystores/teku-keys:$work/genesis/validator-keys/node-0-keystores/teku-secrets")
fi

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.0f\n", (a[NR/2]+a[NR/2+1])/2}'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$work/help.ms"; : >"$work/health.ms"
for i in $(seq 1 "$runs"); do
  t0=$(now_ms)
  "$java" "${jvm[@]}" -jar "$jar" --help >/dev/null 2>&1
  echo $(( $(now_ms) - t0 )) >>"$work/help.ms"

  rest=$(free_port); p2p=$(free_port)
  t0=$(now_ms)
  "$java" "${jvm[@]}" -jar "$jar" beacon-node --network="$cfg/config.yaml" --genesis-state="$cfg/genesis.ssz" \
    --data-path="$work/data-$i" --p2p-enabled=true --p2p-interface=127.0.0.1 --p2p-port="$p2p" \
    --rest-api-enabled=true --rest-api-interface=127.0.0.1 --rest-api-port="$rest" --metrics-enabled=false \
    --log-destination=CONSOLE "${keys[@]}" >"$work/node-$i.log" 2>&1 &
  pid=$!
  code=000
  deadline=$(( t0 + 120000 ))
  while [ "$code" != 200 ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$rest/eth/v1/node/health" || true)
    [ "$code" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { echo "node exited; log: $work/node-$i.log" >&2; tail -5 "$work/node-$i.log" >&2; exit 1; }
    [ "$(now_ms)" -gt "$deadline" ] && { echo "no health 200 within 120 s" >&2; exit 1; }
    sleep 0.02
  done
  health=$(( $(now_ms) - t0 ))
  echo "$health" >>"$work/health.ms"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  echo "run $i: --help $(tail -1 "$work/help.ms") ms, start to health 200 $health ms"
done
h=$(median <"$work/health.ms"); a=$(median <"$work/help.ms")
echo "median: start to health 200 $h ms ($(sort -n "$work/health.ms" | head -1)-$(sort -n "$work/health.ms" | tail -1)); --help $a ms ($(sort -n "$work/help.ms" | head -1)-$(sort -n "$work/help.ms" | tail -1)); ratio $(awk -v h="$h" -v a="$a" 'BEGIN {printf "%.1fx", h/a}'); node's own start (difference) $((h - a)) ms"
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg); validator keys: $with_keys; $("$java" -version 2>&1 | head -1)"

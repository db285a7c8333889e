#!/usr/bin/env bash
# The command-line tools side by side with Lodestar: one-shot processes timed from outside with
# hyperfine (process start, library loading and file reading included), in one session:
#
#   root        edvt ssz root --type BeaconState of the 1M-validator mainnet Fulu state
#               | Lodestar: bench.mjs cli-root (deserializeToViewDU + hashTreeRoot, native hasher)
#   block       edvt transition of one full mainnet Fulu block on 65,536 validators, every
#               signature and the state root checked | Lodestar: bench.mjs cli-block (stateTransition)
#   edvt-block  edvt transition of the same block built on EDVT with groups (EdvtBlockBenchData;
#               Lodestar has no EDVT)
#
# Each EDVT workload runs three ways: 'java -jar' with no flags, 'java -jar' with the flags ./edvt
# passes (ParallelGC with a big young generation, AppCDS archive), and through ./edvt itself (its
# JDK lookup and staleness check included: what a user types).
#
#   benchmarks/cli-side-by-side.sh [--runs N] [--max-load L] [--max-wait MIN] [--only root|block|edvt-block] [--table]
#
#   --runs N        timed runs per command after one warm-up run (default 5)
#   --max-load L    wait before each workload until the 1-minute load is below L (default 1.5)
#   --max-wait MIN  wait at most MIN minutes in all for a quiet machine, then measure anyway (default 20)
#   --table         run nothing; print the table of the last run again
#
# Inputs (generated when missing, gitignored, in benchmarks/lodestar/out/): state-1000000.ssz
# (bench.mjs gen-state), block-65536/ (BlockBenchData), edvt-block-65536/ (EdvtBlockBenchData).
# Results: benchmarks/results/cli-*.json (hyperfine) and cli-table.md. See benchmarks/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
LODESTAR="$HERE/lodestar"
OUT="$LODESTAR/out"
RESULTS="$HERE/results"
N=65536

die() { echo "cli-side-by-side.sh: $*" >&2; exit 1; }
say() { echo "== $(date -u +%H:%M:%S) $*" >&2; }

runs=5; max_load=1.5; max_wait_min=20; only=all; table_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) [[ "${2:-}" =~ ^[0-9]+$ ]] || die "--runs needs a number"; runs="$2"; shift ;;
    --max-load) [ $# -ge 2 ] || die "--max-load needs a number"; max_load="$2"; shift ;;
    --max-wait) [[ "${2:-}" =~ ^[0-9]+$ ]] || die "--max-wait needs minutes"; max_wait_min="$2"; shift ;;
    --only) [ $# -ge 2 ] || die "--only needs root, block or edvt-block"; only="$2"; shift ;;
    --table) table_only=1 ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
  shift
done
case "$only" in all|root|block|edvt-block) ;; *) die "--only takes root, block or edvt-block, not '$only'" ;; esac
want() { [ "$only" = all ] || [ "$only" = "$1" ]; }
mkdir -p "$RESULTS"

print_table() {
  node - "$RESULTS" <<'JS'
const fs = require("fs"), path = require("path");
const dir = process.argv[2];
const read = (f) => { try { return JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")); } catch { return null; } };
const s = (x) => x.toFixed(2);
const rows = [["workload", "command", "mean s", "± s", "min s", "max s", "EDVT/Lodestar", "1-min load start-end"]];
for (const w of ["root", "block", "edvt-block"]) {
  const r = read(`cli-${w}.json`);
  if (!r) continue;
  const load = (read(`cli-${w}-load.json`) ?? {});
  const lode = r.results.find((x) => x.command.startsWith("lodestar"));
  for (const x of r.results) {
    const ratio = lode && !x.command.startsWith("lodestar") ? (x.mean / lode.mean).toFixed(2) + "x" : "";
    rows.push([w, x.command, s(x.mean), s(x.stddev ?? 0), s(x.min), s(x.max), ratio, `${load.start ?? "?"}-${load.end ?? "?"}`]);
  }
}
const out = rows.map((r) => "| " + r.join(" | ") + " |");
out.splice(1, 0, "|" + rows[0].map(() => "---").join("|") + "|");
console.log(out.join("\n"));
const info = read("cli-info.json");
if (info) console.log(`\n${info.when}, ${info.machine}; ${info.java}; node ${info.node}; git ${info.git}; ${info.runs} runs after 1 warm-up per command.`);
JS
}

if [ "$table_only" = 1 ]; then print_table; exit 0; fi

command -v node >/dev/null || die "node is not installed (Node.js >= 20, for the Lodestar side)"
command -v hyperfine >/dev/null || die "hyperfine is not installed (apt-get install -y hyperfine)"
JAVA_HOME_USED="$(cd "$ROOT" && ./edvt java-home)" || die "no JDK 21+ found by ./edvt java-home"
JAVA="$JAVA_HOME_USED/bin/java"
"$LODESTAR/install.sh" >&2 || die "lodestar/install.sh failed"
load1() { cut -d' ' -f1 /proc/loadavg; }

# ---- inputs
if want root && [ ! -s "$OUT/state-1000000.ssz" ]; then
  say "gen-state, 1M validators (about 30 s)"
  (cd "$LODESTAR" && node bench.mjs gen-state --validators 1000000 --out out/state-1000000.ssz >out/gen-1000000.json)
fi
if { want block && [ ! -s "$OUT/block-$N/block.ssz" ]; } || { want edvt-block && [ ! -s "$OUT/edvt-block-$N/edvt/block.ssz" ]; }; then
  say "building the benchmarks jar for the block generators"
  (cd "$ROOT" && ./edvt bench -l >"$RESULTS/cli-benchbuild.log" 2>&1) || die "benchmarks build failed (results/cli-benchbuild.log)"
  gen() { "$JAVA" -Xmx6g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -cp "$HERE/target/benchmarks.jar" "$@" >>"$RESULTS/cli-blockdata.log" 2>&1; }
  [ -s "$OUT/block-$N/block.ssz" ] || { say "BlockBenchData $N (about 30 s)"; gen io.edvt.benchmarks.BlockBenchData "$N" "$OUT/block-$N" || die "BlockBenchData failed"; }
  [ -s "$OUT/edvt-block-$N/edvt/block.ssz" ] || { say "EdvtBlockBenchData $N (about 45 s)"; gen io.edvt.benchmarks.EdvtBlockBenchData "$N" "$OUT/edvt-block-$N" || die "EdvtBlockBenchData failed"; }
fi

# ---- the tool, built and its AppCDS archive trained the way ./edvt does it
say "building node/target/edvt.jar through ./edvt"
(cd "$ROOT" && ./edvt ssz --help >/dev/null) || die "./edvt could not build or run the tool"
JAR="$ROOT/node/target/edvt.jar"
# the flags ./edvt passes (keep in step with its tool dispatch)
FLAGS="-XX:+UseParallelGC -XX:InitialRAMPercentage=25 -XX:NewRatio=1 -Xlog:disable -Xlog:all=warning:stderr -XX:SharedArchiveFile=$ROOT/node/target/edvt.jsa"
grep -qs '\[madvise\]\|\[always\]' /sys/kernel/mm/transparent_hugepage/enabled && FLAGS="$FLAGS -XX:+UseTransparentHugePages"

echo "{\"when\": \"$(date -u '+%Y-%m-%d %H:%M UTC')\", \"machine\": \"$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)\", \"java\": \"$("$JAVA" -version 2>&1 | head -1 | tr -d '"')\", \"node\": \"$(node --version)\", \"git\": \"$(git -C "$ROOT" rev-parse --short HEAD)\", \"runs\": $runs}" >"$RESULTS/cli-info.json"

waited=0
wait_quiet() {
  while awk -v l="$(load1)" -v m="$max_load" 'BEGIN { exit !(l >= m) }' && [ "$waited" -lt $((max_wait_min * 60)) ]; do
    [ $((waited % 60)) = 0 ] && say "load $(load1) >= $max_load; waiting (at most $max_wait_min min in all)"
    sleep 10; waited=$((waited + 10))
  done
}

# workload name, edvt arguments (after the jar), lodestar arguments (or empty)
measure() {
  local name="$1" edvt_args="$2" lodestar_args="$3"
  wait_quiet
  local start; start=$(load1)
  say "$name (load $start)"
  local cmds=(
    -n "java -jar edvt.jar (no flags)" "$JAVA -jar $JAR $edvt_args"
    -n "java -jar edvt.jar (./edvt's flags)" "$JAVA $FLAGS -jar $JAR $edvt_args"
    -n "./edvt" "$ROOT/edvt $edvt_args"
  )
  if [ -n "$lodestar_args" ]; then
    cmds+=(-n "lodestar bench.mjs $lodestar_args" "env EDVT_BENCH_CHILD=1 node --max-old-space-size=12288 $LODESTAR/bench.mjs $lodestar_args")
  fi
  (cd "$LODESTAR" && hyperfine -N --warmup 1 --runs "$runs" --export-json "$RESULTS/cli-$name.json" "${cmds[@]}") >"$RESULTS/cli-$name.log" 2>&1 \
    || die "hyperfine $name failed (results/cli-$name.log)"
  echo "{\"start\": \"$start\", \"end\": \"$(load1)\"}" >"$RESULTS/cli-$name-load.json"
}

# the same answers first: both sides print the same root
if want root; then
  e=$("$JAVA" -jar "$JAR" ssz root --type BeaconState --fork fulu --preset mainnet "$OUT/state-1000000.ssz")
  l=$(cd "$LODESTAR" && EDVT_BENCH_CHILD=1 node --max-old-space-size=12288 bench.mjs cli-root --in out/state-1000000.ssz)
  [ "$e" = "$l" ] || die "the roots differ: EDVT $e, Lodestar $l"
  measure root "ssz root --type BeaconState --fork fulu --preset mainnet $OUT/state-1000000.ssz" "cli-root --in out/state-1000000.ssz"
fi
if want block; then
  e=$("$JAVA" -jar "$JAR" transition --fork fulu --preset mainnet --pre "$OUT/block-$N/pre.ssz" --blocks "$OUT/block-$N/block.ssz" | sed -n 's/.*post-state root \(0x[0-9a-f]*\).*/\1/p')
  l=$(cd "$LODESTAR" && EDVT_BENCH_CHILD=1 node --max-old-space-size=12288 bench.mjs cli-block --dir "out/block-$N")
  [ -n "$e" ] && [ "$e" = "$l" ] || die "the post-state roots differ: EDVT '$e', Lodestar '$l'"
  measure block "transition --fork fulu --preset mainnet --pre $OUT/block-$N/pre.ssz --blocks $OUT/block-$N/block.ssz" "cli-block --dir out/block-$N"
fi
if want edvt-block; then
  measure edvt-block "transition --fork edvt --preset mainnet --pre $OUT/edvt-block-$N/edvt/pre.ssz --blocks $OUT/edvt-block-$N/edvt/block.ssz" ""
fi

print_table | tee "$RESULTS/cli-table.md"

#!/usr/bin/env bash
# Side-by-side state-transition benchmarks of EDVT (JMH / a measuring main) and Lodestar 1.46
# (benchmarks/lodestar/bench.mjs), issue 3: measured in one session, back to back, then a table.
#
#   benchmarks/stf-side-by-side.sh [--only epoch|block|memory] [--quick] [--table]
#
#   --only epoch    epoch transition at 100k and 1M validators: EDVT EpochTransitionBenchmark,
#                   Lodestar bench-epoch (processSlots across the epoch boundary)
#   --only block    a full real mainnet Fulu block (8 attestations = 128 committee aggregates,
#                   16384 attesters, of 65536 validators), all signatures batch-verified:
#                   EDVT BlockBenchmark, Lodestar bench-block (stateTransition)
#   --only memory   retained heap of the 1M-validator state: EDVT StateMemory, Lodestar
#                   bench-memory (heapUsed delta after GC)
#   (no --only: all three)
#   --quick         fewer iterations, 100k only for epoch (checks the set-up; do not quote)
#   --table         run nothing; print the table of the last run again
#
# Inputs (generated when missing, gitignored, in benchmarks/lodestar/out/):
#   state-valid-<N>.ssz + gen-valid-<N>.json   gen-state --valid-pubkeys true (real BLS keys,
#                                              which Lodestar's CachedBeaconState needs)
#   block-65536/{pre.ssz,block.ssz,config.json} EDVT's BlockBenchData (ChainBuilder, real signatures)
# Results: benchmarks/results/stf-* (gitignored). See benchmarks/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
LODESTAR="$HERE/lodestar"
OUT="$LODESTAR/out"
RESULTS="$HERE/results"
JAR="$HERE/target/benchmarks.jar"
BLOCK_N=65536

die() { echo "stf-side-by-side.sh: $*" >&2; exit 1; }
say() { echo "== $(date -u +%H:%M:%S) $*" >&2; }

only=all; quick=0; table_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --only) [ $# -ge 2 ] || die "--only needs epoch, block or memory"; only="$2"; shift ;;
    --only=*) only="${1#--only=}" ;;
    --quick) quick=1 ;;
    --table) table_only=1 ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1'" ;;
  esac
  shift
done
case "$only" in all|epoch|block|memory) ;; *) die "--only takes epoch, block or memory, not '$only'" ;; esac
want() { [ "$only" = all ] || [ "$only" = "$1" ]; }
mkdir -p "$RESULTS"

print_table() {
  node - "$RESULTS" <<'JS'
const fs = require("fs"), path = require("path");
const dir = process.argv[2];
const read = (f) => { try { return fs.readFileSync(path.join(dir, f), "utf8"); } catch { return null; } };
const jsonl = (f) => (read(f) ?? "").split("\n").filter((l) => l.trim().startsWith("{")).map((l) => JSON.parse(l));
const toMs = {"ns/op": 1e-6, "us/op": 1e-3, "µs/op": 1e-3, "ms/op": 1, "s/op": 1000};
const jmh = new Map();
for (const f of ["stf-jmh-epoch.json", "stf-jmh-block.json"]) {
  const t = read(f); if (!t) continue;
  for (const r of JSON.parse(t)) {
    const k = toMs[r.primaryMetric.scoreUnit];
    const it = r.primaryMetric.rawData.flat().map((x) => x * k);
    jmh.set(`${r.benchmark.split(".").pop()}|${r.params?.validators ?? 0}`,
      {ms: r.primaryMetric.score * k, min: Math.min(...it), max: Math.max(...it)});
  }
}
const lode = new Map();
for (const f of fs.readdirSync(dir).filter((f) => /^stf-lodestar-.*\.jsonl$/.test(f)))
  for (const o of jsonl(f)) lode.set(`${o.bench}|${o.validators}`, o);
const f = (x) => x === undefined || !Number.isFinite(x) ? "-" : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
const rows = [["benchmark", "N", "EDVT ms", "Lodestar ms", "EDVT/Lodestar", "target", "status", "EDVT range (iterations)", "Lodestar range (runs)"]];
const add = (label, j, l, n, target) => {
  const e = jmh.get(`${j}|${n}`), o = lode.get(`${l}|${n}`);
  if (!e && !o) return;
  const r = e && o ? e.ms / o.msPerOp : undefined;
  rows.push([label, String(n), e ? f(e.ms) : "-", o ? f(o.msPerOp) : "-", r === undefined ? "-" : r.toFixed(2) + "x",
    target ? `<= ${target}x` : "", target && r !== undefined ? (r <= target ? "met" : "NOT met") : "",
    e ? `${f(e.min)}-${f(e.max)}` : "-", o ? `${f(o.minMs)}-${f(o.maxMs)}` : "-"]);
};
for (const n of [100000, 1000000]) {
  add("epoch transition (EDVT processEpoch+commit / Lodestar processSlots over the boundary)", "processEpoch", "epoch.processSlots", n, 0.7);
  add("epoch transition + next-next shuffling (EDVT; Lodestar computes it in afterProcessEpoch)", "processEpochAndShuffling", "epoch.processSlots", n, 0.7);
  add("epoch transition + state root", "processEpochAndRoot", "epoch.processSlotsAndRoot", n, null);
}
add("full block, signatures batch-verified (state_transition)", "stateTransition", "block.stateTransition", 65536, 1.0);
add("full block, signatures: EDVT batch in state_transition / Lodestar node-style (no-signature transition + one batch of the block's sets)", "stateTransition", "block.stateTransitionPlusBatch", 65536, 1.0);
add("full block, signatures, EDVT without a warm PubkeyIndex (decompresses every key each op)", "stateTransitionColdPubkeys", "block.stateTransition", 65536, null);
add("full block, no signature checks", "stateTransitionNoSignatures", "block.stateTransitionNoSignatures", 65536, null);
const blk = lode.get("block.stateTransition|65536"), eb = jmh.get("stateTransition|65536");
const out = rows.map((r) => "| " + r.join(" | ") + " |");
out.splice(1, 0, "|" + rows[0].map(() => "---").join("|") + "|");
console.log(out.join("\n"));
if (blk) {
  console.log(`\nBlock: ${blk.attestations} attestations (${blk.committeeAggregates} committee aggregates, ${blk.attesters} attesters) of ${blk.validators} validators. ` +
    `Per attestation: EDVT ${eb ? f(eb.ms / blk.attestations) : "-"} ms, Lodestar ${f(blk.msPerOp / blk.attestations)} ms; ` +
    `per committee aggregate: EDVT ${eb ? f(eb.ms / blk.committeeAggregates) : "-"} ms, Lodestar ${f(blk.msPerOp / blk.committeeAggregates)} ms.`);
}
const me = jsonl("stf-edvt-memory.jsonl")[0], ml = jsonl("stf-lodestar-memory.jsonl");
if (me || ml.length) {
  const v = ml.find((o) => o.bench === "memory.stateView"), c = ml.find((o) => o.bench === "memory.cachedState");
  console.log(`\nMemory held by the 1M-validator state (MiB, after full GC):`);
  console.log(`| | EDVT | Lodestar | EDVT/Lodestar |\n|---|---|---|---|`);
  const tot = (o) => o.heapUsedMB + Math.max(0, o.externalMB);
  if (me && v) console.log(`| state (tree, hashed) | ${me.retainedMB} | ${v.heapUsedMB} heap, ${v.externalMB} external | ${(me.retainedMB / tot(v)).toFixed(2)}x |`);
  if (me && c) console.log(`| + pubkey caches (EDVT PubkeyIndex: key to index / Lodestar CachedBeaconState: epoch context, pubkey2index, index2pubkey) | ${me.retainedWithPubkeyIndexMB} | ${c.heapUsedMB} heap, ${c.externalMB} external | ${(me.retainedWithPubkeyIndexMB / tot(c)).toFixed(2)}x |`);
}
const loads = fs.readdirSync(dir).filter((f) => /^stf-phases-.*\.log$/.test(f)).map((f) => read(f).trim()).join("\n");
if (loads) console.log("\nLoad (1/5/15-min averages) at the start and end of each phase:\n" + loads.split("\n").map((l) => "    " + l).join("\n"));
JS
}

if [ "$table_only" = 1 ]; then print_table; exit 0; fi

command -v node >/dev/null || die "node is not installed"
JAVA="$(cd "$ROOT" && ./edvt java-home)/bin/java"
[ -x "$JAVA" ] || die "no JDK 21+ found by ./edvt java-home"
"$LODESTAR/install.sh" >&2 || die "lodestar/install.sh failed"
# one load log per group (stf-phases-<group>.log), so that --only runs keep the other groups' logs
PHASES="$RESULTS/stf-phases-$only.log"
phase() { echo "$(date -u +%H:%M:%S) $1: load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$PHASES"; say "$1 (load $(cut -d' ' -f1 /proc/loadavg))"; }
if [ "$only" = all ]; then rm -f "$RESULTS"/stf-phases-*.log; fi
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $("$JAVA" -version 2>&1 | head -1), node $(node --version), git $(git -C "$ROOT" rev-parse --short HEAD)" >"$PHASES"

say "building the JMH jar"
(cd "$ROOT" && ./edvt bench -l >"$RESULTS/stf-jmh-build.log" 2>&1) || die "build failed (benchmarks/results/stf-jmh-build.log)"

wait_jmh() { # JMH refuses to start while another holds /tmp/jmh.lock: wait (max 15 min) for other benchmarks
  local w=0
  while pgrep -f 'org\.openjdk\.jmh|bench\.mjs (bench|gen)-' >/dev/null && [ $w -lt 900 ]; do
    [ $w = 0 ] && say "another benchmark is running; waiting"; sleep 10; w=$((w + 10)); done
}
run_jmh() { # name, args
  local name="$1"; shift
  wait_jmh
  (cd "$ROOT" && "$JAVA" -jar "$JAR" "$@" -foe true -rf json -rff "$RESULTS/stf-jmh-$name.json") >"$RESULTS/stf-jmh-$name.log" 2>&1 \
    || die "JMH $name failed (benchmarks/results/stf-jmh-$name.log)"
}
lodestar() { # name, bench.mjs args
  local name="$1"; shift
  wait_jmh
  (cd "$LODESTAR" && node bench.mjs "$@") >"$RESULTS/stf-lodestar-$name.jsonl" 2>"$RESULTS/stf-lodestar-$name.log" \
    || die "Lodestar $* failed (benchmarks/results/stf-lodestar-$name.log)"
}

sizes=(100000 1000000); [ "$quick" = 1 ] && sizes=(100000)
if want epoch || want memory; then
  for n in "${sizes[@]}"; do
    [ -s "$OUT/state-valid-$n.ssz" ] && [ -s "$OUT/gen-valid-$n.json" ] && continue
    say "gen-state --valid-pubkeys true, $n validators"
    (cd "$LODESTAR" && node bench.mjs gen-state --validators "$n" --valid-pubkeys true --out "out/state-valid-$n.ssz" >"out/gen-valid-$n.json")
  done
fi

if want epoch; then
  rm -f "$RESULTS"/stf-lodestar-epoch-*.jsonl
  phase "EDVT EpochTransitionBenchmark"
  if [ "$quick" = 1 ]; then run_jmh epoch EpochTransitionBenchmark -p validators=100000 -wi 1 -i 2 -r 5s -w 5s
  else run_jmh epoch EpochTransitionBenchmark -wi 2 -i 4; fi   # 10 s iterations
  phase "Lodestar bench-epoch"
  for n in "${sizes[@]}"; do lodestar "epoch-$n" bench-epoch --in "out/state-valid-$n.ssz" --iterations $([ "$quick" = 1 ] && echo 3 || echo 8) --warmup 2; done
  phase "epoch done"
fi

if want block; then
  if [ ! -s "$OUT/block-$BLOCK_N/block.ssz" ]; then
    say "BlockBenchData: interop genesis of $BLOCK_N validators and a signed full block (about 30 s)"
    (cd "$ROOT" && "$JAVA" -Xmx6g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -cp "$JAR" io.edvt.benchmarks.BlockBenchData "$BLOCK_N" "$OUT/block-$BLOCK_N") >"$RESULTS/stf-blockdata.log" 2>&1 \
      || die "BlockBenchData failed (benchmarks/results/stf-blockdata.log)"
  fi
  phase "EDVT BlockBenchmark"
  if [ "$quick" = 1 ]; then run_jmh block BlockBenchmark -wi 1 -i 2 -r 3s -w 3s; else run_jmh block BlockBenchmark; fi
  phase "Lodestar bench-block"
  lodestar block bench-block --dir "out/block-$BLOCK_N" --iterations $([ "$quick" = 1 ] && echo 5 || echo 30) --warmup 10
  phase "block done"
fi

if want memory; then
  n=1000000; [ "$quick" = 1 ] && n=100000
  phase "EDVT StateMemory"
  (cd "$ROOT" && "$JAVA" -Xmx12g -XX:+UseParallelGC -cp "$JAR" io.edvt.benchmarks.StateMemory "$n" valid-) >"$RESULTS/stf-edvt-memory.jsonl" 2>"$RESULTS/stf-edvt-memory.log" \
    || die "StateMemory failed (benchmarks/results/stf-edvt-memory.log)"
  phase "Lodestar bench-memory"
  lodestar memory bench-memory --in "out/state-valid-$n.ssz" --cached true
  phase "memory done"
fi

print_table | tee "$RESULTS/stf-table.md"

#!/usr/bin/env bash
# Side-by-side benchmarks of EDVT (JMH) and Lodestar (benchmarks/lodestar/bench.mjs), measured in
# the same session, then one comparison table (EDVT ms/op, Lodestar ms/op, ratio, target).
#
#   benchmarks/side-by-side.sh [--quick] [--only state|bls] [--max-wait MIN] [--table]
#
#   --quick          fewer iterations, the 100k-validator state only (a few minutes; for checking
#                    the setup, not for quoting numbers)
#   --only state     only the BeaconState SSZ / merkleization benchmarks
#   --only bls       only the BLS benchmarks
#   --table          run nothing; print the table again from the latest result files of each group
#   --max-wait MIN   before each benchmark, wait while the shared machine is busy (another JMH or
#                    bench.mjs, or others using over half a core), at most MIN minutes in all
#                    (default 20; 0 = never wait)
#
# Steps: (a) benchmarks/lodestar/install.sh, (b) gen-state for 100k and 1M validators unless the
# files exist (and match their gen-<N>.json), (c) build the JMH jar and run StateSszBenchmark /
# BlsBenchmark with JSON results, (d) Lodestar bench-state (both sizes) and bench-bls,
# (e) the table. Everything lands in benchmarks/results/ (gitignored): jmh-state.json,
# jmh-state-1thread.json (the fresh root with EDVT's parallel hashing off), jmh-bls.json,
# lodestar-state-<N>.jsonl, lodestar-bls.jsonl, *.log, load.log, cpu.log, run-info.txt, table.md;
# a copy of each run is kept under benchmarks/results/runs/<date>/.
# The full run takes about 17 minutes on a 2-core VM, plus any wait for a quiet machine.
# See benchmarks/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
LODESTAR="$HERE/lodestar"
STATES="$LODESTAR/out"
RESULTS="$HERE/results"

die() { echo "side-by-side.sh: $*" >&2; exit 1; }
say() { echo "== $(date +%H:%M:%S) $*" >&2; }
usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; }

quick=0
only=all
table_only=0
max_wait_min=20
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --only)
      [ $# -ge 2 ] || die "--only needs an argument: state or bls"
      only="$2"; shift ;;
    --only=*) only="${1#--only=}" ;;
    --table) table_only=1 ;;
    --max-wait)
      [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || die "--max-wait needs a number of minutes"
      max_wait_min="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
  shift
done
case "$only" in all|state|bls) ;; *) die "--only takes state or bls, not '$only'" ;; esac

# ---------------------------------------------------------------------------------------------
# Prerequisites: node (>= 20) and a JDK 21+ (found by ./edvt, which also needs Maven).

command -v node >/dev/null 2>&1 || die "node is not installed (Node.js >= 20 is needed for the Lodestar side and the table)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js >= 20 is needed, found $(node --version)"

mkdir -p "$RESULTS"

# ---------------------------------------------------------------------------------------------
# The table (node): reads the JMH JSON and the Lodestar JSON lines named on the command line.

print_table() { # args: files (jmh-*.json, lodestar-*.jsonl) that exist
  node - "$@" <<'JS'
const fs = require("fs");
const files = process.argv.slice(2);
const toMs = {"ns/op": 1e-6, "us/op": 1e-3, "µs/op": 1e-3, "ms/op": 1, "s/op": 1000};
const edvt = new Map(); // key "bench|N" -> {ms, min, max, unit}
const lode = new Map(); // key "bench|N" -> line
for (const f of files) {
  if (f.endsWith(".json")) {
    // jmh-state-1thread.json: the same benchmarks with the fork-join common pool disabled
    const suffix = f.includes("1thread") ? "@1thread" : "";
    for (const r of JSON.parse(fs.readFileSync(f, "utf8"))) {
      const name = r.benchmark.split(".").pop() + suffix;
      const n = r.params && r.params.validators ? Number(r.params.validators) : 0;
      const pm = r.primaryMetric;
      const k = toMs[pm.scoreUnit];
      if (k === undefined) throw new Error(`unknown JMH unit ${pm.scoreUnit} in ${f}`);
      const iters = pm.rawData.flat().map((x) => x * k);
      edvt.set(`${name}|${n}`, {ms: pm.score * k, min: Math.min(...iters), max: Math.max(...iters), unit: pm.scoreUnit,
                               err: Number.isFinite(pm.scoreError) ? pm.scoreError * k : NaN});
    }
  } else {
    for (const line of fs.readFileSync(f, "utf8").split("\n")) {
      if (!line.trim().startsWith("{")) continue;
      const o = JSON.parse(line);
      const n = o.bench.startsWith("state.") ? o.validators : 0;
      lode.set(`${o.bench}|${n}`, o);
    }
  }
}
// rows: [label, EDVT JMH name, Lodestar name, validators or 0, target ratio or null, lodestar field]
const rows = [];
const sizes = [...new Set([...edvt.keys(), ...lode.keys()].map((k) => Number(k.split("|")[1])).filter((n) => n > 0))].sort((a, b) => a - b);
for (const n of sizes) {
  rows.push(["state.deserialize+hashTreeRoot", "deserializeAndHashTreeRoot", "state.deserialize+hashTreeRoot", n, null]);
  rows.push(["state.hashTreeRoot (fresh)", "hashTreeRootFresh", "state.hashTreeRoot", n, n === 1000000 ? 0.5 : null]);
  rows.push(["state.hashTreeRoot (fresh), EDVT 1 thread (**)", "hashTreeRootFresh@1thread", "state.hashTreeRoot", n, null]);
  rows.push(["state.incrementalRoot (1 balance)", "incrementalRootAfterOneBalance", "state.incrementalRoot", n, 1.0]);
  rows.push(["state.serialize", "serialize", "state.serialize", n, null]);
  rows.push(["state.deserialize", "deserialize", "state.deserialize", n, null]);
}
rows.push(["bls.verify", "verify", "bls.verify", 0, 1.1]);
rows.push(["bls.fastAggregateVerify512", "fastAggregateVerify512", "bls.fastAggregateVerify512", 0, 1.1]);
rows.push(["bls.batchVerify128", "batchVerify128", "bls.batchVerify128", 0, 1.1]);
rows.push(["bls.batchVerify128, 1 thread (*)", "batchVerify128SingleThread", "bls.batchVerify128", 0, null, "cpuMsPerOp"]);
rows.push(["bls.signatureDeserialize", "signatureDeserialize", "bls.signatureDeserialize", 0, null]);

const fmt = (x) => x === undefined || x === null || !Number.isFinite(x) ? "-"
  : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x >= 0.1 ? x.toFixed(3) : x.toFixed(4);
const out = [];
const head = ["benchmark", "N", "EDVT ms/op", "Lodestar ms/op", "EDVT/Lodestar", "target", "status", "EDVT range (iterations)", "Lodestar range (runs)"];
const targets = [];
for (const [label, jName, lName, n, target, field] of rows) {
  const e = edvt.get(`${jName}|${n}`);
  const l = lode.get(`${lName}|${n}`);
  if (!e && !l) continue;
  if (!e && jName.includes("@")) continue; // an EDVT-only variant that did not run
  const lms = l ? (field ? l[field] : l.msPerOp) : undefined;
  const ratio = e && l ? e.ms / lms : undefined;
  // two decimals, three when that would hide which side of the target the ratio is on
  const showRatio = (r) => r.toFixed(target !== null && Math.abs(r - target) < 0.005 ? 3 : 2) + "x";
  let status = "";
  if (target !== null) {
    status = ratio === undefined ? "no data" : ratio <= target ? "met" : "NOT met";
    targets.push([`${label}${n ? " N=" + n : ""}`, ratio === undefined ? "-" : showRatio(ratio), target, status]);
  }
  out.push([label, n ? String(n) : "", e ? fmt(e.ms) : "-", l ? fmt(lms) : "-", ratio === undefined ? "-" : showRatio(ratio),
            target === null ? "" : "<= " + target.toFixed(1) + "x", status,
            e ? `${fmt(e.min)}..${fmt(e.max)}` : "-",
            l && !field ? `${fmt(l.minMs)}..${fmt(l.maxMs)}` : "-"]);
}
const w = head.map((h, i) => Math.max(h.length, ...out.map((r) => r[i].length)));
const line = (r) => "| " + r.map((c, i) => (i >= 1 && i <= 4 ? c.padStart(w[i]) : c.padEnd(w[i]))).join(" | ") + " |";
console.log(line(head));
console.log("|" + w.map((x, i) => (i >= 1 && i <= 4 ? "-".repeat(x + 1) + ":" : "-".repeat(x + 2))).join("|") + "|");
for (const r of out) console.log(line(r));
console.log("");
console.log("Ratio = EDVT ms/op / Lodestar ms/op (lower is better for EDVT). EDVT: JMH average time (JMH us/op converted");
console.log("to ms), range = min..max of the measurement iterations. Lodestar: mean wall time (msPerOp), range =");
console.log("min..max of the timed runs (of single ops for incrementalRoot, which includes GC spikes).");
if (out.some((r) => r[0].includes("(*)")))
  console.log("(*) EDVT on one thread vs Lodestar's CPU time per op over all threads (cpuMsPerOp): same work, no target.");
if (out.some((r) => r[0].includes("(**)")))
  console.log("(**) EDVT with the fork-join common pool off (-Djava.util.concurrent.ForkJoinPool.common.parallelism=0), so the\n" +
              "     root is hashed on the calling thread only, as Lodestar hashes on its main thread; no target.");
if (targets.length) {
  console.log("");
  console.log("Targets: " + targets.map(([l, r, t, s]) => `${l}: ${r} (<= ${t.toFixed(1)}x) ${s}`).join("; "));
}
JS
}

# The result files of the selected benchmarks (for the table).
result_files() {
  local f
  if [ "$only" != bls ]; then
    for f in "$RESULTS/jmh-state.json" "$RESULTS/jmh-state-1thread.json" "$RESULTS"/lodestar-state-*.jsonl; do
      [ -s "$f" ] && echo "$f"
    done
  fi
  if [ "$only" != state ]; then
    for f in "$RESULTS/jmh-bls.json" "$RESULTS/lodestar-bls.jsonl"; do [ -s "$f" ] && echo "$f"; done
  fi
  return 0
}

if [ "$table_only" = 1 ]; then
  mapfile -t files < <(result_files)
  [ ${#files[@]} -gt 0 ] || die "no results in $RESULTS yet; run benchmarks/side-by-side.sh first"
  print_table "${files[@]}"
  exit 0
fi

JAVA_HOME="$("$ROOT/edvt" java-home)" || die "no usable JDK 21+ (see the message above from ./edvt)"
[ -x "$JAVA_HOME/bin/java" ] || die "no usable JDK 21+ found by ./edvt"
JAVA="$JAVA_HOME/bin/java"
JAR="$HERE/target/benchmarks.jar"

if [ "$quick" = 1 ]; then
  sizes=(100000)
else
  sizes=(100000 1000000)
fi

# ---------------------------------------------------------------------------------------------
# Contention monitor, so that a side measured while the shared machine was busy can be spotted and
# re-run. For each phase: the wall time, the CPU time the whole machine used (/proc/stat) and the
# CPU time of this script's own children (bash `times`, which counts every reaped descendant: JMH
# and its forks, node); the difference is CPU that other processes took while we measured. Plus
# the 1-minute load average every 10 s.

BUSY_OTHER=0.20   # others used more than 20% of a core on average: flag the phase BUSY
PHASE_FILE="$RESULTS/.phase"
LOAD_LOG="$RESULTS/load.log"
CPU_LOG="$RESULTS/cpu.log"
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)
machine_cpu_s() { awk -v hz="$HZ" '/^cpu / { printf "%.2f\n", ($2 + $3 + $4 + $7 + $8 + $9) / hz; exit }' /proc/stat; }
own_cpu_s() { # user + system seconds of this shell's reaped children, from `times` saved by phase()
  awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); t += a[1] * 60 + a[2] } printf "%.2f\n", t }' "$RESULTS/.times"
}
# Before each benchmark phase, wait while the shared machine is busy: while another JMH (which
# also holds /tmp/jmh.lock, so a second JMH refuses to start) or bench.mjs runs, or while other
# processes use more than half a core (measured over 10 s; none of ours is running then). The
# waits of one run add up to at most --max-wait minutes (default 20); after that it measures
# anyway, and the contention report at the end says so.
other_benchmarks() {
  pgrep -f 'org\.openjdk\.jmh|benchmarks\.jar|bench\.mjs (bench|gen)-' 2>/dev/null | grep -vx "$$" || true
}
machine_busy_cores() { # CPU the machine uses over the next 10 s, in cores
  local m0 m1
  m0=$(machine_cpu_s); sleep 10; m1=$(machine_cpu_s)
  awk -v a="$m0" -v b="$m1" 'BEGIN { printf "%.2f\n", (b - a) / 10 }'
}
waited_total=0
wait_for_quiet() {
  local pids busy why said=0
  [ "$max_wait_min" -gt 0 ] || return 0
  while :; do
    pids=$(other_benchmarks)
    if [ -z "$pids" ]; then
      busy=$(machine_busy_cores)
      awk -v b="$busy" 'BEGIN { exit !(b < 0.5) }' && return 0
      waited_total=$((waited_total + 10))
      why="other processes use $busy cores"
    else
      why="another benchmark is running (pids $(echo $pids))"
    fi
    if [ "$waited_total" -ge "$((max_wait_min * 60))" ]; then
      say "machine still busy ($why); waited $((waited_total / 60)) min in all (--max-wait $max_wait_min); measuring anyway"
      return 0
    fi
    [ "$said" = 1 ] || say "waiting for a quiet machine: $why"
    said=1
    if [ -n "$pids" ]; then sleep 15; waited_total=$((waited_total + 15)); fi
  done
}

cur_phase=""
cpu_mark() { # sets t, m, o: wall clock, machine CPU and our children's CPU, in seconds
  times >"$RESULTS/.times"   # here, not in a $(...) subshell, which has no children yet
  t=$(date +%s.%N); m=$(machine_cpu_s); o=$(own_cpu_s)
}
phase() { # ends the current phase (logging its CPU use), waits for others' benchmarks, starts $1
  local t m o
  if [ -n "$cur_phase" ]; then
    cpu_mark
    awk -v p="$cur_phase" -v t="$t" -v t0="$p_t0" -v m="$m" -v m0="$p_m0" -v o="$o" -v o0="$p_o0" \
      'BEGIN { printf "%s\t%.1f\t%.2f\t%.2f\n", p, t - t0, m - m0, o - o0 }' >>"$CPU_LOG"
  fi
  case "$1" in EDVT*|Lodestar*) wait_for_quiet ;; esac
  cpu_mark
  cur_phase="$1"; p_t0="$t"; p_m0="$m"; p_o0="$o"
  echo "$1" >"$PHASE_FILE"
  echo "$(date +%H:%M:%S) $(cut -d' ' -f1 /proc/loadavg) $1" >>"$LOAD_LOG"
  say "$1"
}
: >"$LOAD_LOG"
: >"$CPU_LOG"
phase setup
(
  while sleep 10; do
    echo "$(date +%H:%M:%S) $(cut -d' ' -f1 /proc/loadavg) $(cat "$PHASE_FILE" 2>/dev/null || echo '?')" >>"$LOAD_LOG"
  done
) &
SAMPLER=$!
trap 'kill "$SAMPLER" 2>/dev/null || true; rm -f "$PHASE_FILE" "$RESULTS/.times"' EXIT

start_s=$(date +%s)
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "mode: $([ "$quick" = 1 ] && echo quick || echo full), only: $only"
  echo "git: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (work tree has uncommitted changes)')"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)"
  echo "memory: $(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "jdk: $("$JAVA" -version 2>&1 | head -n 1) ($JAVA_HOME)"
  echo "node: $(node --version)"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$RESULTS/run-info.txt"
cat "$RESULTS/run-info.txt" >&2
if awk -v b=1.0 '{ exit !($1 > b) }' /proc/loadavg; then
  say "warning: the machine is already busy (load $(cut -d' ' -f1 /proc/loadavg)); results may be noisy"
fi

# ---------------------------------------------------------------------------------------------
# (a) Lodestar packages, (b) state files

phase "install Lodestar packages"
"$LODESTAR/install.sh" >&2 || die "benchmarks/lodestar/install.sh failed (see above)"

if [ "$only" != bls ]; then
  mkdir -p "$STATES"
  for n in "${sizes[@]}"; do
    ssz="$STATES/state-$n.ssz"
    meta="$STATES/gen-$n.json"
    if [ -s "$ssz" ] && [ -s "$meta" ]; then
      want=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).sha256' "$meta")
      have=$(sha256sum "$ssz" | cut -d' ' -f1)
      if [ "$want" = "$have" ]; then
        say "state-$n.ssz present (sha256 matches gen-$n.json)"
        continue
      fi
      say "state-$n.ssz does not match gen-$n.json; regenerating"
    fi
    phase "gen-state $n validators"
    (cd "$LODESTAR" && node bench.mjs gen-state --validators "$n" --out "out/state-$n.ssz" >"out/gen-$n.json.tmp") \
      || { rm -f "$STATES/gen-$n.json.tmp"; die "gen-state --validators $n failed (see above)"; }
    mv "$STATES/gen-$n.json.tmp" "$meta"
  done
fi

# ---------------------------------------------------------------------------------------------
# (c) EDVT: build the JMH jar once, then run it with JSON results. The JVM flags the benchmarks
# need (-Xmx12g -XX:+UseParallelGC for the states, --enable-native-access=ALL-UNNAMED for blst)
# are in their @Fork annotations; -jvmArgsAppend on the command line would replace them.

phase "build JMH jar"
(cd "$ROOT" && ./edvt bench -l >"$RESULTS/jmh-build.log" 2>&1) \
  || { tail -n 40 "$RESULTS/jmh-build.log" >&2; die "building the JMH jar failed (full log: benchmarks/results/jmh-build.log)"; }
[ -s "$JAR" ] || die "the build did not produce $JAR"

run_jmh() { # name, JMH args...
  local name="$1"; shift
  local log="$RESULTS/jmh-$name.log" json="$RESULTS/jmh-$name.json"
  local rc attempt
  for attempt in 1 2 3; do
    [ "$attempt" = 1 ] || wait_for_quiet
    rm -f "$json"
    # the forks read benchmarks/lodestar/out relative to the working directory
    set +e
    (cd "$ROOT" && "$JAVA" -jar "$JAR" "$@" -foe true -rf json -rff "$json") 2>&1 | tee "$log" \
      | { grep --line-buffered -E '^# (Benchmark|Parameters):|Iteration|^# Run progress|Exception|Error' || true; } >&2
    rc=${PIPESTATUS[0]}
    set -e
    if grep -q 'Unable to acquire the JMH lock' "$log"; then
      say "another JMH run holds /tmp/jmh.lock (attempt $attempt of 3); waiting 60 s"
      sleep 60
      continue
    fi
    break
  done
  [ "$rc" = 0 ] && [ -s "$json" ] || die "JMH $name failed (exit $rc; full log: benchmarks/results/jmh-$name.log)"
}

if [ "$only" != bls ]; then
  phase "EDVT JMH StateSszBenchmark"
  if [ "$quick" = 1 ]; then
    run_jmh state StateSszBenchmark -p validators=100000 -wi 1 -i 2 -w 3s -r 3s
  else
    run_jmh state StateSszBenchmark   # @Param 100000,1000000; 2 warm-up + 3 x 10 s iterations
  fi
  # The fresh root again with EDVT's parallel hashing off (EDVT hashes big fresh subtrees over the
  # fork-join common pool; Lodestar hashes on its main thread). -jvmArgsAppend replaces the @Fork
  # flags, so they are repeated here.
  phase "EDVT JMH StateSszBenchmark.hashTreeRootFresh, 1 thread"
  one_thread=(-jvmArgsAppend "-Xmx12g -XX:+UseParallelGC -Djava.util.concurrent.ForkJoinPool.common.parallelism=0")
  if [ "$quick" = 1 ]; then
    run_jmh state-1thread 'StateSszBenchmark.hashTreeRootFresh$' "${one_thread[@]}" -p validators=100000 -wi 1 -i 2 -w 3s -r 3s
  else
    run_jmh state-1thread 'StateSszBenchmark.hashTreeRootFresh$' "${one_thread[@]}"
  fi
fi
if [ "$only" != state ]; then
  phase "EDVT JMH BlsBenchmark"
  if [ "$quick" = 1 ]; then
    run_jmh bls BlsBenchmark -wi 1 -i 2 -w 1s -r 2s
  else
    run_jmh bls BlsBenchmark          # 3 x 2 s warm-up + 5 x 2 s iterations
  fi
fi

# ---------------------------------------------------------------------------------------------
# (d) Lodestar: JSON lines on stdout -> results/*.jsonl, progress on stderr -> results/*.log

run_lodestar() { # name, bench.mjs args...
  local name="$1"; shift
  local jsonl="$RESULTS/lodestar-$name.jsonl" log="$RESULTS/lodestar-$name.log"
  rm -f "$jsonl"
  if ! (cd "$LODESTAR" && node bench.mjs "$@" >"$jsonl.tmp" 2> >(tee "$log" >&2)); then
    rm -f "$jsonl.tmp"
    die "Lodestar $* failed (log: benchmarks/results/lodestar-$name.log)"
  fi
  mv "$jsonl.tmp" "$jsonl"
}

if [ "$only" != bls ]; then
  rm -f "$RESULTS"/lodestar-state-*.jsonl
  for n in "${sizes[@]}"; do
    phase "Lodestar bench-state $n validators"
    if [ "$quick" = 1 ]; then
      run_lodestar "state-$n" bench-state --in "out/state-$n.ssz" --iterations 2
    elif [ "$n" -ge 1000000 ]; then
      run_lodestar "state-$n" bench-state --in "out/state-$n.ssz" --iterations 3
    else
      run_lodestar "state-$n" bench-state --in "out/state-$n.ssz" --iterations 5
    fi
  done
fi
if [ "$only" != state ]; then
  phase "Lodestar bench-bls"
  if [ "$quick" = 1 ]; then
    run_lodestar bls bench-bls --iterations 50
  else
    run_lodestar bls bench-bls         # 200 ops (20 for the batch) after warm-up
  fi
fi

# ---------------------------------------------------------------------------------------------
# (e) the table

phase "done"
kill "$SAMPLER" 2>/dev/null || true
elapsed=$(( $(date +%s) - start_s ))
echo "elapsed: $((elapsed / 60)) min $((elapsed % 60)) s" >>"$RESULTS/run-info.txt"
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS/run-info.txt"

mapfile -t files < <(result_files)
{
  echo "Side-by-side run of $(sed -n 's/^date: //p' "$RESULTS/run-info.txt") ($(sed -n 's/^mode: //p' "$RESULTS/run-info.txt"))"
  echo ""
  print_table "${files[@]}"
  echo ""
  echo "Contention per phase: wall time, CPU that other processes on the machine used meanwhile (in cores;"
  echo "above $BUSY_OTHER means the side competed for the 2 cores: re-run it) and the 1-minute load average"
  echo "(mean / max of 10 s samples; the benchmarks themselves give about 1.5-2.5):"
  awk -F'\t' -v busy="$BUSY_OTHER" '
    FNR == NR { n = split($0, f, " "); p = f[3]; for (i = 4; i <= n; i++) p = p " " f[i]
                c[p]++; s[p] += f[2]; if (f[2] > m[p]) m[p] = f[2]; next }
    $1 !~ /^(setup|install|build|gen-state)/ {
      other = ($3 - $4) / ($2 > 0 ? $2 : 1); if (other < 0) other = 0
      printf "  %-55s %5.0f s   others %.2f cores   load %s%s\n", $1, $2, other,
        (c[$1] ? sprintf("%.2f / %.2f", s[$1] / c[$1], m[$1]) : "-"), (other > busy ? "   BUSY: re-run this side" : "") }
  ' "$LOAD_LOG" "$CPU_LOG"
  echo ""
  echo "Machine: $(sed -n 's/^nproc: //p' "$RESULTS/run-info.txt") cores, $(sed -n 's/^cpu: //p' "$RESULTS/run-info.txt"); $(sed -n 's/^jdk: \(.*\) (.*/\1/p' "$RESULTS/run-info.txt"); node $(node --version); git $(sed -n 's/^git: //p' "$RESULTS/run-info.txt")"
  echo "Total time: $((elapsed / 60)) min $((elapsed % 60)) s"
} | tee "$RESULTS/table.md"

# Keep a copy of this run's results.
run_dir="$RESULTS/runs/$(date +%Y%m%d-%H%M%S)"
if [ "$quick" = 1 ]; then run_dir="$run_dir-quick"; fi
if [ "$only" != all ]; then run_dir="$run_dir-$only"; fi
mkdir -p "$run_dir"
cp "$RESULTS"/run-info.txt "$RESULTS"/table.md "$LOAD_LOG" "$CPU_LOG" "$run_dir"/
for f in "${files[@]}"; do cp "$f" "$run_dir"/; done
echo "(results: benchmarks/results/, copy in ${run_dir#"$ROOT"/})" >&2

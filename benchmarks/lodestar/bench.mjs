#!/usr/bin/env node
// Lodestar side of EDVT's side-by-side benchmarks, plus the deterministic big-state generator
// whose output files both sides read. Run `node bench.mjs --help` for usage.
//
// Results go to stdout as one JSON object per line; progress and state roots go to stderr.

import {spawnSync} from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";

const HELP = `Usage: node bench.mjs <command> [options]

Lodestar (the performance anchor) side of EDVT's side-by-side benchmarks.
Results are printed on stdout, one JSON object per line, e.g.
  {"client":"lodestar","bench":"state.hashTreeRoot","validators":100000,"msPerOp":1234.5,"ops":5,...}
msPerOp is the mean wall time over the timed runs (after warm-up); minMs/medianMs/maxMs are
also given, and cpuMsPerOp, the process CPU time per op over all threads (blst's batch
verification uses a native thread pool, so it exceeds msPerOp there).
Progress messages and state roots go to stderr.

Commands:
  gen-state --validators N --out FILE [--preset mainnet|minimal] [--valid-pubkeys true]
      Build a deterministic Fulu BeaconState (ssz.fulu.BeaconState of @lodestar/types,
      mainnet preset by default) with N validators, made to look like mainnet: slot in an
      epoch after the Fulu fork, mainnet genesis_validators_root and fork versions, filled
      block/state roots and randao mixes, 0x02 withdrawal credentials, 32 ETH and some
      2048 ETH effective balances, participation flags, inactivity scores, sync committees,
      execution payload header, historical summaries, a few pending deposits / partial
      withdrawals / consolidations and the proposer lookahead. Every byte comes from a
      seeded SHA-256 counter-mode PRNG, so the same N (and preset) gives byte-identical
      output on every run; the first N validators of a bigger state equal those of a
      smaller one. Writes the SSZ bytes to FILE, prints the state's hash_tree_root
      (0x-hex) and the byte size on stderr and a JSON line on stdout.
      --valid-pubkeys true: validator public keys are distinct valid BLS keys
      (pk_i = i * pk_1, one point addition each; sync-committee aggregates are real
      aggregates) instead of random bytes, everything else unchanged. Needed by Lodestar's
      CachedBeaconState (bench-epoch). Written as state-valid-<N>.ssz by side-by-side.sh.

  bench-state --in FILE [--iterations K] [--warmup W] [--incremental-ops M] [--preset P]
      Times, on the tree-backed ViewDU API that Lodestar's state transition uses
      (ssz.fulu.BeaconState.deserializeToViewDU / .hashTreeRoot() / .commit() / .serialize()):
        state.deserialize+hashTreeRoot   deserializeToViewDU(bytes) then hashTreeRoot(), a
                                         fresh view each run so nothing is cached
        state.hashTreeRoot               hashTreeRoot() of a freshly deserialised view
                                         (deserialisation outside the timing)
        state.incrementalRoot            set one balance (a different index each op) on a
                                         hashed view, then hashTreeRoot() (commits first)
        state.serialize                  view.serialize()
        state.deserialize                deserializeToViewDU(bytes) alone
      K timed runs (default 5) after W warm-up runs (default 1) for each, except
      incrementalRoot which uses M ops (default 1000) after 100 warm-up ops.
      A forced GC (the script runs itself with --expose-gc) precedes each timed run of the
      heavy benches and is not timed.

  bench-bls [--iterations K] [--warmup W]
      @chainsafe/blst (the library Lodestar uses), keys made deterministically:
        bls.verify                       one signature, one public key
        bls.fastAggregateVerify512       512 public keys, one message, aggregate signature
        bls.batchVerify128               128 distinct (pk, msg, sig) sets with
                                         verifyMultipleAggregateSignatures
        bls.signatureDeserialize         Signature.fromBytes(bytes, validate=true) alone
      Public keys are deserialised and validated outside the timed loop (a client caches
      them); signatures are deserialised with a subgroup check inside it, as Lodestar does
      for signatures it receives. Defaults: K = 200 (single/aggregate), K/10 for the batch.

  bench-epoch --in FILE [--iterations K] [--warmup W]
      @lodestar/state-transition 1.46.0 on a CachedBeaconState of FILE (a state written with
      gen-state --valid-pubkeys true: the pubkey caches need real keys). Untimed: advance to
      the last slot of the epoch and hash. Timed (a fresh clone of that state each op):
        epoch.processSlots         processSlots(state, first slot of next epoch): clone, one
                                   process_slot, the whole epoch transition (before/process/
                                   afterProcessEpoch, finalProcessEpoch) and commit
        epoch.processSlotsAndRoot  the same, then hashTreeRoot() of the post-state
      Defaults: K = 5 after W = 2.

  bench-block --dir DIR [--iterations K] [--warmup W]
      stateTransition(pre, signedBlock) with verifySignatures, verifyProposer and
      verifyStateRoot on, for DIR/pre.ssz, DIR/block.ssz and DIR/config.json ({"preset",
      "config": chain-config overrides}) written by EDVT's BlockBenchData. Also reports the same
      without signature checks. Defaults: K = 20 after W = 5.

  cli-root --in FILE [--preset P]
      One shot, as a command-line tool runs (the counterpart of 'edvt ssz root --type
      BeaconState FILE'): load the libraries, read FILE, deserializeToViewDU, hashTreeRoot,
      print the root on stdout. Timed from outside, process start included
      (benchmarks/cli-side-by-side.sh).

  cli-block --dir DIR
      One shot (the counterpart of 'edvt transition --pre DIR/pre.ssz --blocks DIR/block.ssz'):
      load the libraries, read the pre-state and the block of DIR (as for bench-block), build
      the CachedBeaconState, stateTransition with signatures, proposer and state root verified,
      print the post-state root on stdout.

  bench-memory --in FILE [--cached true]
      process.memoryUsage().heapUsed delta after forced GCs: the tree-backed view
      (deserializeToViewDU + hashTreeRoot) kept referenced; with --cached true also the
      CachedBeaconState built on it (needs a --valid-pubkeys state).

Common options:
  --hasher hashtree|as-sha256|noble
                             SHA-256 backend of @chainsafe/persistent-merkle-tree
                             (default hashtree: the native batch hasher the Lodestar beacon
                             node installs at start-up; the library default is noble, pure JS)
  --preset mainnet|minimal   SSZ preset (default mainnet; sets LODESTAR_PRESET before
                             @lodestar/* is loaded). bench-state must use the preset the
                             file was generated with.
  --help                     this text

Install first: ./install.sh (npm install of the pinned @lodestar/* 1.46.0, @chainsafe/* deps).
Examples:
  node bench.mjs gen-state --validators 100000 --out out/state-100000.ssz
  node bench.mjs bench-state --in out/state-100000.ssz --iterations 5
  node bench.mjs bench-state --in out/state-1000000.ssz --iterations 2 --incremental-ops 300
  node bench.mjs bench-bls
`;

// ---------------------------------------------------------------------------------------
// Argument parsing

function parseArgs(argv) {
  const out = {_: []};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      out.help = true;
    } else if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) {
        out[a.slice(2, eq)] = a.slice(eq + 1);
      } else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith("--")) throw new UsageError(`option ${a} needs a value`);
        out[a.slice(2)] = next;
        i++;
      }
    } else {
      out._.push(a);
    }
  }
  return out;
}

class UsageError extends Error {}

function intOpt(args, name, dflt, min = 0) {
  const v = args[name];
  if (v === undefined) {
    if (dflt === undefined) throw new UsageError(`missing --${name}`);
    return dflt;
  }
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a non-negative integer, got ${v}`);
  const n = Number(v);
  if (n < min) throw new UsageError(`--${name} must be >= ${min}`);
  return n;
}

function log(msg) {
  process.stderr.write(msg + "\n");
}

function emit(obj) {
  process.stdout.write(JSON.stringify({client: "lodestar", ...obj}) + "\n");
}

// ---------------------------------------------------------------------------------------
// Deterministic PRNG: SHA-256 in counter mode.
//   key_label = SHA256("edvt-bench-state/v1/" + label)
//   block_i   = SHA256(key_label || uint64_le(i)),   i = 0, 1, 2, ...
// The stream of a label is the concatenation of its blocks. Integers are read little-endian.

class Prng {
  constructor(label) {
    this.input = Buffer.alloc(40);
    crypto.createHash("sha256").update("edvt-bench-state/v1/" + label).digest().copy(this.input, 0);
    this.counter = 0;
    this.buf = Buffer.alloc(32 * 256);
    this.pos = this.buf.length;
  }

  refill() {
    for (let off = 0; off < this.buf.length; off += 32) {
      this.input.writeUInt32LE(this.counter % 0x100000000, 32);
      this.input.writeUInt32LE(Math.floor(this.counter / 0x100000000), 36);
      this.counter++;
      crypto.hash("sha256", this.input, "buffer").copy(this.buf, off);
    }
    this.pos = 0;
  }

  /** Fill `target` with the next target.length stream bytes. */
  fill(target) {
    let off = 0;
    while (off < target.length) {
      if (this.pos === this.buf.length) this.refill();
      const n = Math.min(this.buf.length - this.pos, target.length - off);
      this.buf.copy(target, off, this.pos, this.pos + n);
      this.pos += n;
      off += n;
    }
    return target;
  }

  bytes(n) {
    return this.fill(new Uint8Array(n));
  }

  u32() {
    if (this.buf.length - this.pos < 4) this.refill();
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  /**
   * Integer in [0, n), 0 < n <= 2^53, by plain modulo (the tiny bias does not matter here):
   * u32 % n when n <= 2^32, else (u32_hi * 2^21 + (u32_lo >>> 11)) % n, hi read first.
   */
  below(n) {
    if (n <= 0x100000000) return this.u32() % n;
    const hi = this.u32();
    const lo = this.u32();
    return (hi * 0x200000 + (lo >>> 11)) % n;
  }
}

// ---------------------------------------------------------------------------------------
// Lodestar modules are loaded only after LODESTAR_PRESET is set.

let L;

async function loadLodestar(preset, hasherOpt) {
  if (preset !== "mainnet" && preset !== "minimal") throw new UsageError(`unsupported --preset ${preset}`);
  process.env.LODESTAR_PRESET = preset;
  try {
    // Lodestar's beacon node swaps the default pure-JS hasher for the native batch hasher
    // (hashtree) at start-up, before any SSZ code runs; do the same unless told otherwise.
    const pmt = await import("@chainsafe/persistent-merkle-tree");
    const hasherName = hasherOpt ?? "hashtree";
    if (!["hashtree", "as-sha256", "noble"].includes(hasherName)) throw new UsageError(`unknown --hasher ${hasherName}`);
    const {hasher} = await import(`@chainsafe/persistent-merkle-tree/hasher/${hasherName}`);
    pmt.setHasher(hasher);
    const [types, params, config, sszLib] = await Promise.all([
      import("@lodestar/types"),
      import("@lodestar/params"),
      import("@lodestar/config/configs"),
      import("@chainsafe/ssz"),
    ]);
    if (params.ACTIVE_PRESET !== preset) {
      throw new Error(`@lodestar/params loaded preset ${params.ACTIVE_PRESET}, wanted ${preset}`);
    }
    L = {ssz: types.ssz, params, config, sszLib, preset, hasher: hasherName};
    return L;
  } catch (e) {
    if (e && e.code === "ERR_MODULE_NOT_FOUND") {
      throw new Error(`Lodestar packages are not installed (${e.message}). Run ./install.sh first.`);
    }
    throw e;
  }
}

function toHex(bytes) {
  return "0x" + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

function fromHex(hex) {
  return new Uint8Array(Buffer.from(hex.replace(/^0x/, ""), "hex"));
}

// ---------------------------------------------------------------------------------------
// gen-state

const MAINNET_GENESIS_TIME = 1606824023;
const MAINNET_GENESIS_VALIDATORS_ROOT = "0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95";
const MAINNET_CAPELLA_EPOCH = 194048;
const MAINNET_FROZEN_HISTORICAL_ROOTS = 758; // historical_roots length frozen at Capella
const STATE_EPOCH = 420000; // after the mainnet Fulu fork epoch (411392)
const SLOT_IN_EPOCH = 5;
const GENESIS_VALIDATOR_COUNT = 21063;
const GWEI_PER_ETH = 1_000_000_000;

/**
 * n distinct valid compressed G1 public keys: pk_1 = sk.toPublicKey() for a fixed key, then
 * pk_i = pk_{i-1} + pk_1 (= i * pk_1), one point addition per key with aggregatePublicKeys.
 * Nobody knows most secret keys (i * sk is not computed), but every key is a valid, distinct
 * subgroup point, which is what Lodestar's pubkey caches need.
 */
async function validPubkeys(n) {
  const blst = await import("@chainsafe/blst");
  const sk = blst.SecretKey.fromKeygen(crypto.createHash("sha256").update("edvt-bench-state/v1/valid_pubkeys").digest());
  const pk1 = sk.toPublicKey();
  const out = new Uint8Array(48 * n);
  let pk = pk1;
  for (let i = 0; i < n; i++) {
    if (i > 0) pk = blst.aggregatePublicKeys([pk, pk1], false);
    out.set(pk.toBytes(true), 48 * i);
    if (i > 0 && i % 100000 === 0) log(`  ${i} valid pubkeys`);
  }
  return {blst, bytes: out};
}

function buildState(n, valid) {
  const {ssz, params, config, sszLib, preset} = L;
  const T = ssz.fulu.BeaconState;
  const chain = preset === "mainnet" ? config.mainnetChainConfig : config.minimalChainConfig;
  const SPE = params.SLOTS_PER_EPOCH;
  const SPHR = params.SLOTS_PER_HISTORICAL_ROOT;
  const FAR_FUTURE = params.FAR_FUTURE_EPOCH;
  const epoch = STATE_EPOCH;
  const slot = epoch * SPE + SLOT_IN_EPOCH;
  const fuluEpoch = Number.isFinite(chain.FULU_FORK_EPOCH) ? chain.FULU_FORK_EPOCH : epoch - 1000;
  if (fuluEpoch > epoch) throw new Error("state epoch precedes the Fulu fork epoch");

  const R = (label) => new Prng(label);
  const roots = (label, count) => {
    const g = R(label);
    const out = new Array(count);
    for (let i = 0; i < count; i++) out[i] = g.bytes(32);
    return out;
  };
  const s = T.defaultValue();

  s.genesisTime = MAINNET_GENESIS_TIME;
  s.genesisValidatorsRoot =
    preset === "mainnet" ? fromHex(MAINNET_GENESIS_VALIDATORS_ROOT) : R("genesis_validators_root").bytes(32);
  s.slot = slot;
  s.fork = {
    previousVersion: Uint8Array.from(chain.ELECTRA_FORK_VERSION),
    currentVersion: Uint8Array.from(chain.FULU_FORK_VERSION),
    epoch: fuluEpoch,
  };

  s.blockRoots = roots("block_roots", SPHR);
  s.stateRoots = roots("state_roots", SPHR);
  s.historicalRoots = roots("historical_roots", MAINNET_FROZEN_HISTORICAL_ROOTS);

  const hdr = R("latest_block_header");
  s.latestBlockHeader = {
    slot,
    proposerIndex: hdr.below(n),
    parentRoot: s.blockRoots[(slot - 1) % SPHR],
    stateRoot: new Uint8Array(32), // zero until the next process_slot, as in a real post-block state
    bodyRoot: hdr.bytes(32),
  };

  const depositCount = n + 1000;
  const e1 = R("eth1_data");
  s.eth1Data = {depositRoot: e1.bytes(32), depositCount: BigInt(depositCount), blockHash: e1.bytes(32)};
  s.eth1DataVotes = [];
  for (let i = 0; i < 8; i++) {
    s.eth1DataVotes.push({depositRoot: e1.bytes(32), depositCount: BigInt(depositCount), blockHash: e1.bytes(32)});
  }
  s.eth1DepositIndex = depositCount;

  // Validators: pubkeys and credentials are slices of two big PRNG buffers.
  log(`generating ${n} validators...`);
  const pubkeys = valid ? valid.bytes : R("validator_pubkeys").fill(new Uint8Array(48 * n));
  const addrs = R("validator_withdrawal_addresses").fill(new Uint8Array(20 * n));
  const wcs = new Uint8Array(32 * n);
  for (let i = 0; i < n; i++) {
    wcs[32 * i] = 0x02; // compounding credentials: 0x02 || 11 zero bytes || execution address
    wcs.set(addrs.subarray(20 * i, 20 * i + 20), 32 * i + 12);
  }
  const gEff = R("validator_effective_balance");
  const gAct = R("validator_activation");
  const gBal = R("balances");
  const gPrev = R("previous_epoch_participation");
  const gCur = R("current_epoch_participation");
  const gInact = R("inactivity_scores");
  const genesisCount = Math.min(n, GENESIS_VALIDATOR_COUNT);
  const lastActivation = epoch - 10;
  const validators = new Array(n);
  const balances = new Array(n);
  const prevPart = new Array(n);
  const curPart = new Array(n);
  const inactivity = new Array(n);
  const flags = (g) => (g.below(100) < 90 ? 7 : g.below(8));
  for (let i = 0; i < n; i++) {
    const eff = gEff.below(50) === 0 ? 2048 * GWEI_PER_ETH : 32 * GWEI_PER_ETH;
    let activation = 0;
    let eligibility = 0;
    if (i >= genesisCount) {
      // Deposit order: activation epochs grow with the index, from 1 up to shortly before `epoch`.
      activation = 1 + Math.floor(((i - genesisCount) * (lastActivation - 1)) / Math.max(1, n - genesisCount));
      eligibility = Math.max(0, activation - 1 - gAct.below(4));
    }
    validators[i] = {
      pubkey: pubkeys.subarray(48 * i, 48 * i + 48),
      withdrawalCredentials: wcs.subarray(32 * i, 32 * i + 32),
      effectiveBalance: eff,
      slashed: false,
      activationEligibilityEpoch: eligibility,
      activationEpoch: activation,
      exitEpoch: FAR_FUTURE,
      withdrawableEpoch: FAR_FUTURE,
    };
    // Within the hysteresis band, so that no effective balance would change.
    balances[i] = eff - 200_000_000 + gBal.below(1_200_000_000);
    prevPart[i] = flags(gPrev);
    curPart[i] = flags(gCur);
    inactivity[i] = gInact.below(100) === 0 ? 1 + gInact.below(64) : 0;
  }
  s.validators = validators;
  s.balances = balances;
  s.previousEpochParticipation = prevPart;
  s.currentEpochParticipation = curPart;
  s.inactivityScores = inactivity;

  s.randaoMixes = roots("randao_mixes", params.EPOCHS_PER_HISTORICAL_VECTOR);

  const gSl = R("slashings");
  const slashings = new Array(params.EPOCHS_PER_SLASHINGS_VECTOR).fill(0);
  for (let i = 0; i < 4; i++) slashings[gSl.below(slashings.length)] = 32 * GWEI_PER_ETH;
  s.slashings = slashings;

  s.justificationBits = sszLib.BitArray.fromBoolArray([true, true, true, true]);
  const checkpoint = (e) => ({epoch: e, root: s.blockRoots[(e * SPE) % SPHR]});
  s.previousJustifiedCheckpoint = checkpoint(epoch - 2);
  s.currentJustifiedCheckpoint = checkpoint(epoch - 1);
  s.finalizedCheckpoint = checkpoint(epoch - 2);

  const syncCommittee = (label) => {
    const g = R(label);
    const pks = [];
    for (let i = 0; i < params.SYNC_COMMITTEE_SIZE; i++) {
      const v = g.below(n);
      pks.push(pubkeys.subarray(48 * v, 48 * v + 48));
    }
    const agg = g.bytes(48);
    if (valid) {
      return {pubkeys: pks, aggregatePubkey: valid.blst.aggregateSerializedPublicKeys(pks, false).toBytes(true)};
    }
    return {pubkeys: pks, aggregatePubkey: agg};
  };
  s.currentSyncCommittee = syncCommittee("current_sync_committee");
  s.nextSyncCommittee = syncCommittee("next_sync_committee");

  const ep = R("latest_execution_payload_header");
  const gasLimit = 45_000_000;
  s.latestExecutionPayloadHeader = {
    parentHash: ep.bytes(32),
    feeRecipient: ep.bytes(20),
    stateRoot: ep.bytes(32),
    receiptsRoot: ep.bytes(32),
    logsBloom: ep.bytes(256),
    prevRandao: ep.bytes(32),
    blockNumber: 23_000_000 + (slot % 1_000_000),
    gasLimit,
    gasUsed: ep.below(gasLimit),
    timestamp: MAINNET_GENESIS_TIME + slot * 12,
    extraData: new TextEncoder().encode("edvt-bench-state"),
    baseFeePerGas: BigInt(GWEI_PER_ETH / 10 + ep.below(5 * GWEI_PER_ETH)),
    blockHash: ep.bytes(32),
    transactionsRoot: ep.bytes(32),
    withdrawalsRoot: ep.bytes(32),
    blobGasUsed: BigInt(131072 * ep.below(10)),
    excessBlobGas: BigInt(ep.below(100_000_000)),
  };

  const gw = R("withdrawals");
  s.nextWithdrawalIndex = 100_000_000 + gw.below(10_000_000);
  s.nextWithdrawalValidatorIndex = gw.below(n);

  const summaryCount = Math.floor(((epoch - MAINNET_CAPELLA_EPOCH) * 32) / 8192); // 882 at epoch 420000
  const gHs = R("historical_summaries");
  s.historicalSummaries = [];
  for (let i = 0; i < summaryCount; i++) {
    s.historicalSummaries.push({blockSummaryRoot: gHs.bytes(32), stateSummaryRoot: gHs.bytes(32)});
  }

  const ge = R("electra_fields");
  s.depositRequestsStartIndex = BigInt(depositCount);
  s.depositBalanceToConsume = BigInt(ge.below(256 * GWEI_PER_ETH / 8));
  s.exitBalanceToConsume = BigInt(ge.below(256 * GWEI_PER_ETH / 8));
  s.earliestExitEpoch = epoch + 5 + ge.below(10);
  s.consolidationBalanceToConsume = BigInt(ge.below(256 * GWEI_PER_ETH / 8));
  s.earliestConsolidationEpoch = epoch + 5 + ge.below(100);

  const gpd = R("pending_deposits");
  s.pendingDeposits = [];
  for (let i = 0; i < 16; i++) {
    const wc = new Uint8Array(32);
    wc[0] = 0x02;
    wc.set(gpd.bytes(20), 12);
    s.pendingDeposits.push({
      pubkey: gpd.bytes(48),
      withdrawalCredentials: wc,
      amount: gpd.below(2) === 0 ? 32 * GWEI_PER_ETH : GWEI_PER_ETH + gpd.below(31 * GWEI_PER_ETH),
      signature: gpd.bytes(96),
      slot: slot - 1 - gpd.below(1000),
    });
  }
  const gpw = R("pending_partial_withdrawals");
  s.pendingPartialWithdrawals = [];
  for (let i = 0; i < 6; i++) {
    s.pendingPartialWithdrawals.push({
      validatorIndex: gpw.below(n),
      amount: BigInt(GWEI_PER_ETH + gpw.below(4 * GWEI_PER_ETH)),
      withdrawableEpoch: epoch + gpw.below(256),
    });
  }
  const gpc = R("pending_consolidations");
  s.pendingConsolidations = [];
  for (let i = 0; i < 3; i++) {
    s.pendingConsolidations.push({sourceIndex: gpc.below(n), targetIndex: gpc.below(n)});
  }

  const gpl = R("proposer_lookahead");
  const lookahead = [];
  for (let i = 0; i < (params.MIN_SEED_LOOKAHEAD + 1) * SPE; i++) lookahead.push(gpl.below(n));
  s.proposerLookahead = lookahead;

  return s;
}

async function cmdGenState(args) {
  const n = intOpt(args, "validators", undefined, 1);
  const out = args.out;
  if (!out) throw new UsageError("missing --out FILE");
  await loadLodestar(args.preset ?? "mainnet", args.hasher);
  const T = L.ssz.fulu.BeaconState;
  const t0 = performance.now();
  let valid;
  if (args["valid-pubkeys"] !== undefined) {
    if (args["valid-pubkeys"] !== "true") throw new UsageError("--valid-pubkeys takes the value true");
    log(`generating ${n} valid public keys (pk_i = i * pk_1)...`);
    valid = await validPubkeys(n);
    log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const value = buildState(n, valid);
  const t1 = performance.now();
  log(`built value in ${((t1 - t0) / 1000).toFixed(1)} s; serialising...`);
  const bytes = T.serialize(value);
  const t2 = performance.now();
  fs.mkdirSync(path.dirname(path.resolve(out)), {recursive: true});
  fs.writeFileSync(out, bytes);
  log(`wrote ${bytes.length} bytes to ${out} in ${((t2 - t1) / 1000).toFixed(1)} s; computing root...`);
  const root = T.deserializeToViewDU(bytes).hashTreeRoot();
  if (args.check === "value") {
    // Optional cross-check (slow for big N): root of the plain value must match the tree's.
    const root2 = T.hashTreeRoot(value);
    if (toHex(root2) !== toHex(root)) throw new Error(`root mismatch: view ${toHex(root)} value ${toHex(root2)}`);
    log("value root matches the tree root");
  }
  log(`hash_tree_root ${toHex(root)}`);
  log(`ssz_bytes ${bytes.length}`);
  emit({
    bench: "gen-state",
    validators: n,
    preset: L.preset,
    file: out,
    sszBytes: bytes.length,
    root: toHex(root),
    sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
    slot: value.slot,
    validPubkeys: Boolean(valid),
    genMs: round(performance.now() - t0),
  });
}

// ---------------------------------------------------------------------------------------
// Timing helpers

function round(x) {
  return Math.round(x * 1000) / 1000;
}

function gc() {
  if (typeof globalThis.gc === "function") globalThis.gc();
}

function stats(samples, cpuMsTotal) {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    msPerOp: round(sum / samples.length),
    ops: samples.length,
    // process CPU time (all threads: native worker threads, GC) per op; > msPerOp means
    // the op used more than one core
    cpuMsPerOp: round(cpuMsTotal / samples.length),
    minMs: round(sorted[0]),
    medianMs: round(sorted[Math.floor(sorted.length / 2)]),
    maxMs: round(sorted[sorted.length - 1]),
  };
}

/**
 * Run `warmup + iterations` rounds; each round runs `setup()` untimed, then times `run(ctx)`.
 * Returns per-op stats over the timed rounds.
 */
function measure({warmup, iterations, setup = () => undefined, run, gcBefore = true}) {
  const samples = [];
  let cpuMs = 0;
  for (let i = 0; i < warmup + iterations; i++) {
    let ctx = setup(i);
    if (gcBefore) gc();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run(ctx, i);
    const dt = performance.now() - t0;
    const c = process.cpuUsage(c0);
    ctx = undefined;
    if (i >= warmup) {
      samples.push(dt);
      cpuMs += (c.user + c.system) / 1000;
    }
  }
  return stats(samples, cpuMs);
}

// ---------------------------------------------------------------------------------------
// bench-state

async function cmdBenchState(args) {
  const file = args.in;
  if (!file) throw new UsageError("missing --in FILE");
  const iterations = intOpt(args, "iterations", 5, 1);
  const warmup = intOpt(args, "warmup", 1);
  const incOps = intOpt(args, "incremental-ops", 1000, 1);
  await loadLodestar(args.preset ?? "mainnet", args.hasher);
  const T = L.ssz.fulu.BeaconState;
  const bytes = new Uint8Array(fs.readFileSync(file));

  // Reference root and validator count (untimed).
  let view = T.deserializeToViewDU(bytes);
  const n = view.validators.length;
  const root = toHex(view.hashTreeRoot());
  log(`${file}: ${bytes.length} bytes, ${n} validators, hash_tree_root ${root}`);
  const base = {validators: n, sszBytes: bytes.length, root, preset: L.preset, hasher: L.hasher};
  const report = (bench, st, extra = {}) => {
    emit({bench, ...base, ...st, warmup: extra.warmup ?? warmup, ...extra});
    log(`  ${bench}: ${st.msPerOp} ms/op (${st.ops} ops, min ${st.minMs}, max ${st.maxMs}, cpu ${st.cpuMsPerOp})`);
  };

  // (a) deserialize + hashTreeRoot, fresh view each run
  report(
    "state.deserialize+hashTreeRoot",
    measure({
      warmup,
      iterations,
      run: () => {
        const r = T.deserializeToViewDU(bytes).hashTreeRoot();
        if (toHex(r) !== root) throw new Error("root changed");
      },
    })
  );

  // (b) hashTreeRoot alone of a freshly deserialised view
  report(
    "state.hashTreeRoot",
    measure({
      warmup,
      iterations,
      setup: () => T.deserializeToViewDU(bytes),
      run: (v) => {
        v.hashTreeRoot();
      },
    })
  );

  // (c) incremental root after changing one balance; `view` is already hashed.
  {
    const warm = 100;
    let k = 0;
    const nextIndex = () => (k++ * 7919 + 13) % n; // a different index each op
    for (let i = 0; i < warm; i++) {
      const idx = nextIndex();
      view.balances.set(idx, view.balances.get(idx) + 1);
      view.hashTreeRoot();
    }
    gc();
    const samples = [];
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < incOps; i++) {
      const s0 = performance.now();
      const idx = nextIndex();
      view.balances.set(idx, view.balances.get(idx) + 1);
      view.hashTreeRoot();
      samples.push(performance.now() - s0);
    }
    const total = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const st = stats(samples, (c.user + c.system) / 1000);
    st.msPerOp = round(total / incOps);
    report("state.incrementalRoot", st, {warmup: warm, change: "balances[i] += 1, then hashTreeRoot()"});
  }

  // (d) serialize of the view (a committed, hashed view: the state-transition situation)
  view = T.deserializeToViewDU(bytes);
  view.hashTreeRoot();
  {
    const again = view.serialize();
    if (Buffer.compare(Buffer.from(again), Buffer.from(bytes)) !== 0) throw new Error("serialize round trip differs");
  }
  report(
    "state.serialize",
    measure({
      warmup,
      iterations,
      run: () => {
        view.serialize();
      },
    })
  );
  view = undefined;

  // (e) deserialize alone
  report(
    "state.deserialize",
    measure({
      warmup,
      iterations,
      run: () => {
        T.deserializeToViewDU(bytes);
      },
    })
  );
}

// ---------------------------------------------------------------------------------------
// bench-epoch, bench-block, bench-memory: @lodestar/state-transition on a CachedBeaconState

async function loadStateTransition(configOverrides) {
  const [st, cfgLib] = await Promise.all([import("@lodestar/state-transition"), import("@lodestar/config")]);
  const base = L.preset === "mainnet" ? L.config.mainnetChainConfig : L.config.minimalChainConfig;
  const chain = cfgLib.createChainForkConfig({...base, ...(configOverrides ? cfgLib.chainConfigFromJson(configOverrides) : {})});
  return {st, cfgLib, chain};
}

function cachedState(S, view) {
  return S.st.createCachedBeaconState(view, {
    config: S.cfgLib.createBeaconConfig(S.chain, view.genesisValidatorsRoot),
    pubkeyCache: S.st.createPubkeyCache(),
  });
}

async function cmdBenchEpoch(args) {
  const file = args.in;
  if (!file) throw new UsageError("missing --in FILE");
  const iterations = intOpt(args, "iterations", 5, 1);
  const warmup = intOpt(args, "warmup", 2);
  await loadLodestar(args.preset ?? "mainnet", args.hasher);
  const S = await loadStateTransition();
  const SPE = L.params.SLOTS_PER_EPOCH;
  const bytes = new Uint8Array(fs.readFileSync(file));
  const t0 = performance.now();
  const view = L.ssz.fulu.BeaconState.deserializeToViewDU(bytes);
  const n = view.validators.length;
  const root = toHex(view.hashTreeRoot());
  let state = cachedState(S, view);
  log(`${file}: ${n} validators, slot ${state.slot}, root ${root}; CachedBeaconState in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // Untimed: advance to the last slot of the epoch, hash; the timed part is the one slot that
  // crosses the boundary (one process_slot on a hashed state + the epoch transition + commit).
  const epochStart = (Math.floor(state.slot / SPE) + 1) * SPE;
  state = S.st.processSlots(state, epochStart - 1);
  state.hashTreeRoot();
  const epoch = epochStart / SPE;
  const period = L.params.EPOCHS_PER_SYNC_COMMITTEE_PERIOD;
  const base = {validators: n, root, fromSlot: state.slot, toSlot: epochStart, syncPeriodBoundary: epoch % period === 0, preset: L.preset, hasher: L.hasher};
  const report = (bench, st, extra = {}) => {
    emit({bench, ...base, ...st, warmup, ...extra});
    log(`  ${bench}: ${st.msPerOp} ms/op (${st.ops} ops, min ${st.minMs}, max ${st.maxMs}, cpu ${st.cpuMsPerOp})`);
  };
  const pre = state;
  report("epoch.processSlots", measure({warmup, iterations, run: () => {
    S.st.processSlots(pre, epochStart);
  }}));
  report("epoch.processSlotsAndRoot", measure({warmup, iterations, run: () => {
    S.st.processSlots(pre, epochStart).hashTreeRoot();
  }}));
}

async function cmdBenchBlock(args) {
  const dir = args.dir;
  if (!dir) throw new UsageError("missing --dir DIR (pre.ssz, block.ssz, config.json)");
  const iterations = intOpt(args, "iterations", 20, 1);
  const warmup = intOpt(args, "warmup", 5);
  const cfg = JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8"));
  await loadLodestar(cfg.preset ?? "mainnet", args.hasher);
  const S = await loadStateTransition(cfg.config);
  const view = L.ssz.fulu.BeaconState.deserializeToViewDU(new Uint8Array(fs.readFileSync(path.join(dir, "pre.ssz"))));
  view.hashTreeRoot();
  const pre = cachedState(S, view);
  const block = L.ssz.fulu.SignedBeaconBlock.deserialize(new Uint8Array(fs.readFileSync(path.join(dir, "block.ssz"))));
  const atts = block.message.body.attestations;
  let committeeAggregates = 0;
  let attesters = 0;
  for (const a of atts) {
    committeeAggregates += a.committeeBits.getTrueBitIndexes().length;
    attesters += a.aggregationBits.getTrueBitIndexes().length;
  }
  const opts = {
    executionPayloadStatus: S.st.ExecutionPayloadStatus.valid,
    dataAvailabilityStatus: S.st.DataAvailabilityStatus.Available,
    verifyProposer: true,
    verifySignatures: true,
    verifyStateRoot: true,
  };
  // Check once that the block is valid (state root and all signatures).
  const post = S.st.stateTransition(pre, block, opts);
  const expected = toHex(block.message.stateRoot);
  if (toHex(post.hashTreeRoot()) !== expected) throw new Error("post-state root differs from block.state_root");
  log(`${dir}: ${pre.validators.length} validators, block slot ${block.message.slot}, ${atts.length} attestations ` +
      `(${committeeAggregates} committee aggregates, ${attesters} attesters); valid`);
  const base = {validators: pre.validators.length, slot: block.message.slot, attestations: atts.length, committeeAggregates, attesters, preset: L.preset, hasher: L.hasher};
  const report = (bench, st) => {
    emit({bench, ...base, ...st, warmup, msPerAttestation: round(st.msPerOp / atts.length), msPerCommitteeAggregate: round(st.msPerOp / committeeAggregates)});
    log(`  ${bench}: ${st.msPerOp} ms/op (${st.ops} ops, min ${st.minMs}, max ${st.maxMs}, cpu ${st.cpuMsPerOp})`);
  };
  // stateTransition: process_slots to the block's slot, the block with every signature batch
  // verified (Lodestar's verifySignatures: true path, getBlockSignatureSets +
  // verifyMultipleAggregateSignatures on the main thread), the post-state root checked.
  report("block.stateTransition", measure({warmup, iterations, run: () => {
    S.st.stateTransition(pre, block, opts);
  }}));
  report("block.stateTransitionNoSignatures", measure({warmup, iterations, run: () => {
    S.st.stateTransition(pre, block, {...opts, verifySignatures: false, verifyProposer: false});
  }}));
  // The beacon node's way: the state transition without signatures, and the block's signature
  // sets (getBlockSignatureSets, attester keys aggregated from the pubkey cache) verified in one
  // verifyMultipleAggregateSignatures batch (here on the main thread; the node sends it to its
  // BLS worker pool, in parallel with the state transition).
  try {
    const blst = await import("@chainsafe/blst");
    const fork = pre.config.getForkSeq(block.message.slot);
    const batchSets = () => {
      const indexed = block.message.body.attestations.map((a) => pre.epochCtx.getIndexedAttestation(fork, a));
      const sets = S.st.getBlockSignatureSets(pre.config, pre.epochCtx.currentSyncCommitteeIndexed, pre, block, indexed);
      return sets.map((set) => ({
        msg: set.signingRoot,
        pk: S.st.getSignatureSetPubkey(set, pre.epochCtx.pubkeyCache),
        sig: blst.Signature.fromBytes(set.signature, true),
      }));
    };
    if (!blst.verifyMultipleAggregateSignatures(batchSets())) throw new Error("batch verification failed");
    report("block.stateTransitionPlusBatch", measure({warmup, iterations, run: () => {
      S.st.stateTransition(pre, block, {...opts, verifySignatures: false, verifyProposer: false});
      if (!blst.verifyMultipleAggregateSignatures(batchSets())) throw new Error("batch verification failed");
    }}));
  } catch (e) {
    log(`  block.stateTransitionPlusBatch skipped: ${e.stack ?? e}`);
  }
}

// ---------------------------------------------------------------------------------------
// cli-root, cli-block: one-shot runs for a process-level (JVM / Node start included) comparison

async function cmdCliRoot(args) {
  const file = args.in;
  if (!file) throw new UsageError("missing --in FILE");
  await loadLodestar(args.preset ?? "mainnet", args.hasher);
  const view = L.ssz.fulu.BeaconState.deserializeToViewDU(new Uint8Array(fs.readFileSync(file)));
  process.stdout.write(toHex(view.hashTreeRoot()) + "\n");
}

async function cmdCliBlock(args) {
  const dir = args.dir;
  if (!dir) throw new UsageError("missing --dir DIR (pre.ssz, block.ssz, config.json)");
  const cfg = JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8"));
  await loadLodestar(cfg.preset ?? "mainnet", args.hasher);
  const S = await loadStateTransition(cfg.config);
  const view = L.ssz.fulu.BeaconState.deserializeToViewDU(new Uint8Array(fs.readFileSync(path.join(dir, "pre.ssz"))));
  const pre = cachedState(S, view);
  const block = L.ssz.fulu.SignedBeaconBlock.deserialize(new Uint8Array(fs.readFileSync(path.join(dir, "block.ssz"))));
  const post = S.st.stateTransition(pre, block, {
    executionPayloadStatus: S.st.ExecutionPayloadStatus.valid,
    dataAvailabilityStatus: S.st.DataAvailabilityStatus.Available,
    verifyProposer: true,
    verifySignatures: true,
    verifyStateRoot: true,
  });
  process.stdout.write(toHex(post.hashTreeRoot()) + "\n");
}

async function cmdBenchMemory(args) {
  const file = args.in;
  if (!file) throw new UsageError("missing --in FILE");
  await loadLodestar(args.preset ?? "mainnet", args.hasher);
  const settle = () => { for (let i = 0; i < 4; i++) gc(); return process.memoryUsage(); };
  // baseline before the file is read; the SSZ bytes are dropped before measuring, as on EDVT's side
  const m0 = settle();
  let bytes = new Uint8Array(fs.readFileSync(file));
  const sszBytes = bytes.length;
  let view = L.ssz.fulu.BeaconState.deserializeToViewDU(bytes);
  bytes = undefined;
  const n = view.validators.length;
  view.hashTreeRoot();
  const m1 = settle();
  const mb = (x) => round(x / 1048576);
  emit({bench: "memory.stateView", validators: n, heapUsedMB: mb(m1.heapUsed - m0.heapUsed),
        externalMB: mb(m1.external - m0.external), rssMB: mb(m1.rss - m0.rss), sszBytes,
        what: "heapUsed delta after GC: deserializeToViewDU + hashTreeRoot, view referenced"});
  log(`  memory.stateView: heapUsed +${mb(m1.heapUsed - m0.heapUsed)} MB (external +${mb(m1.external - m0.external)} MB)`);
  if (args["cached"] === "true") {
    const S = await loadStateTransition();
    let cs = cachedState(S, view);
    const m2 = settle();
    emit({bench: "memory.cachedState", validators: n, heapUsedMB: mb(m2.heapUsed - m0.heapUsed),
          externalMB: mb(m2.external - m0.external), rssMB: mb(m2.rss - m0.rss),
          what: "heapUsed delta after GC: CachedBeaconState (view + epoch context + pubkey caches)"});
    log(`  memory.cachedState: heapUsed +${mb(m2.heapUsed - m0.heapUsed)} MB (external +${mb(m2.external - m0.external)} MB)`);
    if (cs.slot < 0) log(String(cs));
  }
  if (view.slot < 0) log(String(view)); // keep the view alive until here
}

// ---------------------------------------------------------------------------------------
// bench-bls

async function cmdBenchBls(args) {
  const iterations = intOpt(args, "iterations", 200, 1);
  const warmup = intOpt(args, "warmup", Math.min(20, iterations));
  let blst;
  try {
    blst = await import("@chainsafe/blst");
    blst = blst.default ?? blst;
  } catch (e) {
    throw new Error(`@chainsafe/blst is not installed (${e.message}). Run ./install.sh first.`);
  }
  const {SecretKey, PublicKey, Signature} = blst;
  const g = new Prng("bls");
  const makeSk = () => SecretKey.fromKeygen(g.bytes(32));
  log("making keys and signatures...");

  // Keys as a client would hold them: deserialised and validated once, then cached.
  const cachedPk = (sk) => PublicKey.fromBytes(sk.toPublicKey().toBytes(), true);

  const emitBls = (bench, st, extra) => {
    emit({bench, validators: extra.keys, ...st, warmup, ...extra});
    log(`  ${bench}: ${st.msPerOp} ms/op (${st.ops} ops, min ${st.minMs}, max ${st.maxMs}, cpu ${st.cpuMsPerOp})`);
  };

  // verify: one signature
  {
    const sk = makeSk();
    const pk = cachedPk(sk);
    const msg = g.bytes(32);
    const sigBytes = sk.sign(msg).toBytes();
    const st = measure({
      warmup,
      iterations,
      gcBefore: false,
      run: () => {
        if (!blst.verify(msg, pk, Signature.fromBytes(sigBytes, true))) throw new Error("verify failed");
      },
    });
    emitBls("bls.verify", st, {keys: 1});

    const st2 = measure({
      warmup,
      iterations,
      gcBefore: false,
      run: () => {
        Signature.fromBytes(sigBytes, true);
      },
    });
    emitBls("bls.signatureDeserialize", st2, {keys: 0});
  }

  // fastAggregateVerify: 512 keys, one message
  {
    const sks = Array.from({length: 512}, makeSk);
    const pks = sks.map(cachedPk);
    const msg = g.bytes(32);
    const aggBytes = blst.aggregateSignatures(sks.map((sk) => sk.sign(msg))).toBytes();
    const st = measure({
      warmup,
      iterations,
      gcBefore: false,
      run: () => {
        if (!blst.fastAggregateVerify(msg, pks, Signature.fromBytes(aggBytes, true))) {
          throw new Error("fastAggregateVerify failed");
        }
      },
    });
    emitBls("bls.fastAggregateVerify512", st, {keys: 512});
  }

  // batch verification of 128 distinct (pk, msg, sig) sets
  {
    const sets = Array.from({length: 128}, () => {
      const sk = makeSk();
      const msg = g.bytes(32);
      return {pk: cachedPk(sk), msg, sigBytes: sk.sign(msg).toBytes()};
    });
    const batchIters = Math.max(1, Math.floor(iterations / 10));
    const batchWarmup = Math.max(1, Math.floor(warmup / 10));
    const st = measure({
      warmup: batchWarmup,
      iterations: batchIters,
      gcBefore: false,
      run: () => {
        const ok = blst.verifyMultipleAggregateSignatures(
          sets.map((s) => ({pk: s.pk, msg: s.msg, sig: Signature.fromBytes(s.sigBytes, true)}))
        );
        if (!ok) throw new Error("batch verify failed");
      },
    });
    emitBls("bls.batchVerify128", st, {keys: 128, sets: 128, warmup: batchWarmup});
  }
}

// ---------------------------------------------------------------------------------------
// main

async function main() {
  // `node bench.mjs ... | head` should end quietly.
  process.stdout.on("error", (e) => process.exit(e.code === "EPIPE" ? 0 : 1));
  const argv = process.argv.slice(2);
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    log(`error: ${e.message}\n`);
    log(HELP);
    process.exit(2);
  }
  const cmd = args._[0];
  if (args.help || !cmd || cmd === "help") {
    process.stdout.write(HELP);
    process.exit(cmd || args.help ? 0 : 2);
  }

  // Re-run under a Node with an exposed GC and a big enough heap for 1M-validator states.
  if (typeof globalThis.gc !== "function" && !process.env.EDVT_BENCH_CHILD) {
    const r = spawnSync(
      process.execPath,
      ["--expose-gc", "--max-old-space-size=12288", fileURLToPath(import.meta.url), ...argv],
      {stdio: "inherit", env: {...process.env, EDVT_BENCH_CHILD: "1"}}
    );
    process.exit(r.status ?? 1);
  }

  try {
    if (cmd === "gen-state") await cmdGenState(args);
    else if (cmd === "bench-state") await cmdBenchState(args);
    else if (cmd === "bench-bls") await cmdBenchBls(args);
    else if (cmd === "bench-epoch") await cmdBenchEpoch(args);
    else if (cmd === "bench-block") await cmdBenchBlock(args);
    else if (cmd === "bench-memory") await cmdBenchMemory(args);
    else if (cmd === "cli-root") await cmdCliRoot(args);
    else if (cmd === "cli-block") await cmdCliBlock(args);
    else throw new UsageError(`unknown command ${cmd}`);
  } catch (e) {
    if (e instanceof UsageError) {
      log(`error: ${e.message}\n`);
      log(HELP);
      process.exit(2);
    }
    log(`error: ${e.stack ?? e}`);
    process.exit(1);
  }
}

await main();

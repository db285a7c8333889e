#!/usr/bin/env node
// Runs Lodestar's state transition (@lodestar/state-transition, pinned in package.json) over a
// Fulu pre-state and a list of signed blocks, and prints the state root after every block and
// after every epoch transition. EDVT's reference tests use it as a second, independent
// implementation of the consensus state transition (see LodestarRunner.java).
//
//   node stf.mjs <case-dir>
//
// <case-dir> holds:
//   config.json      {"preset": "minimal"|"mainnet",
//                     "config": {"ALTAIR_FORK_EPOCH": "0", "FULU_FORK_VERSION": "0x06000001", ...}}
//                    "config" holds chain-config overrides in the consensus-specs JSON form
//                    (every value a string: decimal numbers, 0x-hex bytes, 18446744073709551615
//                    for "never"; BLOB_SCHEDULE a list of {"EPOCH","MAX_BLOBS_PER_BLOCK"}),
//                    applied over Lodestar's built-in chain config of the preset. Unknown keys
//                    are an error. Optional "dumpSteps": [k, ...]: also write the state after
//                    the k-th root step (0-based count of the epoch/block/slots lines) to
//                    state_step_<k>.ssz in <case-dir>, to find which fields differ.
//   pre.ssz          the pre-state, SSZ bytes of a Fulu BeaconState
//   blocks_<i>.ssz   i = 0..n-1, SSZ bytes of Fulu SignedBeaconBlocks, applied in order
//   slots.json       optional, {"targetSlot": N}: after the blocks, process empty slots up to N
//
// Output, one JSON object per line on stdout:
//   {"step":"config","preset":{...},"config":{...}}
//        first line: the preset and chain config Lodestar runs with, in the consensus-specs
//        JSON form (so that the caller can check them against its own)
//   {"step":"epoch","epoch":e,"slot":s,"stateRoot":"0x.."}
//        after each epoch transition: the state has just entered epoch e (s = e * SLOTS_PER_EPOCH)
//        by process_slots, before any block of slot s is applied
//   {"step":"block","index":i,"slot":s,"stateRoot":"0x.."}
//        after block i: state_transition(state, block), which runs process_slots to the block's
//        slot itself (an epoch boundary at the block's own slot is reported from a copy)
//   {"step":"slots","slot":s,"stateRoot":"0x.."}
//        after the optional empty-slot processing of slots.json
//   {"step":"done","blocks":n,"slot":s,"stateRoot":"0x.."}
//        last line of a complete run
//   {"step":"error","index":i,"message":"..."}
//        the transition failed at block i (i = n for the slots.json part, -1 for set-up errors);
//        the process then exits with status 1
// Every block is checked the way a node checks it: proposer signature, every other signature
// in the block (verifySignatures), and block.state_root against the computed root (done here
// right after the block line, so that on a mismatch the line still carries Lodestar's root, and
// then an error line follows). Execution payloads count as valid and blobs as available (no execution
// engine here). Progress and timings go to stderr.

import fs from "node:fs";
import path from "node:path";

function log(msg) {
  process.stderr.write(`stf.mjs: ${msg}\n`);
}

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

function fail(index, message) {
  emit({step: "error", index, message});
  log(`error at index ${index}: ${message}`);
  process.exitCode = 1;
}

function toHex(bytes) {
  return "0x" + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`cannot read ${file}: ${e.message}`);
  }
}

/** Loads @lodestar/* with the preset selected first (@lodestar/params reads LODESTAR_PRESET once). */
async function loadLodestar(preset) {
  if (preset !== "minimal" && preset !== "mainnet") {
    throw new Error(`config.json: "preset" must be "minimal" or "mainnet", got ${JSON.stringify(preset)}`);
  }
  process.env.LODESTAR_PRESET = preset;
  try {
    // The native batch hasher that the Lodestar beacon node installs at start-up.
    const pmt = await import("@chainsafe/persistent-merkle-tree");
    const {hasher} = await import("@chainsafe/persistent-merkle-tree/hasher/hashtree");
    pmt.setHasher(hasher);
    const [params, types, config, configs, st] = await Promise.all([
      import("@lodestar/params"),
      import("@lodestar/types"),
      import("@lodestar/config"),
      import("@lodestar/config/configs"),
      import("@lodestar/state-transition"),
    ]);
    if (params.ACTIVE_PRESET !== preset) {
      throw new Error(`@lodestar/params loaded preset ${params.ACTIVE_PRESET}, wanted ${preset}`);
    }
    const defaults = preset === "minimal" ? configs.minimalChainConfig : configs.mainnetChainConfig;
    return {params, ssz: types.ssz, config, defaults, st};
  } catch (e) {
    if (e && e.code === "ERR_MODULE_NOT_FOUND") {
      throw new Error(`the pinned Lodestar packages are not installed next to stf.mjs (${e.message})`);
    }
    throw e;
  }
}

function buildChainConfig(L, overrides) {
  if (overrides === undefined) overrides = {};
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
    throw new Error(`config.json: "config" must be an object of chain-config keys`);
  }
  const known = L.config.chainConfigTypes;
  const unknown = Object.keys(overrides).filter((k) => !(k in known));
  if (unknown.length > 0) {
    throw new Error(`config.json: chain-config keys unknown to Lodestar 1.46: ${unknown.join(", ")}`);
  }
  const parsed = L.config.chainConfigFromJson(overrides);
  return L.config.createChainForkConfig({...L.defaults, ...parsed});
}

function listBlocks(dir) {
  const files = [];
  for (let i = 0; ; i++) {
    const f = path.join(dir, `blocks_${i}.ssz`);
    if (!fs.existsSync(f)) break;
    files.push(f);
  }
  const stray = fs
    .readdirSync(dir)
    .filter((n) => /^blocks_\d+\.ssz$/.test(n) && Number(n.slice(7, -4)) >= files.length);
  if (stray.length > 0) {
    throw new Error(`block files are not numbered 0..n-1 without gaps: found ${stray.join(", ")} after ${files.length} blocks`);
  }
  return files;
}

async function main() {
  process.stdout.on("error", (e) => process.exit(e.code === "EPIPE" ? 0 : 1));
  const dir = process.argv[2];
  if (!dir || dir === "--help" || dir === "-h" || process.argv.length > 3) {
    process.stderr.write("usage: node stf.mjs <case-dir>   (see the comment at the top of stf.mjs)\n");
    process.exit(2);
  }

  let L, chainConfig, state, blockFiles, targetSlot, dumpSteps;
  const t0 = performance.now();
  try {
    const cfg = readJson(path.join(dir, "config.json"));
    L = await loadLodestar(cfg.preset);
    chainConfig = buildChainConfig(L, cfg.config);
    dumpSteps = new Set(cfg.dumpSteps ?? []);
    for (const k of dumpSteps) {
      if (!Number.isSafeInteger(k) || k < 0) throw new Error(`config.json: dumpSteps must hold step numbers >= 0, got ${k}`);
    }

    const stateBytes = new Uint8Array(fs.readFileSync(path.join(dir, "pre.ssz")));
    const stateView = L.ssz.fulu.BeaconState.deserializeToViewDU(stateBytes);
    const stateFork = chainConfig.getForkName(stateView.slot);
    if (stateFork !== "fulu") {
      throw new Error(`pre.ssz is at slot ${stateView.slot}, which the chain config puts in fork ${stateFork}, not fulu`);
    }
    state = L.st.createCachedBeaconState(stateView, {
      config: L.config.createBeaconConfig(chainConfig, stateView.genesisValidatorsRoot),
      pubkeyCache: L.st.createPubkeyCache(),
    });

    blockFiles = listBlocks(dir);
    const slotsFile = path.join(dir, "slots.json");
    if (fs.existsSync(slotsFile)) {
      const s = readJson(slotsFile);
      if (!s || !Number.isSafeInteger(s.targetSlot) || s.targetSlot < 0) {
        throw new Error(`slots.json must be {"targetSlot": N} with N a non-negative integer`);
      }
      targetSlot = s.targetSlot;
    }
  } catch (e) {
    fail(-1, `set-up: ${e.message}`);
    return;
  }
  emit({
    step: "config",
    preset: L.params.presetToJson(L.params.activePreset),
    config: L.config.chainConfigToJson(chainConfig),
  });
  log(
    `preset ${L.params.ACTIVE_PRESET}, pre-state slot ${state.slot} with ${state.validators.length} validators, ` +
      `${blockFiles.length} blocks${targetSlot !== undefined ? `, then slots to ${targetSlot}` : ""} ` +
      `(set-up ${Math.round(performance.now() - t0)} ms)`
  );

  const {SLOTS_PER_EPOCH} = L.params;
  const stOpts = {
    executionPayloadStatus: L.st.ExecutionPayloadStatus.valid,
    dataAvailabilityStatus: L.st.DataAvailabilityStatus.Available,
    verifyProposer: true,
    verifySignatures: true,
    // block.state_root is checked below, after the block line, so that a mismatch still
    // reports Lodestar's root (and can dump its state) before the error line
    verifyStateRoot: false,
  };

  // Every epoch/block/slots line goes through here: counts the root steps for dumpSteps.
  let rootStep = 0;
  const emitRoot = (obj) => {
    emit({...obj, stateRoot: toHex(state.hashTreeRoot())});
    if (dumpSteps.has(rootStep)) fs.writeFileSync(path.join(dir, `state_step_${rootStep}.ssz`), state.serialize());
    rootStep++;
  };

  // Report the root after each epoch transition before `slot`: process slots one epoch
  // boundary at a time. A boundary at `slot` itself is reported from a copy (processSlots does
  // not modify its input) and the state stays before it, because state_transition must run
  // process_slots to the block's slot itself (the spec asserts state.slot < block.slot there).
  const reportEpochsUpTo = (slot, advanceToSlot) => {
    if (slot < state.slot) {
      throw new Error(`slot ${slot} is before the state's slot ${state.slot}`);
    }
    for (;;) {
      const nextEpochStart = (Math.floor(state.slot / SLOTS_PER_EPOCH) + 1) * SLOTS_PER_EPOCH;
      if (nextEpochStart > slot) break;
      const atBoundary = L.st.processSlots(state, nextEpochStart);
      const keep = nextEpochStart < slot || advanceToSlot;
      const before = state;
      state = atBoundary;
      emitRoot({step: "epoch", epoch: nextEpochStart / SLOTS_PER_EPOCH, slot: nextEpochStart});
      if (!keep) {
        state = before;
        break;
      }
    }
  };

  const SignedBlock = L.ssz.fulu.SignedBeaconBlock;
  const t1 = performance.now();
  for (let i = 0; i < blockFiles.length; i++) {
    try {
      const signedBlock = SignedBlock.deserialize(new Uint8Array(fs.readFileSync(blockFiles[i])));
      const slot = signedBlock.message.slot;
      const blockFork = state.config.getForkName(slot);
      if (blockFork !== "fulu") {
        throw new Error(`block at slot ${slot} is in fork ${blockFork}, only fulu blocks are supported`);
      }
      if (slot <= state.slot) {
        throw new Error(`block slot ${slot} is not after the state's slot ${state.slot}`);
      }
      reportEpochsUpTo(slot, false);
      state = L.st.stateTransition(state, signedBlock, stOpts);
      const root = toHex(state.hashTreeRoot());
      emitRoot({step: "block", index: i, slot});
      const expected = toHex(signedBlock.message.stateRoot);
      if (root !== expected) {
        throw new Error(`Invalid state root at slot ${slot}, expected=${expected} (block.state_root), actual=${root}`);
      }
    } catch (e) {
      fail(i, e.message ?? String(e));
      return;
    }
  }
  if (targetSlot !== undefined) {
    try {
      reportEpochsUpTo(targetSlot, true);
      if (state.slot < targetSlot) state = L.st.processSlots(state, targetSlot);
      emitRoot({step: "slots", slot: state.slot});
    } catch (e) {
      fail(blockFiles.length, e.message ?? String(e));
      return;
    }
  }
  emit({step: "done", blocks: blockFiles.length, slot: state.slot, stateRoot: toHex(state.hashTreeRoot())});
  log(`done in ${Math.round(performance.now() - t1)} ms (state transition only)`);
}

await main();

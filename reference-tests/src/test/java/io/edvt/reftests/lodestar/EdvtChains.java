package io.edvt.reftests.lodestar;

import static io.edvt.spec.logic.common.SpecConstants.BLS_WITHDRAWAL_PREFIX;
import static io.edvt.spec.logic.common.SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX;
import static io.edvt.spec.logic.common.SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.execution.DepositRequest;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.GenesisFulu.GenesisValidator;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import io.edvt.spec.testing.OperationFactory;
import io.edvt.spec.testing.ValidatorKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;

/**
 * Wires the differential test to EDVT: a busy chain made by our chain builder
 * ({@link ChainBuilder}, which signs real blocks and applies each through our state transition)
 * and {@code StateTransitionFulu} as an {@link OurTransition}.
 *
 * <p>The chain ({@link #busyChain}) starts from a Fulu genesis of {@value #VALIDATORS} interop
 * validators with mixed credentials (a quarter BLS 0x00, a quarter compounding 0x02 with 40 ETH,
 * the rest 0x01) and, over its epochs, carries:
 * <ul>
 *   <li>an aggregate attestation per slot (every committee) and a sync aggregate in every block
 *       (mainnet: in every fourth block; the others have an empty one, which the transition
 *       penalises);
 *   <li>epoch 0: a proposer slashing, an attester slashing of two validators, a BLS-to-execution
 *       change, deposit requests for a new validator, for an existing one (top-up) and one with a
 *       wrong proof of possession (dropped by the pending-deposit processing);
 *   <li>epoch 1: a voluntary exit, a full-exit and a partial withdrawal request, a
 *       switch-to-compounding and a source-to-target consolidation request, then skipped slots;
 *   <li>epoch 2: a quarter of the validators do not attest and the sync committee is silent for
 *       a few blocks; the first slot of epoch 3 is empty, so that epoch transition happens on the
 *       way to a later block.
 * </ul>
 * {@code SHARD_COMMITTEE_PERIOD} is 0 and {@code MIN_VALIDATOR_WITHDRAWABILITY_DELAY} 1 so that
 * exits and withdrawals take effect within the chain (these config changes are passed to
 * Lodestar too); every fork up to Fulu is at epoch 0.
 */
final class EdvtChains {
  static final int VALIDATORS = 256;
  private static final UInt64 ETH = UInt64.valueOf(1_000_000_000L);

  private EdvtChains() {}

  /** The config of the differential chains for {@code preset}. */
  static SpecConfig config(String preset) {
    return EdvtConfig.load(preset, Map.of(
        "ALTAIR_FORK_EPOCH", "0",
        "BELLATRIX_FORK_EPOCH", "0",
        "CAPELLA_FORK_EPOCH", "0",
        "DENEB_FORK_EPOCH", "0",
        "ELECTRA_FORK_EPOCH", "0",
        "FULU_FORK_EPOCH", "0",
        "SHARD_COMMITTEE_PERIOD", "0",
        "MIN_VALIDATOR_WITHDRAWABILITY_DELAY", "1"));
  }

  /** Our state transition with every signature verified at once (no batching). */
  static OurTransition ourTransition(SpecConfig config) {
    SpecFulu spec = new SpecFulu(config);
    return new OurTransition() {
      @Override
      public BeaconState processSlots(BeaconState state, long slot) {
        return spec.stateTransition().processSlots(state, UInt64.valueOf(slot));
      }

      @Override
      public BeaconState stateTransition(BeaconState state, SignedBeaconBlock signedBlock) {
        return spec.stateTransition().stateTransition(state, signedBlock, true, SignatureVerifier.SIMPLE,
            ExecutionEngine.always(true));
      }
    };
  }

  /** The busy chain of {@code epochs} epochs (at least 4) in {@code preset} (see the class comment). */
  static DifferentialChain busyChain(String preset, int epochs) {
    if (epochs < 4) {
      throw new IllegalArgumentException("the scenario needs at least 4 epochs, got " + epochs);
    }
    SpecConfig config = config(preset);
    SpecFulu spec = new SpecFulu(config);
    long spe = config.slotsPerEpoch();
    boolean mainnet = preset.equals("mainnet");

    List<GenesisValidator> validators = new ArrayList<>();
    for (int i = 0; i < VALIDATORS; i++) {
      validators.add(switch (i % 4) {
        case 0 -> GenesisFulu.interopValidator(i, BLS_WITHDRAWAL_PREFIX, ETH.times(32));
        case 1 -> GenesisFulu.interopValidator(i, COMPOUNDING_WITHDRAWAL_PREFIX, ETH.times(40));
        default -> GenesisFulu.interopValidator(i, ETH1_ADDRESS_WITHDRAWAL_PREFIX, ETH.times(32));
      });
    }
    GenesisFulu genesisBuilder = new GenesisFulu(spec);
    BeaconState genesis = genesisBuilder.initialize(UInt64.ZERO, GenesisFulu.INTEROP_ETH1_BLOCK_HASH,
        genesisBuilder.executionPayloadHeader(GenesisFulu.INTEROP_ETH1_BLOCK_HASH, UInt64.ZERO), validators);
    ChainBuilder chain = new ChainBuilder(spec, genesis, ValidatorKeys.interop(VALIDATORS));
    Scenario s = new Scenario(chain, mainnet);

    // epoch 0: slashings, a BLS change, deposit requests
    s.blocksTo(spe / 2);
    List<Integer> free = s.nonProposers();
    MutableBeaconState view = chain.headView();
    OperationFactory ops = chain.operations();
    int proposerSlashed = s.take(free, 2);
    int attesterSlashed1 = s.take(free, 3);
    int attesterSlashed2 = s.take(free, 3);
    int blsChanging = s.take(free, 0);
    BlsSecretKey newKey = BlsSecretKey.interop(VALIDATORS);
    BlsSecretKey badKey = BlsSecretKey.interop(VALIDATORS + 1);
    int topUpIndex = s.take(free, 2);
    Validator topUp = view.validators().get(topUpIndex);
    DepositRequest newDeposit = ops.depositRequest(newKey,
        GenesisFulu.interopWithdrawalCredentials(newKey.publicKey().toBytes(), ETH1_ADDRESS_WITHDRAWAL_PREFIX), ETH.times(32), UInt64.ZERO);
    DepositRequest topUpDeposit = ops.depositRequest(BlsSecretKey.interop(topUpIndex), topUp.withdrawalCredentials(),
        ETH.times(3), UInt64.ONE);
    DepositRequest badDeposit = DepositRequest.create(badKey.publicKey().toBytes(),
        GenesisFulu.interopWithdrawalCredentials(badKey.publicKey().toBytes(), ETH1_ADDRESS_WITHDRAWAL_PREFIX), ETH.times(32),
        newDeposit.signature(), UInt64.valueOf(2)); // a valid signature, of another deposit message
    s.block(BlockOptions.none()
        .proposerSlashing(ops.proposerSlashing(view, proposerSlashed, UInt64.ONE))
        .attesterSlashing(ops.attesterSlashing(view, List.of(attesterSlashed1, attesterSlashed2)))
        .blsToExecutionChange(ops.blsToExecutionChange(view, blsChanging, Bytes.fromHexString("0x" + "ab".repeat(20))))
        .depositRequest(newDeposit)
        .depositRequest(topUpDeposit)
        .depositRequest(badDeposit));
    s.blocksTo(spe - 3);
    s.blocksTo(spe - 1, spe - 2); // slot spe - 2 stays empty

    // epoch 1: exits, withdrawal and consolidation requests, skipped slots
    s.blocksTo(spe + 1);
    free = s.nonProposers();
    view = chain.headView();
    int exiting = s.take(free, 2);
    int requestExiting = s.take(free, 3);
    int partial = s.take(free, 1);
    int switching = s.take(free, 2);
    int source = s.take(free, 3);
    int target = s.take(free, 1);
    s.block(BlockOptions.none()
        .exit(ops.voluntaryExit(view, exiting))
        .withdrawalRequest(ops.withdrawalRequest(view, requestExiting, UInt64.ZERO))
        .withdrawalRequest(ops.withdrawalRequest(view, partial, ETH.times(5)))
        .consolidationRequest(ops.consolidationRequest(view, switching, switching))
        .consolidationRequest(ops.consolidationRequest(view, source, target)));
    s.blocksTo(2 * spe - 1, spe + 4, spe + 5);

    // epoch 2: a quarter does not attest, the sync committee is silent for a few blocks
    chain.attesting(i -> i % 4 != 3);
    s.silentSync(2 * spe + 2, 2 * spe + 5);
    s.blocksTo(3 * spe - 1);
    chain.attesting(i -> true);

    // epoch 3 on: the first slot of epoch 3 is empty
    s.blocksTo(epochs * spe, 3 * spe);
    return new DifferentialChain("busy-" + preset + "-" + epochs + "-epochs", config, genesis, chain.blocks());
  }

  /** Block-adding helpers for {@link #busyChain}. */
  private static final class Scenario {
    private final ChainBuilder chain;
    private final boolean mainnet;
    private final Set<Integer> used = new HashSet<>();
    private long silentFrom = -1;
    private long silentTo = -1;

    Scenario(ChainBuilder chain, boolean mainnet) {
      this.chain = chain;
      this.mainnet = mainnet;
    }

    void silentSync(long from, long to) {
      silentFrom = from;
      silentTo = to;
    }

    /** Adds a block with {@code options} at the next slot whose proposer is not slashed. */
    void block(BlockOptions options) {
      long slot = chain.headState().slot().longValue() + 1;
      while (chain.headState().validators().get(chain.proposerOf(UInt64.valueOf(slot))).slashed()) {
        slot++;
      }
      signSync(slot);
      chain.addBlock(UInt64.valueOf(slot), options);
    }

    /** Adds plain blocks up to {@code last}, except at {@code skipped} slots and slashed proposers' slots. */
    void blocksTo(long last, long... skipped) {
      for (long slot = chain.headState().slot().longValue() + 1; slot <= last; slot++) {
        final long s = slot;
        if (Arrays.stream(skipped).anyMatch(x -> x == s)
            || chain.headState().validators().get(chain.proposerOf(UInt64.valueOf(slot))).slashed()) {
          continue;
        }
        signSync(slot);
        chain.addBlock(UInt64.valueOf(slot), BlockOptions.none());
      }
    }

    private void signSync(long slot) {
      boolean silent = slot >= silentFrom && slot <= silentTo;
      // mainnet's sync committee has 512 members: sign in every fourth block only, to keep it quick
      chain.syncCommitteeSigns(!silent && (!mainnet || slot % 4 == 0));
    }

    /** Validators not proposing in the head's lookahead (current and next epoch), not used yet. */
    List<Integer> nonProposers() {
      Set<Integer> proposers = new HashSet<>();
      MutableBeaconState view = chain.headView();
      view.proposerLookahead().commit().forEach(p -> proposers.add(p.intValue()));
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < VALIDATORS; i++) {
        if (!proposers.contains(i) && !used.contains(i)) {
          out.add(i);
        }
      }
      return out;
    }

    /** The first of {@code free} with credentials kind {@code residue} ({@code i % 4}); marks it used. */
    int take(List<Integer> free, int residue) {
      for (int i : free) {
        if (i % 4 == residue && used.add(i)) {
          return i;
        }
      }
      throw new IllegalStateException("no free validator with i % 4 == " + residue);
    }
  }
}

package io.edvt.reftests.lodestar;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.Fork;
import io.edvt.spec.datastructures.state.SyncCommittee;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.junit.jupiter.api.Test;

/**
 * The mainnet preset through the harness, which the sanity vectors (minimal only) do not cover:
 * a mainnet-preset Fulu state that we build (64 interop validators) goes through 2 epoch
 * transitions of empty slots in Lodestar. Lodestar must run it with the same mainnet preset and
 * config values as ours (the runner checks every common key), and its state after each step,
 * read with our mainnet SSZ types, must have the root Lodestar reported.
 */
class LodestarMainnetPresetTest {
  private static final int VALIDATORS = 64;

  @Test
  void lodestarRunsOurMainnetStateWithOurPresetAndConfig() {
    SpecConfig config = SpecConfigLoader.load("mainnet", Map.of(
        "ALTAIR_FORK_EPOCH", "0", "BELLATRIX_FORK_EPOCH", "0", "CAPELLA_FORK_EPOCH", "0",
        "DENEB_FORK_EPOCH", "0", "ELECTRA_FORK_EPOCH", "0", "FULU_FORK_EPOCH", "0"));
    SchemaDefinitionsFulu schemas = new SchemaDefinitionsFulu(config);
    BeaconState state = genesisLike(config, schemas);
    int slotsPerEpoch = config.slotsPerEpoch();

    LodestarCase input = new LodestarCase("mainnet-empty-slots", config, state.serialize(), List.of())
        .withTargetSlot(2L * slotsPerEpoch + 3)
        .withDumpSteps(List.of(0, 1, 2));
    LodestarResult r = LodestarRunner.installed().run(input).requireCompleted();

    assertThat(r.config().orElseThrow().preset()).containsEntry("SLOTS_PER_EPOCH", "32");
    assertThat(r.epochs()).extracting(LodestarStep.Epoch::epoch).containsExactly(1L, 2L);
    List<LodestarStep> steps = r.rootSteps();
    assertThat(steps).hasSize(3);
    assertThat(steps.get(2)).isInstanceOf(LodestarStep.Slots.class);
    for (int k = 0; k < steps.size(); k++) {
      BeaconState theirs = schemas.beaconState().deserialize(r.dumpedState(k).orElseThrow());
      Bytes32 reported = switch (steps.get(k)) {
        case LodestarStep.Epoch e -> e.stateRoot();
        case LodestarStep.Slots s -> s.stateRoot();
        default -> throw new AssertionError("unexpected " + steps.get(k));
      };
      assertThat(theirs.hashTreeRoot()).as("our root of Lodestar's state after step %d", k).isEqualTo(reported);
    }
    assertThat(r.done().orElseThrow().slot()).isEqualTo(2L * slotsPerEpoch + 3);
    System.out.printf("LodestarMainnetPresetTest: 2 mainnet epoch transitions, node %d ms%n", r.elapsed().toMillis());
  }

  /** A mainnet-preset Fulu state at slot 0 with {@link #VALIDATORS} active interop validators. */
  private static BeaconState genesisLike(SpecConfig config, SchemaDefinitionsFulu schemas) {
    BeaconState s = schemas.beaconState().defaultValue();
    List<Validator> validators = new ArrayList<>();
    List<Bytes48> pubkeys = new ArrayList<>();
    UInt64 maxEffective = config.maxEffectiveBalance();
    for (int i = 0; i < VALIDATORS; i++) {
      Bytes48 pk = BlsSecretKey.interop(i).publicKey().toBytes();
      pubkeys.add(pk);
      Bytes32 credentials = Bytes32.fromHexString("0x01" + "00".repeat(11) + String.format("%040x", i + 1));
      validators.add(Validator.create(pk, credentials, maxEffective, false, UInt64.ZERO, UInt64.ZERO,
          UInt64.MAX_VALUE, UInt64.MAX_VALUE));
    }
    List<Bytes48> committee = new ArrayList<>();
    for (int i = 0; i < config.syncCommitteeSize(); i++) {
      committee.add(pubkeys.get(i % VALIDATORS));
    }
    SyncCommittee sync = SyncCommittee.create(schemas.syncCommittee(),
        s.currentSyncCommittee().pubkeys().type().of(committee), pubkeys.getFirst());
    List<UInt64> lookahead = new ArrayList<>();
    for (int i = 0; i < (config.minSeedLookahead() + 1) * config.slotsPerEpoch(); i++) {
      lookahead.add(UInt64.valueOf(i % VALIDATORS));
    }
    s = s.withGenesisTime(UInt64.valueOf(1_700_000_000L))
        .withGenesisValidatorsRoot(Bytes32.fromHexString("0x" + "42".repeat(32)))
        .withFork(Fork.create(config.electraForkVersion(), config.fuluForkVersion(), UInt64.ZERO))
        .withValidators(s.validators().type().of(validators))
        .withBalances(s.balances().type().of(Collections.nCopies(VALIDATORS, maxEffective)))
        .withPreviousEpochParticipation(s.previousEpochParticipation().type().of(Collections.nCopies(VALIDATORS, 0)))
        .withCurrentEpochParticipation(s.currentEpochParticipation().type().of(Collections.nCopies(VALIDATORS, 0)))
        .withInactivityScores(s.inactivityScores().type().of(Collections.nCopies(VALIDATORS, UInt64.ZERO)))
        .withCurrentSyncCommittee(sync)
        .withNextSyncCommittee(sync);
    BeaconStateFulu fulu = BeaconStateFulu.required(s);
    return fulu.withProposerLookahead(fulu.proposerLookahead().type().of(lookahead));
  }
}

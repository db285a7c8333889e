package io.edvt.node.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.devnet.genesis.DevnetGenesis;
import io.edvt.node.devnet.genesis.DevnetKeys;
import io.edvt.node.devnet.genesis.DevnetParameters;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.state.MutableBeaconStateEdvt;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Liveness from participation on an EDVT genesis of 16 validators, one of them a group of 4
 * members (threshold 3): a plain validator is live by its registry flags, a member by its own
 * flags in the member participation, whatever its group's validator earned; the previous epoch
 * reads the previous lists; indices that name no signer and epochs the state cannot tell are
 * refused by name.
 */
class ParticipationLivenessTest {
  private final SpecVersions versions = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "0")));
  private final DevnetParameters parameters = new DevnetParameters(16, 1, 1, 4, 3, 4 * 32_000_000_000L, 1000, 0, 0, 16);
  private final int group = new DevnetKeys(parameters).groupValidator(0);
  private final BeaconState genesis = new DevnetGenesis(versions, parameters).state();

  @Test
  void aMemberIsLiveByItsOwnFlagsAndAPlainValidatorByTheRegistrys() {
    MutableBeaconState edit = new MutableBeaconState(genesis);
    MutableBeaconStateEdvt edvt = MutableBeaconStateEdvt.toVersionEdvt(edit).orElseThrow();
    edit.setSlot(UInt64.valueOf(8)); // epoch 1 in the minimal preset: the lists are epoch 1's and epoch 0's
    edit.currentEpochParticipation().set(3, 0b010);
    edvt.currentEpochMemberParticipation().set(2, 0b111); // group 0, member 2
    edvt.previousEpochMemberParticipation().set(1, 0b001); // group 0, member 1, the epoch before
    BeaconState state = edit.commit();
    long member1 = VirtualIndex.compute(group, 1);
    long member2 = VirtualIndex.compute(group, 2);

    assertThat(ParticipationLiveness.liveAt(versions, state, UInt64.ONE, indices(3, 4, group, member1, member2)))
        .containsExactly(true, false, false, false, true);
    assertThat(ParticipationLiveness.liveAt(versions, state, UInt64.ZERO, indices(3, member1, member2)))
        .as("the previous epoch").containsExactly(false, true, false);
  }

  @Test
  void indicesThatNameNoSignerAndEpochsTheStateCannotTellAreRefusedByName() {
    assertThatThrownBy(() -> ParticipationLiveness.liveAt(versions, genesis, UInt64.ZERO, indices(1, 16)))
        .hasMessage("body[1]: validator index 16 is not in the registry");
    long memberOfPlain = VirtualIndex.compute(3, 1);
    assertThatThrownBy(() -> ParticipationLiveness.liveAt(versions, genesis, UInt64.ZERO, indices(memberOfPlain)))
        .hasMessage("body[0]: " + memberOfPlain + " names member 1 of validator 3, which has no group");
    assertThatThrownBy(() -> ParticipationLiveness.liveAt(versions, genesis, UInt64.valueOf(2), indices(1)))
        .hasMessage("epoch 2 is neither the head state's epoch 0 nor the one before");
  }

  private static List<UInt64> indices(long... values) {
    return java.util.Arrays.stream(values).mapToObj(UInt64::valueOf).toList();
  }
}

package io.edvt.benchmarks;

import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The fork-choice benchmarks' states: the 1M-validator mainnet bench state ({@link BenchStates})
 * as Fulu, or upgraded to EDVT with {@code G} groups of 7 (threshold 5) carved out of it so that
 * the stake stays that of the 1M validators.
 *
 * <p>A group of 7 stands for 7 validators of 32 ETH: its validator gets an effective balance of
 * 7 × 32 = 224 ETH, and 6 other validators leave (exited an epoch before the state's epoch, no
 * balance), their stake being in the group now. The registry is cut in {@code G} equal blocks;
 * block {@code g} starts with the group's validator and the 6 that left, the rest stay plain. So
 * {@code G = 14,286} is 100,000 validator-equivalents (10 %) in groups and 899,998 plain
 * validators; {@code G = 100,000} is 700,000 in groups (700,000 member keys) and 300,000 plain.
 * Either way one slot's committees hold about 31,250 signing keys, as on Fulu.
 *
 * <p>Member keys are distinct 48-byte strings (the fork choice compares keys, it never
 * decompresses them); each group has one key set, in force long before the state's epoch. The
 * state carries the validator-to-group index a running node's checkpoint states carry (block
 * processing builds it, and states derived from one keep it).
 */
final class GroupedBenchStates {
  static final int GROUP_SIZE = 7;
  static final int THRESHOLD = 5;
  static final int VALIDATORS = 1_000_000;
  /** The bench state's epoch (Lodestar's gen-state: slot 420000 * 32 + 5); EDVT is active from it. */
  static final long STATE_EPOCH = 420_000;
  private static final long GWEI_PER_ETH = 1_000_000_000L;
  private static final long KEY_SET_EPOCH = 400_000;

  private GroupedBenchStates() {}

  /** Mainnet with EDVT from the bench state's epoch, so one config serves both forks. */
  static SpecConfig config() {
    return EdvtConfig.load("mainnet", Map.of("EDVT_FORK_EPOCH", Long.toString(STATE_EPOCH)));
  }

  /** The 1M-validator Fulu bench state, its root checked against Lodestar's. */
  static BeaconState fulu(SpecFulu fulu) {
    BeaconState state = fulu.schemas().beaconState().deserialize(BenchStates.read(VALIDATORS));
    BenchStates.checkRoot(VALIDATORS, state.hash());
    long epoch = fulu.accessors().getCurrentEpoch(new MutableBeaconState(state)).longValue();
    if (epoch != STATE_EPOCH) {
      throw new IllegalStateException("the bench state is at epoch " + epoch + ", not " + STATE_EPOCH);
    }
    return state;
  }

  /** The first validator of group {@code g}'s block of the registry: the group's validator. */
  static int groupValidator(int g, int groups) {
    return g * (VALIDATORS / groups);
  }

  /** {@code base} upgraded to EDVT with {@code groups} groups of 7 (see the class comment). */
  static BeaconState edvt(SpecEdvt edvt, BeaconState base, int groups) {
    MutableBeaconState m = new MutableBeaconState(base);
    SszListEditor<Validator> validators = m.validators();
    UInt64 groupBalance = UInt64.valueOf(GROUP_SIZE * 32 * GWEI_PER_ETH);
    UInt64 left = UInt64.valueOf(STATE_EPOCH - 1);
    for (int g = 0; g < groups; g++) {
      int v = groupValidator(g, groups);
      validators.set(v, validators.get(v).withEffectiveBalance(groupBalance));
      m.balances().set(v, groupBalance);
      for (int k = 1; k < GROUP_SIZE; k++) {
        Validator gone = validators.get(v + k);
        validators.set(v + k, gone.withExitEpoch(left).withWithdrawableEpoch(left).withEffectiveBalance(UInt64.ZERO));
        m.balances().set(v + k, UInt64.ZERO);
      }
    }
    BeaconState fuluState = m.commit();

    SchemaDefinitionsEdvt schemas = edvt.schemas();
    BeaconStateEdvt upgraded = edvt.forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(fuluState));
    MutableBeaconState e = new MutableBeaconState(upgraded);
    @SuppressWarnings("unchecked")
    ListType<GroupKeySet> keySetsType = (ListType<GroupKeySet>) schemas.group().fields().get(1).type();
    List<Group> registered = new ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      int v = groupValidator(g, groups);
      List<Bytes48> keys = new ArrayList<>(GROUP_SIZE);
      for (int j = 0; j < GROUP_SIZE; j++) {
        keys.add(memberKey(v, j));
      }
      GroupKeySet keySet = GroupKeySet.create(schemas.groupKeySet(), UInt64.valueOf(THRESHOLD),
          schemas.groupPubkeys().of(keys), UInt64.valueOf(KEY_SET_EPOCH));
      registered.add(Group.create(schemas.group(), UInt64.valueOf(v), keySetsType.of(List.of(keySet))));
    }
    e.setList(BeaconStateEdvt.GROUPS, schemas.groups().of(registered));
    byte[] participation = new byte[groups * edvt.edvtConfig().maxGroupSize()];
    e.setList(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION,
        schemas.memberParticipation().defaultValue().withBytes(participation));
    e.setList(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION,
        schemas.memberParticipation().defaultValue().withBytes(participation));
    // the validator-to-group index, as block processing leaves it in a node's states
    edvt.accessors().registry().getGroupIndex(e, 0);
    return e.commit();
  }

  /** Member {@code j}'s key of validator {@code v}'s group: distinct bytes no validator uses. */
  static Bytes48 memberKey(int v, int j) {
    byte[] key = new byte[48];
    key[0] = (byte) 0xED;
    key[1] = (byte) j;
    for (int b = 0; b < 4; b++) {
      key[2 + b] = (byte) (v >>> (24 - 8 * b));
    }
    return Bytes48.wrap(key);
  }
}

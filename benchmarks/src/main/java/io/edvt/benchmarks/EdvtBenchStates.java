package io.edvt.benchmarks;

import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The pair of mainnet-preset states the EDVT overhead benchmarks compare (issue 4): the big Fulu
 * bench state ({@link BenchStates}, 1M validators) with 10 % of its stake moved into would-be
 * groups, once as Fulu (no groups) and once upgraded to EDVT with those groups registered.
 * Both states have the same validators, balances and participation flags, so the only difference
 * the epoch transition sees is EDVT's.
 *
 * <p>Mapping of "10 % of stake in groups of 7": a group of 7 members stands for 7 solo stakers,
 * so its validator holds 7 × 32 = 224 ETH (effective balance 224 ETH; the bench state already has
 * 0x02 credentials for everyone, so the balance counts fully). With T0 the total effective
 * balance of the untouched state, turning K 32-ETH validators into 224-ETH group validators gives
 * group stake 224·K of a total T0 + 192·K, which is 10 % for K = T0 / 2048 ETH (about 35,000 of
 * the 1M validators, spread evenly over the registry). Their balances sit inside the hysteresis
 * band, as every balance of the bench state does, so no effective balance changes.
 *
 * <p>Groups: threshold 5 of 7; member keys are distinct 48-byte strings (no signature is checked
 * in epoch processing, so they need not be curve points). Steady state: one key set in force since
 * epoch 400000, groups in {@code state.groups} in a shuffled (registration) order; every 64th group also holds a retired key set (a key change in force since the
 * last period boundary, not yet prunable), every 64th another a pending one, so that
 * {@code process_group_key_set_pruning} walks realistic records but prunes nothing (as in most
 * epochs). Member participation follows the validator's flags under the EDVT tally rule: for each
 * flag the group's validator holds, 5 to 7 members hold it; for each flag it lacks, 0 to 4 do.
 *
 * <p>Both states carry warm caches, as in a running node: the {@code PubkeyIndex} and, for EDVT,
 * the validator-to-group index that attestation processing has built by then and the stored-key
 * index of {@code is_group_pubkey} that the previous epoch's deposits built (both follow the
 * registry into descendant states).
 */
final class EdvtBenchStates {
  static final int GROUP_SIZE = 7;
  static final int THRESHOLD = 5;
  static final long GWEI_PER_ETH = 1_000_000_000L;
  static final long GROUP_BALANCE = GROUP_SIZE * 32 * GWEI_PER_ETH;
  /** The bench state's epoch (Lodestar's gen-state: slot 420000·32 + 5); EDVT is active from it. */
  static final long STATE_EPOCH = 420_000;
  static final long STEADY_KEY_SET_EPOCH = 400_000;

  /** Both forks' specs on one config (EDVT from the state's epoch) and the two pre-states. */
  record Pair(SpecFulu fulu, SpecEdvt edvt, BeaconState fuluState, BeaconState edvtState, int groups) {
    /** The logic of {@code milestone}. */
    public SpecFulu spec(SpecMilestone milestone) {
      return switch (milestone) {
        case FULU -> fulu;
        case EDVT -> edvt;
      };
    }

    /** The state of {@code milestone}. */
    public BeaconState state(SpecMilestone milestone) {
      return switch (milestone) {
        case FULU -> fuluState;
        case EDVT -> edvtState;
      };
    }
}

  private EdvtBenchStates() {}

  static SpecConfig config() {
    return EdvtConfig.load("mainnet", Map.of("EDVT_FORK_EPOCH", Long.toString(STATE_EPOCH)));
  }

  static Pair build(int validators) {
    SpecConfig config = config();
    SpecFulu fulu = new SpecFulu(config);
    SpecEdvt edvt = new SpecEdvt(config);
    BeaconState base = fulu.schemas().beaconState().deserialize(BenchStates.read(validators));
    BenchStates.checkRoot(validators, base.hash());
    if (fulu.accessors().getCurrentEpoch(new MutableBeaconState(base)).longValue() != STATE_EPOCH) {
      throw new IllegalStateException("the bench state is not at epoch " + STATE_EPOCH);
    }

    // --- Fulu: the group validators at 224 ETH, no groups
    MutableBeaconState m = new MutableBeaconState(base);
    SszListEditor<Validator> registry = m.validators();
    int n = registry.size();
    long thirtyTwo = 32 * GWEI_PER_ETH;
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += registry.get(i).effectiveBalance().longValue();
    }
    int k = (int) Math.round(total / (2048.0 * GWEI_PER_ETH));
    BitSet chosen = new BitSet(n);
    int[] groupValidators = new int[k];
    for (int g = 0; g < k; g++) {
      int i = (int) ((long) g * n / k);
      while (chosen.get(i) || registry.get(i).effectiveBalance().longValue() != thirtyTwo) {
        i++;
      }
      chosen.set(i);
      groupValidators[g] = i;
      registry.set(i, registry.get(i).withEffectiveBalance(UInt64.valueOf(GROUP_BALANCE)));
      // inside the hysteresis band [eff - 0.25, eff + 1.25) ETH, like the bench state's balances
      long jitter = Math.floorMod(mix(i, 0, 0), 1_200_000_000L);
      m.balances().set(i, UInt64.valueOf(GROUP_BALANCE - 200_000_000L + jitter));
    }
    BeaconState fuluState = warm(m.commit(), null);

    // --- EDVT: the same state upgraded, with the groups registered
    SchemaDefinitionsEdvt schemas = edvt.schemas();
    BeaconStateEdvt upgraded = edvt.forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(fuluState));
    MutableBeaconState e = new MutableBeaconState(upgraded);
    @SuppressWarnings("unchecked")
    ListType<GroupKeySet> keySetsType = (ListType<GroupKeySet>) schemas.group().fields().get(1).type();
    long period = config.epochsPerSyncCommitteePeriod();
    UInt64 lastBoundary = UInt64.valueOf(STATE_EPOCH / period * period);
    UInt64 nextButOneBoundary = UInt64.valueOf((STATE_EPOCH / period + 2) * period);
    List<Group> groups = new ArrayList<>(k);
    int maxGroupSize = SpecConfigEdvt.of(config).maxGroupSize();
    byte[] previous = new byte[k * maxGroupSize];
    byte[] current = new byte[k * maxGroupSize];
    byte[] validatorPrevious = fuluState.previousEpochParticipation().toByteArray();
    byte[] validatorCurrent = fuluState.currentEpochParticipation().toByteArray();
    // registration order is not registry order: the groups sit in state.groups in a shuffled order
    for (int g = k - 1; g > 0; g--) {
      int j = (int) Math.floorMod(mix(g, 7, 7), g + 1);
      int t = groupValidators[g];
      groupValidators[g] = groupValidators[j];
      groupValidators[j] = t;
    }
    for (int g = 0; g < k; g++) {
      int v = groupValidators[g];
      List<GroupKeySet> sets = new ArrayList<>(2);
      if (g % 64 == 1) {
        sets.add(keySet(schemas, v, 1, UInt64.valueOf(STEADY_KEY_SET_EPOCH)));
        sets.add(keySet(schemas, v, 0, lastBoundary));
      } else if (g % 64 == 2) {
        sets.add(keySet(schemas, v, 0, UInt64.valueOf(STEADY_KEY_SET_EPOCH)));
        sets.add(keySet(schemas, v, 1, nextButOneBoundary));
      } else {
        sets.add(keySet(schemas, v, 0, UInt64.valueOf(STEADY_KEY_SET_EPOCH)));
      }
      groups.add(Group.create(schemas.group(), UInt64.valueOf(v), keySetsType.of(sets)));
      memberFlags(previous, g * maxGroupSize, validatorPrevious[v], v, 1);
      memberFlags(current, g * maxGroupSize, validatorCurrent[v], v, 2);
    }
    e.setList(BeaconStateEdvt.GROUPS, schemas.groups().of(groups));
    e.setList(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION, schemas.memberParticipation().defaultValue().withBytes(previous));
    e.setList(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION, schemas.memberParticipation().defaultValue().withBytes(current));
    BeaconState edvtState = warm(e.commit(), edvt);
    return new Pair(fulu, edvt, fuluState, edvtState, k);
  }

  /** Builds the caches a running node has (pubkey index; EDVT: group index) and hashes the state. */
  private static BeaconState warm(BeaconState state, SpecEdvt edvt) {
    MutableBeaconState w = new MutableBeaconState(state);
    PubkeyIndex.of(w).indexOf(w, w.validators().get(0).pubkey());
    if (edvt != null) {
      edvt.accessors().registry().getGroupIndex(w, 0);
      edvt.blockProcessor().groupOperations().isGroupPubkey(w, Bytes48.ZERO);
    }
    BeaconState out = w.commit();
    out.hash();
    return out;
  }

  /**
   * Member flags of one group at {@code offset}: per flag bit, 5-7 of the 7 members (from a
   * rotating start) if the validator holds the flag, else 0-4, so the tally rule gives exactly the
   * validator's flags.
   */
  private static void memberFlags(byte[] out, int offset, byte validatorFlags, int v, int salt) {
    for (int bit = 0; bit < 3; bit++) {
      long h = mix(v, salt, bit);
      int holders = (validatorFlags & (1 << bit)) != 0
          ? THRESHOLD + (int) Math.floorMod(h, GROUP_SIZE - THRESHOLD + 1)
          : (int) Math.floorMod(h, THRESHOLD);
      int start = (int) Math.floorMod(h >>> 20, GROUP_SIZE);
      for (int t = 0; t < holders; t++) {
        out[offset + (start + t) % GROUP_SIZE] |= (byte) (1 << bit);
      }
    }
  }

  private static GroupKeySet keySet(SchemaDefinitionsEdvt schemas, int validator, int generation, UInt64 activation) {
    List<Bytes48> keys = new ArrayList<>(GROUP_SIZE);
    for (int j = 0; j < GROUP_SIZE; j++) {
      keys.add(Bytes48.wrap(fakeKey(validator, generation, j)));
    }
    return GroupKeySet.create(schemas.groupKeySet(), UInt64.valueOf(THRESHOLD), schemas.groupPubkeys().of(keys), activation);
  }

  /** 48 bytes from SHA-256 of (label, validator, generation, member): distinct, deterministic. */
  private static byte[] fakeKey(int validator, int generation, int member) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] out = new byte[48];
      for (int half = 0; half < 2; half++) {
        sha.update("edvt-bench/member-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        sha.update(ByteBuffer.allocate(16).putInt(validator).putInt(generation).putInt(member).putInt(half).array());
        System.arraycopy(sha.digest(), 0, out, half * 24, 24);
      }
      return out;
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** A deterministic 64-bit mix (SplitMix64 finalizer) of three ints. */
  static long mix(int a, int b, int c) {
    long z = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + c * 0x165667B19E3779F9L + 0x27D4EB2F165667C5L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

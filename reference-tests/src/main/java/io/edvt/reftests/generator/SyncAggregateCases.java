package io.edvt.reftests.generator;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.testing.Signer;
import io.edvt.spec.testing.ValidatorKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@code operations/sync_aggregate}: validators 0..7 are 3-of-4 groups whose members hold sync
 * committee seats; aggregates where each group's block of seats has its {@code m}-of-{@code n}
 * share of bits, one fewer, every seat, and a bit without its signature.
 */
final class SyncAggregateCases {
  private final OperationCases ops;
  private final EdvtStates states;
  private final EdvtFixtures f;
  private final SpecEdvt edvt;
  private final SpecConfig config;
  private final int slotsPerEpoch;

  SyncAggregateCases(OperationCases ops, EdvtStates states) {
    this.ops = ops;
    this.states = states;
    this.f = states.fixtures();
    this.edvt = states.edvt();
    this.config = states.config();
    this.slotsPerEpoch = states.slotsPerEpoch();
  }

  void all() {
    syncAggregates();
  }

  private static final int SYNC_GROUPS = 8;
  private static final int SYNC_N = 4;
  private static final int SYNC_M = 3;

  /** Validators 0..7 in 3-of-4 groups; the sync committees seat their members (as at a period boundary). */
  private MutableBeaconState syncState() {
    MutableBeaconState state = new MutableBeaconState(f.edvtAt(2L * slotsPerEpoch + 3));
    for (int v = 0; v < SYNC_GROUPS; v++) {
      EdvtFixtures.setEffectiveBalance(state, v, config.maxEffectiveBalanceElectra());
      f.addGroup(state, v, SYNC_M, SYNC_N);
    }
    return new MutableBeaconState(states.fresh(state.commit()));
  }

  /**
   * The committee bits where each group's block of seats gets {@code ceil(m * s / n)} bits when
   * {@code atThreshold.test(validator)}, one fewer otherwise; plain seats are all set.
   */
  private boolean[] seatBits(MutableBeaconState state, IntPredicate atThreshold) {
    long[] seats = edvt.epochProcessor().syncCommittee().getCurrentSyncCommitteeIndices(state);
    boolean[] bits = new boolean[seats.length];
    int seat = 0;
    while (seat < seats.length) {
      int validator = (int) VirtualIndex.validatorIndexOf(seats[seat]);
      boolean group = validator < SYNC_GROUPS;
      int size = group ? Math.min(SYNC_N, seats.length - seat) : 1;
      int threshold = group ? (SYNC_M * size + SYNC_N - 1) / SYNC_N : 1;
      int set = !group || atThreshold.test(validator) ? threshold : threshold - 1;
      for (int i = 0; i < set; i++) {
        bits[seat + i] = true;
      }
      seat += size;
    }
    return bits;
  }

  /**
   * Every seated group validator (but the block's proposer, who also gets the proposer's share)
   * gains when {@code atThreshold} says its seats reached m of n, and loses otherwise.
   */
  private Outcome paysGroups(IntPredicate atThreshold) {
    return Outcome.accepted("seated groups at threshold are rewarded, those below are penalised", (pre, post) -> {
      MutableBeaconState view = new MutableBeaconState(pre);
      int proposer = edvt.accessors().getBeaconProposerIndex(view);
      long[] seats = edvt.epochProcessor().syncCommittee().getCurrentSyncCommitteeIndices(view);
      java.util.Set<Integer> seated = new java.util.TreeSet<>();
      for (long seat : seats) {
        int v = (int) VirtualIndex.validatorIndexOf(seat);
        if (v < SYNC_GROUPS && v != proposer) {
          seated.add(v);
        }
      }
      return !seated.isEmpty() && seated.stream().allMatch(v -> atThreshold.test(v)
          ? GroupEffects.balance(post, v) > GroupEffects.balance(pre, v)
          : GroupEffects.balance(post, v) < GroupEffects.balance(pre, v));
    });
  }

  private SyncAggregate syncAggregate(MutableBeaconState state, boolean[] bits, boolean[] signed) {
    ValidatorKeys keys = ValidatorKeys.interop(EdvtFixtures.VALIDATORS);
    for (int v = 0; v < SYNC_GROUPS; v++) {
      for (int j = 0; j < SYNC_N; j++) {
        keys.add(EdvtFixtures.memberKey(v, j));
      }
    }
    List<BlsSecretKey> signers = new ArrayList<>();
    SszBits committeeBits = SszBits.zeros(bits.length);
    for (int i = 0; i < bits.length; i++) {
      committeeBits = committeeBits.with(i, bits[i]);
      if (signed[i]) {
        signers.add(keys.get(state.currentSyncCommittee().pubkeys().get(i)));
      }
    }
    UInt64 previousSlot = state.slot().minus(1);
    Bytes32 blockRoot = edvt.accessors().getBlockRootAtSlot(state, previousSlot);
    Bytes signature = new Signer(edvt, keys).syncCommittee(state, blockRoot, previousSlot, signers);
    return SyncAggregate.create(edvt.schemas().syncAggregate(), committeeBits, signature);
  }

  private void syncAggregates() {
    // each rule: which groups' blocks of seats get their m-of-n share of bits (the others one fewer)
    Map<String, IntPredicate> rules = new LinkedHashMap<>();
    rules.put("valid_groups_at_threshold", v -> true);
    rules.put("valid_groups_below_threshold", v -> false);
    rules.put("valid_even_groups_at_threshold_odd_below", v -> v % 2 == 0);
    for (var e : rules.entrySet()) {
      MutableBeaconState s = syncState();
      boolean[] bits = seatBits(s, e.getValue());
      SyncAggregate op = syncAggregate(s, bits, bits);
      ops.write("sync_aggregate", "sync_aggregate", e.getKey(), s, op.serialize(),
          w -> edvt.blockProcessor().processSyncAggregate(w, op, SignatureVerifier.SIMPLE), paysGroups(e.getValue()));
    }
    {
      MutableBeaconState s = syncState();
      boolean[] all = new boolean[config.syncCommitteeSize()];
      Arrays.fill(all, true);
      SyncAggregate op = syncAggregate(s, all, all);
      ops.write("sync_aggregate", "sync_aggregate", "valid_all_seats", s, op.serialize(),
          w -> edvt.blockProcessor().processSyncAggregate(w, op, SignatureVerifier.SIMPLE), paysGroups(v -> true));
    }
    {
      MutableBeaconState s = syncState();
      boolean[] bits = seatBits(s, v -> true);
      boolean[] signed = bits.clone();
      for (int i = 0; i < signed.length; i++) {
        if (signed[i]) {
          signed[i] = false; // the first set bit's seat did not sign
          break;
        }
      }
      SyncAggregate op = syncAggregate(s, bits, signed);
      ops.write("sync_aggregate", "sync_aggregate", "invalid_seat_bit_without_signature", s, op.serialize(),
          w -> edvt.blockProcessor().processSyncAggregate(w, op, SignatureVerifier.SIMPLE),
          Outcome.rejectedBy("eth_fast_aggregate_verify("));
    }
  }
}

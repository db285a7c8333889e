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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@code operations/sync_aggregate}: validators 0..7 are 3-of-4 groups with large balances, so their
 * members hold many seats, one member per seat; aggregates where every seat signs, where the groups'
 * seats are missing, where only some members of each group sign, and a bit without its signature.
 * Each case checks that rewards are per seat: every seated validator but the proposer moves by the
 * same participant reward times (its set seats - its unset seats).
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
    MutableBeaconState seated = new MutableBeaconState(states.fresh(state.commit()));
    GroupChains.check(groupSeatsOfMembers(seated).size() >= 3,
        "sync_aggregate: the groups' seats are held by at least three different members");
    return seated;
  }

  /** The member indices that hold the groups' seats. */
  private Set<Integer> groupSeatsOfMembers(MutableBeaconState state) {
    Set<Integer> members = new TreeSet<>();
    for (long seat : edvt.epochProcessor().syncCommittee().getCurrentSyncCommitteeIndices(state)) {
      if (VirtualIndex.validatorIndexOf(seat) < SYNC_GROUPS) {
        members.add((int) VirtualIndex.memberIndexOf(seat));
      }
    }
    return members;
  }

  /** The committee bits: a group's seat is set when {@code signs} accepts its holder, a plain seat always. */
  private boolean[] seatBits(MutableBeaconState state, SeatFilter signs) {
    long[] seats = edvt.epochProcessor().syncCommittee().getCurrentSyncCommitteeIndices(state);
    boolean[] bits = new boolean[seats.length];
    for (int seat = 0; seat < seats.length; seat++) {
      int validator = (int) VirtualIndex.validatorIndexOf(seats[seat]);
      bits[seat] = validator >= SYNC_GROUPS || signs.test(validator, (int) VirtualIndex.memberIndexOf(seats[seat]));
    }
    return bits;
  }

  /** Whether the member {@code member} of group validator {@code validator} signs. */
  private interface SeatFilter {
    boolean test(int validator, int member);
  }

  /**
   * Rewards per seat: every seated validator but the block's proposer (who also earns the
   * proposer's share) has its balance moved by {@code k * (set seats - unset seats)}, with one
   * {@code k > 0} for all of them (Fulu's participant reward; a validator whose seats cancel out
   * does not move).
   */
  private Outcome paysPerSeat(boolean[] bits, String what) {
    return Outcome.accepted(what, (pre, post) -> {
      MutableBeaconState view = new MutableBeaconState(pre);
      int proposer = edvt.accessors().getBeaconProposerIndex(view);
      long[] seats = edvt.epochProcessor().syncCommittee().getCurrentSyncCommitteeIndices(view);
      Map<Integer, Integer> net = new TreeMap<>();
      for (int seat = 0; seat < seats.length; seat++) {
        net.merge((int) VirtualIndex.validatorIndexOf(seats[seat]), bits[seat] ? 1 : -1, Integer::sum);
      }
      net.remove(proposer);
      Long reward = null;
      for (var e : net.entrySet()) {
        long change = GroupEffects.balance(post, e.getKey()) - GroupEffects.balance(pre, e.getKey());
        if (e.getValue() == 0) {
          if (change != 0) {
            return false;
          }
          continue;
        }
        if (change % e.getValue() != 0) {
          return false;
        }
        long k = change / e.getValue();
        if (k <= 0 || (reward != null && k != reward)) {
          return false;
        }
        reward = k;
      }
      return reward != null;
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
    Map<String, SeatFilter> cases = new LinkedHashMap<>();
    cases.put("valid_all_seats", (v, member) -> true);
    cases.put("valid_group_seats_missing", (v, member) -> false);
    // 2 of 4 members sign for every group: below m = 3, and each seat still pays its own reward
    cases.put("valid_group_members_0_and_1_sign", (v, member) -> member < 2);
    cases.put("valid_even_groups_sign_odd_groups_missing", (v, member) -> v % 2 == 0);
    for (var e : cases.entrySet()) {
      MutableBeaconState s = syncState();
      boolean[] bits = seatBits(s, e.getValue());
      SyncAggregate op = syncAggregate(s, bits, bits);
      ops.write("sync_aggregate", "sync_aggregate", e.getKey(), s, op.serialize(),
          w -> edvt.blockProcessor().processSyncAggregate(w, op, SignatureVerifier.SIMPLE),
          paysPerSeat(bits, "each seat pays its holder's validator one participant reward, or charges it one"));
    }
    {
      MutableBeaconState s = syncState();
      boolean[] bits = seatBits(s, (v, member) -> true);
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

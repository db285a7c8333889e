package io.edvt.node.validator.duties;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The duties of a set of keys in an epoch, from a state of that epoch or the one before (the head
 * state advanced to the epoch; committees are known one epoch ahead, proposers from Fulu's
 * proposer lookahead).
 *
 * <p>Keys are matched to signers with no configuration: each key's roles come from
 * {@link MemberAssignments} (EDVT {@code get_member_assignments}), so a member key of a group acts as
 * that member's {@code VirtualIndex} and a plain validator's key as its validator index. On an EDVT
 * state committees are the expanded ones ({@code get_expanded_beacon_committee}): positions and
 * lengths count signers. A group whose key set has {@code 2m <= n} is warned about once: two
 * disjoint signer sets could then both reach the threshold, and per-key slashing protection no
 * longer keeps the group safe (validator.md, "How to avoid slashing").
 */
public final class DutyCalculator {
  /** {@code TARGET_AGGREGATORS_PER_COMMITTEE} of the Phase 0 validator guide. */
  public static final int TARGET_AGGREGATORS_PER_COMMITTEE = 16;
  private static final System.Logger LOG = System.getLogger(DutyCalculator.class.getName());

  private final SpecVersions versions;
  private final Set<Long> warnedGroups = ConcurrentHashMap.newKeySet();

  public DutyCalculator(SpecVersions versions) {
    this.versions = versions;
  }

  /** The roles of each key at {@code epoch}, from {@code state} (keys without a role are absent). */
  public Map<BlsPublicKey, List<MemberAssignment>> assignments(BeaconState state, UInt64 epoch, Collection<BlsPublicKey> keys) {
    MutableBeaconState view = new MutableBeaconState(state);
    Map<BlsPublicKey, List<MemberAssignment>> out = new HashMap<>();
    for (BlsPublicKey key : keys) {
      List<MemberAssignment> active = new ArrayList<>();
      for (MemberAssignment a : MemberAssignments.find(versions, view, key.toBytes())) {
        if (a.activeAt(epoch)) {
          active.add(a);
          warnIfUnsafe(a);
        }
      }
      if (!active.isEmpty()) {
        out.put(key, active);
      }
    }
    return out;
  }

  private void warnIfUnsafe(MemberAssignment a) {
    if (a.isGroupMember() && 2 * a.threshold() <= a.memberCount() && warnedGroups.add(a.validatorIndex())) {
      LOG.log(System.Logger.Level.WARNING, "Group of validator {0} has threshold {1} of {2} members (2m <= n): two disjoint "
          + "sets of members can both sign, so per-key slashing protection cannot keep this group from being slashed",
          a.validatorIndex(), a.threshold(), a.memberCount());
    }
  }

  /** Whether the once-per-group warning about {@code 2m <= n} was given for {@code validatorIndex}. */
  public boolean warnedAbout(long validatorIndex) {
    return warnedGroups.contains(validatorIndex);
  }

  /**
   * The duties of {@code keys} in {@code epoch}: {@code state}'s current epoch or the next one.
   * Sync committee seats are those of {@code state}'s current sync committee.
   */
  public Duties duties(BeaconState state, UInt64 epoch, Collection<BlsPublicKey> keys) {
    SpecFulu spec = versions.forState(state);
    MutableBeaconState view = new MutableBeaconState(state);
    UInt64 currentEpoch = spec.accessors().getCurrentEpoch(view);
    if (epoch.isLessThan(currentEpoch) || epoch.isGreaterThan(currentEpoch.plus(1))) {
      throw new IllegalArgumentException("duties of epoch " + epoch + " need a state of that epoch or the one before, not of epoch " + currentEpoch);
    }
    Map<BlsPublicKey, List<MemberAssignment>> assignments = assignments(state, epoch, keys);
    Map<Long, BlsPublicKey> bySigner = new HashMap<>();
    Map<Long, List<Map.Entry<BlsPublicKey, MemberAssignment>>> groupMembers = new HashMap<>();
    for (Map.Entry<BlsPublicKey, List<MemberAssignment>> e : assignments.entrySet()) {
      for (MemberAssignment a : e.getValue()) {
        bySigner.put(a.virtualIndex(), e.getKey());
        if (a.isGroupMember()) {
          groupMembers.computeIfAbsent(a.validatorIndex(), v -> new ArrayList<>()).add(Map.entry(e.getKey(), a));
        }
      }
    }
    boolean edvt = SpecVersions.milestoneOf(state) == SpecMilestone.EDVT;
    List<Duties.Attester> attesters = new ArrayList<>();
    int slotsPerEpoch = (int) spec.config().slotsPerEpoch();
    UInt64 start = spec.misc().computeStartSlotAtEpoch(epoch);
    int committees = spec.accessors().getCommitteeCountPerSlot(view, epoch);
    for (int s = 0; s < slotsPerEpoch; s++) {
      UInt64 slot = start.plus(s);
      for (int c = 0; c < committees; c++) {
        long[] committee = committee(view, slot, c, edvt);
        for (int position = 0; position < committee.length; position++) {
          BlsPublicKey key = bySigner.get(committee[position]);
          if (key != null) {
            attesters.add(new Duties.Attester(key, committee[position], slot, c, committee.length, position, committees));
          }
        }
      }
    }
    List<Duties.Proposer> proposers = new ArrayList<>();
    List<Duties.GroupProposer> groupProposers = new ArrayList<>();
    long[] proposerIndices = proposerIndices(state, epoch);
    for (int s = 0; s < slotsPerEpoch; s++) {
      long proposer = proposerIndices[s];
      UInt64 slot = start.plus(s);
      BlsPublicKey own = bySigner.get(proposer);
      if (own != null && !groupMembers.containsKey(proposer)) {
        proposers.add(new Duties.Proposer(own, proposer, slot));
      }
      for (Map.Entry<BlsPublicKey, MemberAssignment> member : groupMembers.getOrDefault(proposer, List.of())) {
        groupProposers.add(new Duties.GroupProposer(member.getKey(), member.getValue(), slot));
      }
    }
    List<Duties.SyncMember> sync = new ArrayList<>();
    var syncPubkeys = view.currentSyncCommittee().pubkeys();
    Map<Bytes48, List<Integer>> seats = new HashMap<>();
    for (int i = 0; i < syncPubkeys.size(); i++) {
      seats.computeIfAbsent(syncPubkeys.get(i), k -> new ArrayList<>()).add(i);
    }
    for (Map.Entry<BlsPublicKey, List<MemberAssignment>> e : assignments.entrySet()) {
      List<Integer> positions = seats.get(e.getKey().toBytes());
      if (positions != null) {
        sync.add(new Duties.SyncMember(e.getKey(), e.getValue().get(0).virtualIndex(), positions));
      }
    }
    return new Duties(epoch, attesters, proposers, groupProposers, sync);
  }

  /**
   * The proposer of each slot of {@code epoch} (Fulu's {@code proposer_lookahead}), from a state of
   * that epoch or the one before: all validators', for the Beacon API's proposer duties.
   */
  public long[] proposerIndices(BeaconState state, UInt64 epoch) {
    SpecFulu spec = versions.forState(state);
    MutableBeaconState view = new MutableBeaconState(state);
    UInt64 currentEpoch = spec.accessors().getCurrentEpoch(view);
    if (epoch.isLessThan(currentEpoch) || epoch.isGreaterThan(currentEpoch.plus(1))) {
      throw new IllegalArgumentException("proposers of epoch " + epoch + " need a state of that epoch or the one before, not of epoch " + currentEpoch);
    }
    int slotsPerEpoch = (int) spec.config().slotsPerEpoch();
    int offset = epoch.equals(currentEpoch) ? 0 : slotsPerEpoch;
    long[] out = new long[slotsPerEpoch];
    for (int s = 0; s < slotsPerEpoch; s++) {
      out[s] = view.proposerLookahead().get(offset + s).longValue();
    }
    return out;
  }

  private long[] committee(MutableBeaconState view, UInt64 slot, int index, boolean edvt) {
    if (edvt) {
      return versions.edvt().accessors().getExpandedBeaconCommittee(view, slot, index);
    }
    int[] plain = versions.fulu().accessors().getBeaconCommittee(view, slot, index);
    long[] out = new long[plain.length];
    for (int i = 0; i < plain.length; i++) {
      out[i] = plain[i];
    }
    return out;
  }

  /**
   * {@code is_aggregator} (Phase 0; modified in EDVT to count the expanded committee):
   * {@code bytes_to_uint64(hash(slot_signature)[0:8]) % max(1, committee_length // TARGET) == 0}.
   */
  public static boolean isAggregator(int committeeLength, Bytes slotSignature) {
    long modulo = Math.max(1, committeeLength / TARGET_AGGREGATORS_PER_COMMITTEE);
    long value = ByteBuffer.wrap(Sha256.hash(slotSignature.toArrayUnsafe()), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return Long.remainderUnsigned(value, modulo) == 0;
  }
}

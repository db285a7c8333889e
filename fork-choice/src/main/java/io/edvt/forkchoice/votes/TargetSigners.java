package io.edvt.forkchoice.votes;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Who the attesting indices of one target checkpoint state name at one target epoch, as EDVT's
 * {@code on_attestation} resolves them ({@code get_virtual_pubkey(target_state, index, epoch)}),
 * worked out once per state and epoch and reused by every later attestation with that target.
 *
 * <p>A node sees each key in many aggregates and blocks, all checked against the same few target
 * states, and most attesters have no group: looking each index up in the registry again (a map
 * lookup per plain index; a state read and a lookup by public key per member) made EDVT's vote
 * layer slower than Fulu's by far more than the groups' own bookkeeping. Here a plain validator
 * is one bit test (Fulu's tracker takes the index as it is), and a group's key set is named the first time one of its members attests
 * with this target ({@link KnownKeySets} carries the names over from earlier targets).
 *
 * <p>Exact because a {@link BeaconState} never changes: its groups, their key sets and its
 * validators' keys are fixed.
 */
final class TargetSigners {
  private final BeaconState state;
  private final long epoch;
  private final MutableBeaconState view;
  private final KnownKeySets known;
  private final int validatorCount;
  // Bit v: validator v has a group. rankBefore[w]: the groups of the validators below word w, so a
  // group's position in validator order is found with one word and one count (no search).
  private final long[] hasGroup;
  private final int[] rankBefore;
  // the state's groups ordered by validator index: their records and resolutions
  private final Group[] groups;
  private final KnownKeySets.Resolved[] resolved;

  TargetSigners(BeaconState state, UInt64 epoch, KnownKeySets known) {
    this.state = state;
    this.epoch = epoch.longValue();
    this.view = new MutableBeaconState(state);
    this.known = known;
    this.validatorCount = view.validators().size();
    // A Fulu state (before the fork, on a chain that crosses it) has no groups.
    List<Group> registered = EdvtVoteLayer.hasGroupRegistry(state)
        ? view.<Group>listValue(BeaconStateEdvt.GROUPS).asList() : List.of();
    int n = registered.size();
    long[] byValidator = new long[n]; // validator index << 32 | position in state.groups
    Group[] inOrder = new Group[n];
    int position = 0;
    for (Group group : registered) {
      inOrder[position] = group;
      byValidator[position] = group.validatorIndex().longValue() << 32 | position;
      position++;
    }
    Arrays.sort(byValidator);
    this.hasGroup = new long[(validatorCount + 63) >>> 6];
    Group[] ordered = new Group[n];
    int distinct = 0;
    int previous = -1;
    for (long entry : byValidator) {
      int v = (int) (entry >>> 32);
      if (v == previous || v >= validatorCount) {
        continue; // get_group_index: the first group of a validator is its group
      }
      previous = v;
      hasGroup[v >>> 6] |= 1L << v;
      ordered[distinct++] = inOrder[(int) entry];
    }
    this.rankBefore = new int[hasGroup.length];
    int count = 0;
    for (int w = 0; w < hasGroup.length; w++) {
      rankBefore[w] = count;
      count += Long.bitCount(hasGroup[w]);
    }
    this.groups = Arrays.copyOf(ordered, distinct);
    this.resolved = new KnownKeySets.Resolved[distinct];
  }

  /** Whether these are the signers of {@code state} (the same object) at {@code epoch}. */
  boolean isFor(BeaconState other, UInt64 otherEpoch) {
    return other == state && otherEpoch.longValue() == epoch;
  }

  /** The number of validators in the state (indices at or above name no one). */
  int validatorCount() {
    return validatorCount;
  }

  /** Whether validator {@code v} (below {@link #validatorCount}) has no group: its one signer is its own key, as member 0. */
  boolean isPlain(int v) {
    return (hasGroup[v >>> 6] & 1L << v) == 0;
  }

  /**
   * The signers of validator {@code v}'s key set in force at the epoch (the plain key set for a
   * validator without a group), named on first use.
   */
  KnownKeySets.Resolved signersOf(int v) {
    if (isPlain(v)) {
      Bytes48 own = view.validators().get(v).pubkey();
      return new KnownKeySets.Resolved(new int[] {KnownKeySets.OWN_KEY}, new Bytes48[] {own});
    }
    long word = hasGroup[v >>> 6];
    int position = rankBefore[v >>> 6] + Long.bitCount(word & ((1L << v) - 1));
    KnownKeySets.Resolved r = resolved[position];
    if (r == null) {
      r = known.resolve(v, groups[position], epoch, () -> view.validators().get(v).pubkey());
      resolved[position] = r;
    }
    return r;
  }
}

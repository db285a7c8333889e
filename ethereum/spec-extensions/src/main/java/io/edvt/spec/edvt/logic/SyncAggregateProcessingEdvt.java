package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.rewards.GroupSyncCommitteeRule;
import io.edvt.rewards.GroupThreshold;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.logic.versions.fulu.SyncAggregateProcessingFulu;

/**
 * Fulu's {@code process_sync_aggregate} with EDVT's rewards: one block of seats at a time (a
 * validator's draw, {@code n} seats for {@code n} members, fewer when truncated at the end of the
 * committee), rewarded by {@link GroupSyncCommitteeRule} ({@code ceil(m * s / n)} set bits of a
 * block of {@code s} seats earn {@code s} rewards, otherwise {@code s} penalties). Signature
 * verification is Fulu's: the committee holds member keys.
 */
public class SyncAggregateProcessingEdvt extends SyncAggregateProcessingFulu {
  private final GroupRegistryEdvt registry;
  private final SyncCommitteeEdvt syncCommittee;

  public SyncAggregateProcessingEdvt(SpecFulu spec) {
    super(spec);
    SchemaDefinitionsEdvt schemas = (SchemaDefinitionsEdvt) spec.schemas();
    this.registry = new GroupRegistryEdvt(spec.config(), schemas);
    this.syncCommittee = new SyncCommitteeEdvt(spec.config(), schemas, spec.accessors(), registry);
  }

  @Override
  protected void applyRewards(MutableBeaconState state, SszBits committeeBits, SyncAggregateRewards rewards) {
    UInt64 participantReward = rewards.participantReward();
    UInt64 proposerReward = rewards.proposerReward();
    long[] committeeIndices = syncCommittee.getCurrentSyncCommitteeIndices(state);
    int proposerIndex = accessors.getBeaconProposerIndex(state);
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    int size = config.syncCommitteeSize();
    int seat = 0;
    while (seat < size) {
      // The seat starts a block: it holds member 0 of its validator
      int participantIndex = (int) GroupRegistryEdvt.getValidatorIndexOf(committeeIndices[seat]);
      GroupThreshold group = GroupThreshold.PLAIN; // the plain key set: one key, threshold 1
      if (registry.getGroupIndex(state, participantIndex).isPresent()) {
        GroupKeySet keySet = registry.getValidatorKeySet(state, participantIndex, currentEpoch).orElseThrow(() ->
            new StateTransitionException("assertion failed: validator " + participantIndex + " has a key set in force"));
        group = new GroupThreshold(keySet.threshold().intValue(), keySet.pubkeys().size());
      }
      int blockSize = Math.min(group.memberCount(), size - seat);
      int participationCount = 0;
      for (int i = seat; i < seat + blockSize; i++) {
        if (committeeBits.get(i)) {
          participationCount++;
        }
      }
      if (GroupSyncCommitteeRule.earns(group, blockSize, participationCount)) {
        mutators.increaseBalance(state, participantIndex, participantReward.times(blockSize));
        mutators.increaseBalance(state, proposerIndex, proposerReward.times(blockSize));
      } else {
        mutators.decreaseBalance(state, participantIndex, participantReward.times(blockSize));
      }
      seat += blockSize;
    }
  }
}

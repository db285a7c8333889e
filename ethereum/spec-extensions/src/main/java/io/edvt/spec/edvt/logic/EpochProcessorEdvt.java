package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.ssz.tree.ZeroNode;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.EpochProcessorFulu;
import io.edvt.spec.logic.versions.fulu.PendingDepositsFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.logic.versions.fulu.ValidatorUpdatesFulu;

/**
 * {@code process_epoch} (EDVT): Fulu's steps, with {@code process_registry_updates} ejecting at
 * {@code get_validator_ejection_balance}, {@code apply_pending_deposit} dropping deposits of
 * stored group keys, {@code process_participation_flag_updates} rotating the member lists too,
 * {@code process_sync_committee_updates} computing the committee with groups, and the new
 * {@code process_group_key_set_pruning} last.
 */
public class EpochProcessorEdvt extends EpochProcessorFulu {
  private GroupRegistryEdvt registry;
  private GroupOperationsEdvt groupOperations;
  private SyncCommitteeEdvt syncCommittee;

  public EpochProcessorEdvt(SpecFulu spec) {
    super(spec);
    registry();
    syncCommittee = new SyncCommitteeEdvt(config, (SchemaDefinitionsEdvt) spec.schemas(), accessors, registry);
  }

  // Built on first use: the part factories run inside the super constructor, before this class's fields are set.
  private GroupRegistryEdvt registry() {
    if (registry == null) {
      registry = new GroupRegistryEdvt(spec.config(), (SchemaDefinitionsEdvt) spec.schemas());
    }
    return registry;
  }

  private GroupOperationsEdvt groupOperations() {
    if (groupOperations == null) {
      groupOperations = new GroupOperationsEdvt(spec);
    }
    return groupOperations;
  }

  @Override
  protected ValidatorUpdatesFulu createValidatorUpdates() {
    return new ValidatorUpdatesEdvt(spec.config(), spec.misc(), spec.accessors(), spec.mutators(), registry());
  }

  @Override
  protected PendingDepositsFulu createPendingDeposits() {
    return new PendingDepositsEdvt(spec.config(), spec.misc(), spec.accessors(), spec.mutators(), groupOperations());
  }

  /** The sync committee accessors this processor uses. */
  public SyncCommitteeEdvt syncCommittee() {
    return syncCommittee;
  }

  /** {@code process_epoch} (EDVT): Fulu's steps, then {@code process_group_key_set_pruning}. */
  @Override
  public void processEpoch(MutableBeaconState state, SignatureVerifier depositSignatures) {
    super.processEpoch(state, depositSignatures);
    processGroupKeySetPruning(state);
  }

  /** {@code process_participation_flag_updates} (EDVT): the member lists rotate with the validator lists. */
  @Override
  public void processParticipationFlagUpdates(MutableBeaconState state) {
    super.processParticipationFlagUpdates(state);
    SszList<Integer> current = state.listValue(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION);
    int n = registry().groups(state).size() * config.maxGroupSize();
    int depth = current.type().contentDepth(n);
    state.setList(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION, current);
    state.setList(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION,
        SszList.wrap(current.type(), ZeroNode.of(depth), depth, n));
  }

  /** {@code process_sync_committee_updates} (Altair) through EDVT's {@code get_next_sync_committee}. */
  @Override
  public void processSyncCommitteeUpdates(MutableBeaconState state) {
    UInt64 nextEpoch = accessors.getCurrentEpoch(state).plus(1);
    if (nextEpoch.mod(config.epochsPerSyncCommitteePeriod()).isZero()) {
      state.setCurrentSyncCommittee(state.nextSyncCommittee());
      state.setNextSyncCommittee(syncCommittee.getNextSyncCommittee(state));
    }
  }

  /**
   * {@code process_group_key_set_pruning}: drop a group's oldest key set once the next one has
   * been in force for {@code MIN_VALIDATOR_WITHDRAWABILITY_DELAY} epochs (by the next epoch).
   */
  public void processGroupKeySetPruning(MutableBeaconState state) {
    UInt64 nextEpoch = accessors.getCurrentEpoch(state).plus(1);
    long delay = config.minValidatorWithdrawabilityDelay();
    // Only a group whose second key set is old enough loses one: the index names them without reading every record
    SszListEditor<Group> groups = registry().groups(state);
    for (int g : registry().index(state).groupsDueForPruning(nextEpoch.longValue(), delay)) {
      Group group = groups.get(g);
      SszList<GroupKeySet> keySets = group.keySets();
      int first = 0;
      while (keySets.size() - first > 1
          && keySets.get(first + 1).activationEpoch().plus(delay).isLessThanOrEqualTo(nextEpoch)) {
        first++;
      }
      if (first > 0) {
        groups.set(g, group.withKeySets(keySets.sliceFrom(first)));
      }
    }
  }
}

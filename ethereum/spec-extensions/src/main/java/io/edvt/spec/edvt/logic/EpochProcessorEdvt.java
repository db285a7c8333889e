package io.edvt.spec.edvt.logic;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.GroupKeySets;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.ssz.tree.ZeroNode;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.EpochProcessorFulu;
import org.apache.tuweni.bytes.Bytes48;

/**
 * {@code process_epoch} (EDVT): Fulu's steps, with {@code process_registry_updates} ejecting at
 * {@code get_validator_ejection_balance}, {@code apply_pending_deposit} dropping deposits of
 * stored group keys, {@code process_participation_flag_updates} rotating the member lists too,
 * {@code process_sync_committee_updates} computing the committee with groups, and the new
 * {@code process_group_key_set_pruning} last.
 */
public class EpochProcessorEdvt extends EpochProcessorFulu {
  private final GroupRegistryEdvt registry;
  private final SyncCommitteeEdvt syncCommittee;

  public EpochProcessorEdvt(EdvtHelpers helpers, GroupOperationsEdvt groupOperations) {
    super(helpers.fulu(), EpochProcessorFulu.Parts.fulu(helpers.fulu())
        .withValidatorUpdates(new ValidatorUpdatesEdvt(helpers))
        .withPendingDeposits(new PendingDepositsEdvt(helpers, groupOperations)));
    this.registry = helpers.registry();
    this.syncCommittee = new SyncCommitteeEdvt(helpers);
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
    int n = registry.groups(state).size() * GroupKeySet.MAX_GROUP_SIZE;
    int depth = current.type().contentDepth(n);
    state.setList(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION, current);
    state.setList(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION,
        SszList.wrap(current.type(), ZeroNode.of(depth), depth, n));
  }

  /** {@code process_sync_committee_updates} (EDVT): the committees and their seats' signers. */
  @Override
  public void processSyncCommitteeUpdates(MutableBeaconState state) {
    syncCommittee.processSyncCommitteeUpdates(state);
  }

  /**
   * {@code process_group_key_set_pruning}: drop a group's oldest key set once the next one has
   * been in force for {@code MIN_VALIDATOR_WITHDRAWABILITY_DELAY} epochs (by the next epoch), by
   * the group rules' {@link GroupKeySets#pruned}.
   */
  public void processGroupKeySetPruning(MutableBeaconState state) {
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    UInt64 nextEpoch = currentEpoch.plus(1);
    // Only a group whose second key set is old enough loses one: the index names them without reading every record
    SszListEditor<Group> groups = registry.groups(state);
    for (int g : registry.index(state).groupsDueForPruning(nextEpoch.longValue(), config.minValidatorWithdrawabilityDelay())) {
      Group group = groups.get(g);
      GroupKeySets<Bytes48> stored = registry.keySets(group);
      GroupKeySets<Bytes48> pruned = stored.pruned(currentEpoch, registry.timing());
      if (pruned != stored) {
        groups.set(g, registry.toGroup(group.validatorIndex(), pruned));
      }
    }
  }
}

package io.edvt.spec.edvt.logic;

import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.BlockProcessorFulu;
import io.edvt.spec.logic.versions.fulu.ExecutionRequestsProcessingFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.logic.versions.fulu.SyncAggregateProcessingFulu;
import io.edvt.spec.logic.versions.fulu.WithdrawalsFulu;

/**
 * {@code process_block} (EDVT) as far as groups' operations, withdrawals and the sync aggregate
 * go: {@code process_operations} runs Fulu's lists, then {@code group_registrations} and {@code
 * group_key_changes}; partial withdrawals leave {@code get_validator_minimum_balance}; sync
 * aggregate rewards go per block of seats.
 */
public class BlockProcessorEdvt extends BlockProcessorFulu {
  private GroupOperationsEdvt groupOperations;

  public BlockProcessorEdvt(SpecFulu spec) {
    super(spec);
    this.groupOperations = new GroupOperationsEdvt(spec);
  }

  public GroupOperationsEdvt groupOperations() {
    return groupOperations;
  }

  @Override
  protected WithdrawalsFulu createWithdrawals() {
    return new WithdrawalsEdvt(spec);
  }

  @Override
  protected ExecutionRequestsProcessingFulu createExecutionRequestsProcessing() {
    return new ExecutionRequestsProcessingEdvt(spec);
  }

  @Override
  protected SyncAggregateProcessingFulu createSyncAggregateProcessing() {
    return new SyncAggregateProcessingEdvt(spec);
  }

  /** {@code process_operations} (EDVT): Fulu's operations, then the group registrations and key changes. */
  @Override
  public void processOperations(MutableBeaconState state, BeaconBlockBody body, SignatureVerifier verifier) {
    super.processOperations(state, body, verifier);
    if (!(body instanceof BeaconBlockBodyEdvt edvt)) {
      throw new StateTransitionException("an EDVT block body, got " + body.getClass().getSimpleName());
    }
    for (SignedGroupRegistration op : edvt.groupRegistrations()) {
      processGroupRegistration(state, op, verifier);
    }
    for (SignedGroupKeyChange op : edvt.groupKeyChanges()) {
      processGroupKeyChange(state, op, verifier);
    }
  }

  /** {@code process_group_registration}. */
  public void processGroupRegistration(MutableBeaconState state, SignedGroupRegistration op, SignatureVerifier verifier) {
    groupOperations.processGroupRegistration(state, op, verifier);
  }

  /** {@code process_group_key_change}. */
  public void processGroupKeyChange(MutableBeaconState state, SignedGroupKeyChange op, SignatureVerifier verifier) {
    groupOperations.processGroupKeyChange(state, op, verifier);
  }
}

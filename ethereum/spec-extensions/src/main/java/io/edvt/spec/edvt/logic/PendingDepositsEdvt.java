package io.edvt.spec.edvt.logic;

import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.PendingDeposit;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.PendingDepositsFulu;

/**
 * Fulu's pending deposits with EDVT's modified {@code apply_pending_deposit}: a deposit that
 * would create a validator with a stored group key is dropped, as one with an invalid signature.
 */
public class PendingDepositsEdvt extends PendingDepositsFulu {
  private final GroupOperationsEdvt groupOperations;

  public PendingDepositsEdvt(EdvtHelpers helpers, GroupOperationsEdvt groupOperations) {
    super(helpers.config(), helpers.misc(), helpers.accessors(), helpers.mutators());
    this.groupOperations = groupOperations;
  }

  @Override
  public void applyPendingDeposit(MutableBeaconState state, PendingDeposit deposit, SignatureVerifier verifier) {
    if (accessors.getValidatorIndex(state, deposit.pubkey()).isEmpty()
        && groupOperations.isGroupPubkey(state, deposit.pubkey())) {
      return;
    }
    super.applyPendingDeposit(state, deposit, verifier);
  }
}

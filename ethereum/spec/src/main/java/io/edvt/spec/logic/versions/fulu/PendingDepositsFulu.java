package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.FAR_FUTURE_EPOCH;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.PendingDeposit;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.SignatureVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deposit queue of epoch processing: {@code process_pending_deposits} (Fulu, without the
 * Eth1 bridge check) and {@code apply_pending_deposit} (Electra). Public keys are looked up in
 * the state's shared {@link io.edvt.spec.logic.common.PubkeyIndex}, which also sees the
 * validators that earlier deposits of the same epoch added.
 *
 * <p>Deposit signatures are proofs of possession whose validity decides whether a validator is
 * added, so they are checked at once: the verifier must answer immediately (not a batch).
 */
public class PendingDepositsFulu {
  protected final SpecConfig config;
  protected final MiscHelpersFulu misc;
  protected final BeaconStateAccessorsFulu accessors;
  protected final BeaconStateMutatorsFulu mutators;

  public PendingDepositsFulu(SpecConfig config, MiscHelpersFulu misc, BeaconStateAccessorsFulu accessors,
      BeaconStateMutatorsFulu mutators) {
    this.config = config;
    this.misc = misc;
    this.accessors = accessors;
    this.mutators = mutators;
  }

  /** {@code process_pending_deposits} (Fulu). */
  public void processPendingDeposits(MutableBeaconState state, SignatureVerifier verifier) {
    UInt64 nextEpoch = accessors.getCurrentEpoch(state).plus(1);
    UInt64 availableForProcessing = state.depositBalanceToConsume().plus(accessors.getActivationExitChurnLimit(state));
    UInt64 processedAmount = UInt64.ZERO;
    int nextDepositIndex = 0;
    List<PendingDeposit> depositsToPostpone = new ArrayList<>();
    boolean isChurnLimitReached = false;
    UInt64 finalizedSlot = misc.computeStartSlotAtEpoch(state.finalizedCheckpoint().epoch());

    // The queue itself is not changed while it is walked (deposits only touch the registry and
    // balances), and the walk stops after MAX_PENDING_DEPOSITS_PER_EPOCH entries at most.
    SszList<PendingDeposit> pending = state.listValue(BeaconState.PENDING_DEPOSITS);
    for (int k = 0; k < pending.size(); k++) {
      PendingDeposit deposit = pending.get(k);
      // Check if deposit has been finalized, otherwise, stop processing.
      if (deposit.slot().isGreaterThan(finalizedSlot)) {
        break;
      }
      // Check if number of processed deposits has not reached the limit, otherwise, stop processing.
      if (nextDepositIndex >= config.maxPendingDepositsPerEpoch()) {
        break;
      }

      boolean isValidatorExited = false;
      boolean isValidatorWithdrawn = false;
      Optional<Integer> index = accessors.getValidatorIndex(state, deposit.pubkey());
      if (index.isPresent()) {
        Validator validator = state.validators().get(index.get());
        isValidatorExited = validator.exitEpoch().isLessThan(FAR_FUTURE_EPOCH);
        isValidatorWithdrawn = validator.withdrawableEpoch().isLessThan(nextEpoch);
      }

      if (isValidatorWithdrawn) {
        // Deposited balance will never become active. Increase balance but do not consume churn.
        applyPendingDeposit(state, deposit, verifier);
      } else if (isValidatorExited) {
        // Validator is exiting, postpone the deposit until after withdrawable epoch.
        depositsToPostpone.add(deposit);
      } else {
        // Check if deposit fits in the churn, otherwise, do no more deposit processing in this epoch.
        isChurnLimitReached = processedAmount.plus(deposit.amount()).isGreaterThan(availableForProcessing);
        if (isChurnLimitReached) {
          break;
        }
        processedAmount = processedAmount.plus(deposit.amount());
        applyPendingDeposit(state, deposit, verifier);
      }
      // Regardless of how the deposit was handled, we move on in the queue.
      nextDepositIndex++;
    }

    SszList<PendingDeposit> remaining = pending.sliceFrom(nextDepositIndex);
    if (!depositsToPostpone.isEmpty()) {
      SszListEditor<PendingDeposit> editor = remaining.edit();
      depositsToPostpone.forEach(editor::append);
      remaining = editor.commit();
    }
    state.setList(BeaconState.PENDING_DEPOSITS, remaining);

    // Accumulate churn only if the churn limit has been hit.
    state.setDepositBalanceToConsume(isChurnLimitReached ? availableForProcessing.minus(processedAmount) : UInt64.ZERO);
  }

  /**
   * {@code apply_pending_deposit} (Electra): a top-up of a known validator, or a new validator
   * when the deposit's proof of possession is valid (otherwise the deposit is dropped).
   */
  public void applyPendingDeposit(MutableBeaconState state, PendingDeposit deposit, SignatureVerifier verifier) {
    Optional<Integer> index = accessors.getValidatorIndex(state, deposit.pubkey());
    if (index.isEmpty()) {
      if (misc.isValidDepositSignature(deposit.pubkey(), deposit.withdrawalCredentials(), deposit.amount(),
          deposit.signature(), verifier)) {
        mutators.addValidatorToRegistry(state, deposit.pubkey(), deposit.withdrawalCredentials(), deposit.amount());
      }
    } else {
      mutators.increaseBalance(state, index.get(), deposit.amount());
    }
  }
}

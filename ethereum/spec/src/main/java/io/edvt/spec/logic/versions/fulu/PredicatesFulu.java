package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX;
import static io.edvt.spec.logic.common.SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX;
import static io.edvt.spec.logic.common.SpecConstants.FAR_FUTURE_EPOCH;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.Validator;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/** The spec's predicates on validators and attestation data (phase0 through Fulu). */
public class PredicatesFulu {
  protected final SpecConfig config;

  public PredicatesFulu(SpecConfig config) {
    this.config = config;
  }

  /** {@code is_active_validator}. */
  public boolean isActiveValidator(Validator v, UInt64 epoch) {
    return v.activationEpoch().isLessThanOrEqualTo(epoch) && epoch.isLessThan(v.exitEpoch());
  }

  /** {@code is_eligible_for_activation_queue} (Electra: {@code MIN_ACTIVATION_BALANCE}). */
  public boolean isEligibleForActivationQueue(Validator v) {
    return v.activationEligibilityEpoch().equals(FAR_FUTURE_EPOCH)
        && v.effectiveBalance().isGreaterThanOrEqualTo(config.minActivationBalance());
  }

  /** {@code is_eligible_for_activation}, given the finalized epoch. */
  public boolean isEligibleForActivation(Validator v, UInt64 finalizedEpoch) {
    return v.activationEligibilityEpoch().isLessThanOrEqualTo(finalizedEpoch)
        && v.activationEpoch().equals(FAR_FUTURE_EPOCH);
  }

  /** {@code is_slashable_validator}. */
  public boolean isSlashableValidator(Validator v, UInt64 epoch) {
    return !v.slashed()
        && v.activationEpoch().isLessThanOrEqualTo(epoch)
        && epoch.isLessThan(v.withdrawableEpoch());
  }

  /** {@code is_slashable_attestation_data}: a double vote or a surround vote. */
  public boolean isSlashableAttestationData(AttestationData d1, AttestationData d2) {
    boolean doubleVote = !d1.equals(d2) && d1.target().epoch().equals(d2.target().epoch());
    boolean surroundVote = d1.source().epoch().isLessThan(d2.source().epoch())
        && d2.target().epoch().isLessThan(d1.target().epoch());
    return doubleVote || surroundVote;
  }

  /** {@code is_valid_merkle_branch}. */
  public boolean isValidMerkleBranch(Bytes32 leaf, List<Bytes32> branch, int depth, long index, Bytes32 root) {
    if (branch.size() < depth) {
      return false;
    }
    byte[] value = leaf.toArray();
    for (int i = 0; i < depth; i++) {
      byte[] sibling = branch.get(i).toArrayUnsafe();
      value = ((index >>> i) & 1) == 1 ? Sha256.hash(sibling, value) : Sha256.hash(value, sibling);
    }
    return Bytes32.wrap(value).equals(root);
  }

  /** {@code has_eth1_withdrawal_credential}: 0x01 prefix. */
  public boolean hasEth1WithdrawalCredential(Validator v) {
    return v.withdrawalCredentials().get(0) == ETH1_ADDRESS_WITHDRAWAL_PREFIX;
  }

  /** {@code is_compounding_withdrawal_credential}: 0x02 prefix. */
  public boolean isCompoundingWithdrawalCredential(Bytes32 credentials) {
    return credentials.get(0) == COMPOUNDING_WITHDRAWAL_PREFIX;
  }

  /** {@code has_compounding_withdrawal_credential}. */
  public boolean hasCompoundingWithdrawalCredential(Validator v) {
    return isCompoundingWithdrawalCredential(v.withdrawalCredentials());
  }

  /** {@code has_execution_withdrawal_credential}: 0x01 or 0x02. */
  public boolean hasExecutionWithdrawalCredential(Validator v) {
    return hasEth1WithdrawalCredential(v) || hasCompoundingWithdrawalCredential(v);
  }

  /** {@code get_max_effective_balance} (Electra). */
  public UInt64 getMaxEffectiveBalance(Validator v) {
    return hasCompoundingWithdrawalCredential(v) ? config.maxEffectiveBalanceElectra() : config.minActivationBalance();
  }

  /** {@code is_fully_withdrawable_validator} (Electra). */
  public boolean isFullyWithdrawableValidator(Validator v, UInt64 balance, UInt64 epoch) {
    return hasExecutionWithdrawalCredential(v) && v.withdrawableEpoch().isLessThanOrEqualTo(epoch) && !balance.isZero();
  }

  /** {@code is_partially_withdrawable_validator} (Electra). */
  public boolean isPartiallyWithdrawableValidator(Validator v, UInt64 balance) {
    UInt64 max = getMaxEffectiveBalance(v);
    return hasExecutionWithdrawalCredential(v) && v.effectiveBalance().equals(max) && balance.isGreaterThan(max);
  }

  /** {@code is_eligible_for_partial_withdrawals} (Electra). */
  public boolean isEligibleForPartialWithdrawals(Validator v, UInt64 balance) {
    return isEligibleForPartialWithdrawals(v, balance, config.minActivationBalance());
  }

  /**
   * {@code is_eligible_for_partial_withdrawals} with the balance that must stay as a parameter
   * ({@code MIN_ACTIVATION_BALANCE} in Electra and Fulu; a later milestone may need more).
   */
  public boolean isEligibleForPartialWithdrawals(Validator v, UInt64 balance, UInt64 minimumBalance) {
    return v.exitEpoch().equals(FAR_FUTURE_EPOCH)
        && v.effectiveBalance().isGreaterThanOrEqualTo(minimumBalance)
        && balance.isGreaterThan(minimumBalance);
  }
}

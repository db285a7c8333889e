package io.edvt.spec.datastructures.state;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_PUBKEY;
import static io.edvt.spec.datastructures.SpecTypes.BOOLEAN;
import static io.edvt.spec.datastructures.SpecTypes.BYTES32;
import static io.edvt.spec.datastructures.SpecTypes.EPOCH;
import static io.edvt.spec.datastructures.SpecTypes.GWEI;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * One entry of the validator registry (phase0 {@code Validator}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class Validator extends SszContainer {
  private static final int PUBKEY = 0;
  private static final int WITHDRAWAL_CREDENTIALS = 1;
  private static final int EFFECTIVE_BALANCE = 2;
  private static final int SLASHED = 3;
  private static final int ACTIVATION_ELIGIBILITY_EPOCH = 4;
  private static final int ACTIVATION_EPOCH = 5;
  private static final int EXIT_EPOCH = 6;
  private static final int WITHDRAWABLE_EPOCH = 7;

  public static final ContainerType<Validator> TYPE =
      ContainerType.of(
          "Validator",
          Validator::new,
          field("pubkey", BLS_PUBKEY),
          field("withdrawal_credentials", BYTES32),
          field("effective_balance", GWEI),
          field("slashed", BOOLEAN),
          field("activation_eligibility_epoch", EPOCH),
          field("activation_epoch", EPOCH),
          field("exit_epoch", EPOCH),
          field("withdrawable_epoch", EPOCH));

  private Validator(ContainerType<Validator> type, Object[] values) {
    super(type, values);
  }

  public static Validator create(
      Bytes48 pubkey,
      Bytes32 withdrawalCredentials,
      UInt64 effectiveBalance,
      boolean slashed,
      UInt64 activationEligibilityEpoch,
      UInt64 activationEpoch,
      UInt64 exitEpoch,
      UInt64 withdrawableEpoch) {
    return TYPE.create(
        pubkey, withdrawalCredentials, effectiveBalance, slashed, activationEligibilityEpoch,
        activationEpoch, exitEpoch, withdrawableEpoch);
  }

  /** {@code pubkey}: {@code BLSPubkey}. */
  public Bytes48 pubkey() {
    return (Bytes48) get(PUBKEY);
  }

  /** {@code withdrawal_credentials}: {@code Bytes32}. */
  public Bytes32 withdrawalCredentials() {
    return (Bytes32) get(WITHDRAWAL_CREDENTIALS);
  }

  /** {@code effective_balance}: {@code Gwei}. */
  public UInt64 effectiveBalance() {
    return (UInt64) get(EFFECTIVE_BALANCE);
  }

  /** {@code slashed}: {@code boolean}. */
  public boolean slashed() {
    return (Boolean) get(SLASHED);
  }

  /** {@code activation_eligibility_epoch}: {@code Epoch}. */
  public UInt64 activationEligibilityEpoch() {
    return (UInt64) get(ACTIVATION_ELIGIBILITY_EPOCH);
  }

  /** {@code activation_epoch}: {@code Epoch}. */
  public UInt64 activationEpoch() {
    return (UInt64) get(ACTIVATION_EPOCH);
  }

  /** {@code exit_epoch}: {@code Epoch}. */
  public UInt64 exitEpoch() {
    return (UInt64) get(EXIT_EPOCH);
  }

  /** {@code withdrawable_epoch}: {@code Epoch}. */
  public UInt64 withdrawableEpoch() {
    return (UInt64) get(WITHDRAWABLE_EPOCH);
  }

  /** A copy with {@code pubkey} replaced. */
  public Validator withPubkey(Bytes48 pubkey) {
    return with(PUBKEY, pubkey);
  }

  /** A copy with {@code withdrawal_credentials} replaced. */
  public Validator withWithdrawalCredentials(Bytes32 withdrawalCredentials) {
    return with(WITHDRAWAL_CREDENTIALS, withdrawalCredentials);
  }

  /** A copy with {@code effective_balance} replaced. */
  public Validator withEffectiveBalance(UInt64 effectiveBalance) {
    return with(EFFECTIVE_BALANCE, effectiveBalance);
  }

  /** A copy with {@code slashed} replaced. */
  public Validator withSlashed(boolean slashed) {
    return with(SLASHED, slashed);
  }

  /** A copy with {@code activation_eligibility_epoch} replaced. */
  public Validator withActivationEligibilityEpoch(UInt64 activationEligibilityEpoch) {
    return with(ACTIVATION_ELIGIBILITY_EPOCH, activationEligibilityEpoch);
  }

  /** A copy with {@code activation_epoch} replaced. */
  public Validator withActivationEpoch(UInt64 activationEpoch) {
    return with(ACTIVATION_EPOCH, activationEpoch);
  }

  /** A copy with {@code exit_epoch} replaced. */
  public Validator withExitEpoch(UInt64 exitEpoch) {
    return with(EXIT_EPOCH, exitEpoch);
  }

  /** A copy with {@code withdrawable_epoch} replaced. */
  public Validator withWithdrawableEpoch(UInt64 withdrawableEpoch) {
    return with(WITHDRAWABLE_EPOCH, withdrawableEpoch);
  }
}

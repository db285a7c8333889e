package io.edvt.node.api;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.Validator;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A validator's status in the beacon-APIs' terms (the validator status specification the
 * beacon-APIs link to), derived from its epochs, its slashing and its balance at an epoch.
 */
public enum ValidatorStatus {
  PENDING_INITIALIZED("pending"),
  PENDING_QUEUED("pending"),
  ACTIVE_ONGOING("active"),
  ACTIVE_EXITING("active"),
  ACTIVE_SLASHED("active"),
  EXITED_UNSLASHED("exited"),
  EXITED_SLASHED("exited"),
  WITHDRAWAL_POSSIBLE("withdrawal"),
  WITHDRAWAL_DONE("withdrawal");

  private final String general;

  ValidatorStatus(String general) {
    this.general = general;
  }

  /** The name in the API ({@code active_ongoing}). */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The general status it falls under ({@code active}, {@code pending}, {@code exited}, {@code withdrawal}). */
  public String general() {
    return general;
  }

  /** Whether a {@code status} filter value (a specific or a general status) selects this status. */
  public boolean matches(String filter) {
    return apiName().equals(filter) || general.equals(filter);
  }

  /** Whether {@code filter} is a status the API knows, specific or general. */
  public static boolean isKnown(String filter) {
    return Arrays.stream(values()).anyMatch(s -> s.matches(filter));
  }

  /** The status of {@code v}, with balance {@code balance}, at {@code epoch}. */
  public static ValidatorStatus of(Validator v, UInt64 balance, UInt64 epoch) {
    if (v.activationEpoch().isGreaterThan(epoch)) {
      return v.activationEligibilityEpoch().equals(UInt64.MAX_VALUE) ? PENDING_INITIALIZED : PENDING_QUEUED;
    }
    if (epoch.isLessThan(v.exitEpoch())) {
      if (v.exitEpoch().equals(UInt64.MAX_VALUE)) {
        return ACTIVE_ONGOING;
      }
      return v.slashed() ? ACTIVE_SLASHED : ACTIVE_EXITING;
    }
    if (epoch.isLessThan(v.withdrawableEpoch())) {
      return v.slashed() ? EXITED_SLASHED : EXITED_UNSLASHED;
    }
    return balance.isZero() ? WITHDRAWAL_DONE : WITHDRAWAL_POSSIBLE;
  }

  static Optional<ValidatorStatus> byApiName(String name) {
    return Arrays.stream(values()).filter(s -> s.apiName().equals(name)).findFirst();
  }
}

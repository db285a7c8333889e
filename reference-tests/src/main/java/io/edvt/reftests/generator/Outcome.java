package io.edvt.reftests.generator;

import io.edvt.reftests.SpecRejection;
import io.edvt.spec.datastructures.state.BeaconState;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * What a generated case must show before it is written, kept next to the case's definition:
 * accepted with the effect its name promises, or rejected by the spec rule it is about. A case
 * rejected by another rule (or by anything that is no spec rejection) fails the generation, so an
 * {@code invalid_*} vector cannot be recorded because something unrelated went wrong.
 */
sealed interface Outcome {

  /** Accepted, and {@code effect} holds between the pre and the post state. */
  record Accepted(String what, BiPredicate<BeaconState, BeaconState> effect) implements Outcome {}

  /** Rejected by the spec rule whose condition contains {@code rule} (a stable part of its text). */
  record Rejected(String rule) implements Outcome {}

  static Outcome accepted(String what, BiPredicate<BeaconState, BeaconState> effect) {
    return new Accepted(what, effect);
  }

  static Outcome rejectedBy(String rule) {
    return new Rejected(rule);
  }

  /**
   * Runs {@code transition} on {@code pre} and fails the generation unless the outcome is
   * {@code expected}; returns the post state, or null for a rejection.
   */
  static BeaconState check(String name, Outcome expected, BeaconState pre, Supplier<BeaconState> transition) {
    BeaconState post;
    try {
      post = transition.get();
    } catch (RuntimeException e) {
      SpecRejection rejection = SpecRejection.require(e);
      switch (expected) {
        case Accepted a -> throw new IllegalStateException(name + " was rejected (" + rejection + "), it must be accepted", e);
        case Rejected r -> {
          if (!rejection.isBy(r.rule())) {
            throw new IllegalStateException(name + " was rejected by '" + rejection + "', not by the rule it is about: '"
                + r.rule() + "'", e);
          }
        }
      }
      return null;
    }
    switch (expected) {
      case Rejected r -> throw new IllegalStateException(name + " was accepted, it must be rejected by '" + r.rule() + "'");
      case Accepted a -> GroupChains.check(a.effect().test(pre, post), name + ": " + a.what());
    }
    return post;
  }

  /** A case named {@code valid_*} must be accepted and one named {@code invalid_*} rejected. */
  static void requireNameMatches(String name, Outcome expected) {
    boolean valid = expected instanceof Accepted;
    if (name.startsWith("valid_") != valid || name.startsWith("invalid_") == valid) {
      throw new IllegalStateException("case " + name + " is declared " + (valid ? "valid" : "invalid") + " by its outcome");
    }
  }
}

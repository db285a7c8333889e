package io.edvt.reftests;

import io.edvt.infrastructure.crypto.bls.BlsException;
import io.edvt.infrastructure.unsigned.UInt64OverflowException;
import io.edvt.spec.logic.common.StateRootMismatchException;
import io.edvt.spec.logic.common.StateTransitionException;
import java.util.Optional;

/**
 * An input rejected by the spec, as opposed to code that failed: a failed spec assertion
 * ({@link StateTransitionException}, whose message is {@code assertion failed: <condition>} and
 * maybe {@code  (<values>)}), a {@code uint64} result out of range ({@link UInt64OverflowException},
 * which the spec's {@code uint64} raises on), or a BLS input the spec asserts on
 * ({@link BlsException}). Nothing else counts: an index error, a division by zero or a value too
 * large for a {@code long} is a bug of ours and fails a case even when the case expects a rejection.
 *
 * @param rule what was violated: the assertion's text after {@code assertion failed: } (values
 *     included), or the overflow's or BLS error's message
 * @param cause the exception
 */
public record SpecRejection(String rule, RuntimeException cause) {
  private static final String ASSERTION = "assertion failed: ";

  /** The spec rejection {@code error} is, or empty when it is none (or null). */
  public static Optional<SpecRejection> of(Throwable error) {
    return switch (error) {
      case StateTransitionException e -> Optional.of(new SpecRejection(afterPrefix(e.getMessage()), e));
      case UInt64OverflowException e -> Optional.of(new SpecRejection(e.getMessage(), e));
      case BlsException e -> Optional.of(new SpecRejection(e.getMessage(), e));
      case null, default -> Optional.empty();
    };
  }

  /**
   * The spec rejection {@code error} is; any other exception is thrown again, so a bug fails the
   * case whatever outcome it expects.
   */
  public static SpecRejection require(RuntimeException error) {
    return of(error).orElseThrow(() -> error);
  }

  /** Whether the block's final {@code state_root} check is what rejected it. */
  public boolean isStateRoot() {
    return cause instanceof StateRootMismatchException;
  }

  /**
   * The rule without the values appended to it: {@code state.slot < slot} of
   * {@code state.slot < slot (5, 5)}. The values are a trailing {@code " (...)"}; parentheses that
   * belong to the condition ({@code verify_block_signature(state, signed_block)}) stay.
   */
  public String condition() {
    if (!rule.endsWith(")")) {
      return rule;
    }
    int depth = 0;
    for (int i = rule.length() - 1; i >= 0; i--) {
      char ch = rule.charAt(i);
      if (ch == ')') {
        depth++;
      } else if (ch == '(' && --depth == 0) {
        return i > 0 && rule.charAt(i - 1) == ' ' ? rule.substring(0, i - 1) : rule;
      }
    }
    return rule;
  }

  /** Whether the rule says {@code expected} (a stable part of the spec condition). */
  public boolean isBy(String expected) {
    return rule.contains(expected);
  }

  /**
   * Whether a rejection is the one a block case expects: any spec rule but the state root, unless
   * the case is about the state root (its name says {@code state_root}). Almost every wrong block
   * also fails the state-root check, so accepting that rejection would let a block our code wrongly
   * accepts pass as rejected.
   */
  public boolean isAcceptableBlockRejection(TestCase c) {
    return !isStateRoot() || c.name().contains("state_root");
  }

  private static String afterPrefix(String message) {
    String m = String.valueOf(message);
    return m.startsWith(ASSERTION) ? m.substring(ASSERTION.length()) : m;
  }

  @Override
  public String toString() {
    return rule;
  }
}

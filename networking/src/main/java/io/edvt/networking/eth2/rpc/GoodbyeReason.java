package io.edvt.networking.eth2.rpc;

import io.edvt.infrastructure.unsigned.UInt64;

/** {@code Goodbye} reasons: the spec's three and those clients commonly send above 128. */
public final class GoodbyeReason {
  public static final UInt64 CLIENT_SHUTDOWN = UInt64.valueOf(1);
  public static final UInt64 IRRELEVANT_NETWORK = UInt64.valueOf(2);
  public static final UInt64 FAULT_OR_ERROR = UInt64.valueOf(3);
  /** Common client-specific codes (Lighthouse, Teku, Lodestar agree on these). */
  public static final UInt64 UNABLE_TO_VERIFY_NETWORK = UInt64.valueOf(128);
  public static final UInt64 TOO_MANY_PEERS = UInt64.valueOf(129);
  public static final UInt64 BAD_SCORE = UInt64.valueOf(250);
  public static final UInt64 BANNED = UInt64.valueOf(251);

  private GoodbyeReason() {}

  public static String describe(UInt64 reason) {
    return reason + switch ((int) Math.min(reason.longValue(), Integer.MAX_VALUE)) {
      case 1 -> " (client shut down)";
      case 2 -> " (irrelevant network)";
      case 3 -> " (fault/error)";
      case 128 -> " (unable to verify network)";
      case 129 -> " (too many peers)";
      case 250 -> " (bad score)";
      case 251 -> " (banned)";
      default -> "";
    };
  }
}

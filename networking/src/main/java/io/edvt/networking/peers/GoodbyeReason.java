package io.edvt.networking.peers;

/**
 * Why we hang up (phase0 p2p-interface, Goodbye): 1 client shut down, 2 irrelevant network,
 * 3 fault/error; 128 and up are client-specific (these values are the ones Lighthouse and Teku use,
 * so peers log something readable).
 */
public enum GoodbyeReason {
  CLIENT_SHUTDOWN(1),
  IRRELEVANT_NETWORK(2),
  FAULT_OR_ERROR(3),
  UNABLE_TO_VERIFY_NETWORK(128),
  TOO_MANY_PEERS(129),
  BAD_SCORE(250),
  BANNED(251);

  private final long code;

  GoodbyeReason(long code) {
    this.code = code;
  }

  /** The uint64 sent in the Goodbye message. */
  public long code() {
    return code;
  }
}

package io.edvt.networking.peers;

/** The outcome of the status exchange with a new peer: keep it, or say goodbye with a reason. */
public sealed interface StatusVerdict {
  /** The peer is on our network and useful. */
  record Accept() implements StatusVerdict {}

  /** Disconnect with {@code reason} (e.g. IRRELEVANT_NETWORK for another fork digest or a peer too far behind). */
  record Reject(GoodbyeReason reason, String detail) implements StatusVerdict {}

  StatusVerdict ACCEPT = new Accept();
}

package io.edvt.networking.gossip;

/**
 * A topic validator's verdict, as in the libp2p pubsub spec and the consensus p2p spec:
 * {@code ACCEPT} delivers and forwards the message; {@code IGNORE} drops it without penalty;
 * {@code REJECT} drops it and counts an invalid delivery (score P4) against the peers that sent it.
 */
public enum ValidationResult {
  ACCEPT,
  IGNORE,
  REJECT
}

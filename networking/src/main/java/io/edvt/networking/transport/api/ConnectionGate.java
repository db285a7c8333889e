package io.edvt.networking.transport.api;

import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.multiaddr.Multiaddr;

/**
 * Where connection limits go (per-peer counts, bans, a global cap): asked before a dial, when a
 * TCP connection is accepted, and again once the remote's peer id is known. The peer manager of a
 * later issue implements it; {@link #ALLOW_ALL} is the default.
 */
public interface ConnectionGate {
  ConnectionGate ALLOW_ALL = new ConnectionGate() {};

  /** Whether to dial this address; a refusal fails the dial with {@code reason}. Null means allow. */
  default String refuseDial(Multiaddr address) {
    return null;
  }

  /** Whether to accept a TCP connection from this address before any handshake. Null means allow. */
  default String refuseInbound(Multiaddr remoteAddress) {
    return null;
  }

  /** Whether to keep a secured connection to this peer (e.g. one connection per peer). Null means allow. */
  default String refuseSecured(PeerId peer, Direction direction, int openConnectionsToPeer) {
    return null;
  }
}

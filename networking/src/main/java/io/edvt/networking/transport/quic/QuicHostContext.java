package io.edvt.networking.transport.quic;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.api.ProtocolRegistry;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.networking.transport.mux.MuxerConfig;
import java.time.Duration;

/** What a {@link QuicTransport} needs from its host (the same decisions the TCP path asks it for). */
public interface QuicHostContext {
  PeerId peerId();

  ProtocolRegistry registry();

  /** Stream limits and the stream-negotiation timeout (the yamux window does not apply). */
  MuxerConfig muxerConfig();

  /** From the first packet to a verified connection. */
  Duration handshakeTimeout();

  /** The gate's answer for a new inbound connection from this address, or null to allow. */
  String refuseInbound(Multiaddr remote);

  /** The gate's answer for a verified connection to this peer, or null to allow. */
  String refuseSecured(PeerId peer, Direction direction);

  /** A new connection is ready (called before a dial's future completes). */
  void established(Connection connection);
}

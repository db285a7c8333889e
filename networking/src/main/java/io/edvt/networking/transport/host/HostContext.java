package io.edvt.networking.transport.host;

import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.api.ProtocolRegistry;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.noise.NoiseIdentity;
import java.security.SecureRandom;

/** What a connection upgrade needs from its host (kept narrow so the upgrade can be tested alone). */
interface HostContext {
  HostConfig config();

  PeerId peerId();

  NoiseIdentity noiseIdentity();

  SecureRandom random();

  ProtocolRegistry registry();

  /** The gate's answer for a secured connection, counting the connections we have to the peer. */
  String refuseSecured(PeerId peer, Direction direction);

  /** A new connection is ready (registered before the dial's future completes). */
  void established(NettyConnection connection);
}

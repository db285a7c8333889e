package io.edvt.networking.transport.host;

import io.edvt.networking.transport.api.ConnectionGate;
import io.edvt.networking.transport.crypto.PrivateKey;
import io.edvt.networking.transport.mplex.MplexSession;
import io.edvt.networking.transport.mux.MuxerConfig;
import io.edvt.networking.transport.yamux.YamuxSession;
import java.time.Duration;
import java.util.List;

/**
 * How a {@link Host} presents itself and what it accepts.
 *
 * @param identity the identity key (secp256k1 for Ethereum nodes)
 * @param muxers muxer protocol ids in order of preference (yamux, mplex, or both)
 * @param earlyMuxerNegotiation offer the muxers inside the noise handshake (saves a round trip
 *     when the remote offers them too; js-libp2p does); false leaves it to multistream-select
 * @param muxerConfig stream limits and the yamux window
 * @param handshakeTimeout from TCP connect to a muxed connection
 * @param agentVersion what identify reports
 * @param gate connection limits (per-peer counts go here)
 * @param eventLoopThreads Netty threads for all connections (0: Netty's default, 2 x cores)
 */
public record HostConfig(PrivateKey identity, List<String> muxers, boolean earlyMuxerNegotiation, MuxerConfig muxerConfig,
    Duration handshakeTimeout, String agentVersion, ConnectionGate gate, int eventLoopThreads) {
  public static final String PROTOCOL_VERSION = "ipfs/0.1.0";
  public static final String DEFAULT_AGENT = "edvt/0.1.0";

  public HostConfig {
    muxers = List.copyOf(muxers);
    if (muxers.isEmpty()) {
      throw new IllegalArgumentException("at least one muxer is needed");
    }
    for (String m : muxers) {
      if (!m.equals(YamuxSession.PROTOCOL_ID) && !m.equals(MplexSession.PROTOCOL_ID)) {
        throw new IllegalArgumentException("unknown muxer " + m + "; supported: " + YamuxSession.PROTOCOL_ID + ", "
            + MplexSession.PROTOCOL_ID);
      }
    }
  }

  /** yamux preferred, mplex for Lodestar 1.x, early negotiation on, 10 s handshakes. */
  public static HostConfig defaults(PrivateKey identity) {
    return new HostConfig(identity, List.of(YamuxSession.PROTOCOL_ID, MplexSession.PROTOCOL_ID), true,
        MuxerConfig.DEFAULT, Duration.ofSeconds(10), DEFAULT_AGENT, ConnectionGate.ALLOW_ALL, 0);
  }

  public HostConfig withMuxers(List<String> muxers) {
    return new HostConfig(identity, muxers, earlyMuxerNegotiation, muxerConfig, handshakeTimeout, agentVersion, gate,
        eventLoopThreads);
  }

  public HostConfig withEarlyMuxerNegotiation(boolean early) {
    return new HostConfig(identity, muxers, early, muxerConfig, handshakeTimeout, agentVersion, gate, eventLoopThreads);
  }

  public HostConfig withMuxerConfig(MuxerConfig config) {
    return new HostConfig(identity, muxers, earlyMuxerNegotiation, config, handshakeTimeout, agentVersion, gate,
        eventLoopThreads);
  }

  public HostConfig withGate(ConnectionGate g) {
    return new HostConfig(identity, muxers, earlyMuxerNegotiation, muxerConfig, handshakeTimeout, agentVersion, g,
        eventLoopThreads);
  }

  public HostConfig withHandshakeTimeout(Duration timeout) {
    return new HostConfig(identity, muxers, earlyMuxerNegotiation, muxerConfig, timeout, agentVersion, gate,
        eventLoopThreads);
  }

  public HostConfig withEventLoopThreads(int threads) {
    return new HostConfig(identity, muxers, earlyMuxerNegotiation, muxerConfig, handshakeTimeout, agentVersion, gate,
        threads);
  }
}

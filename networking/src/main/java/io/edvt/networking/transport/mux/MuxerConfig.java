package io.edvt.networking.transport.mux;

import java.time.Duration;

/**
 * Limits of one muxed connection.
 *
 * @param maxInboundStreams streams the remote may have open at once; more are reset at once
 * @param maxOutboundStreams streams we may have open at once; {@code openStream} fails beyond
 * @param yamuxReceiveWindow per-stream receive window we grant (the spec's initial 256 KiB, raised
 *     with a window update when larger): the most a remote can make us buffer per stream
 * @param negotiationTimeout time for a stream to agree on a protocol
 */
public record MuxerConfig(int maxInboundStreams, int maxOutboundStreams, int yamuxReceiveWindow,
    Duration negotiationTimeout) {
  public static final int YAMUX_INITIAL_WINDOW = 256 * 1024;
  /** 1 MiB: four initial windows keep a loopback stream busy while bounding memory per stream. */
  public static final MuxerConfig DEFAULT = new MuxerConfig(512, 512, 1 << 20, Duration.ofSeconds(10));

  public MuxerConfig {
    if (maxInboundStreams < 1 || maxOutboundStreams < 1) {
      throw new IllegalArgumentException("stream limits must be positive");
    }
    if (yamuxReceiveWindow < YAMUX_INITIAL_WINDOW || yamuxReceiveWindow > (16 << 20)) {
      throw new IllegalArgumentException("yamux receive window must be in [256 KiB, 16 MiB], got " + yamuxReceiveWindow);
    }
  }
}

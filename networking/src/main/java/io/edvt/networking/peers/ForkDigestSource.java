package io.edvt.networking.peers;

/** Our current fork digest (the eth2 layer computes it from the fork schedule and the clock). */
@FunctionalInterface
public interface ForkDigestSource {
  byte[] currentForkDigest();
}

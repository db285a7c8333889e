package io.edvt.networking.discovery;

import io.edvt.infrastructure.unsigned.UInt64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The {@code eth2} ENR field (phase0 p2p-interface, "eth2 field"): the SSZ container
 * {@code ENRForkId(fork_digest: Bytes4, next_fork_version: Version, next_fork_epoch: Epoch)},
 * 16 bytes. Peers are only dialled when their {@code fork_digest} equals ours.
 */
public record EnrForkId(byte[] forkDigest, byte[] nextForkVersion, UInt64 nextForkEpoch) {
  public static final int SSZ_SIZE = 16;

  public EnrForkId {
    if (forkDigest.length != 4 || nextForkVersion.length != 4) {
      throw new IllegalArgumentException("fork_digest and next_fork_version are 4 bytes each");
    }
    forkDigest = forkDigest.clone();
    nextForkVersion = nextForkVersion.clone();
  }

  @Override
  public byte[] forkDigest() {
    return forkDigest.clone();
  }

  @Override
  public byte[] nextForkVersion() {
    return nextForkVersion.clone();
  }

  public boolean hasForkDigest(byte[] digest) {
    return Arrays.equals(forkDigest, digest);
  }

  public byte[] toSsz() {
    ByteBuffer b = ByteBuffer.allocate(SSZ_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.put(forkDigest).put(nextForkVersion).putLong(nextForkEpoch.longValue());
    return b.array();
  }

  /** @throws InvalidEnrException unless {@code ssz} is exactly 16 bytes */
  public static EnrForkId fromSsz(byte[] ssz) {
    if (ssz.length != SSZ_SIZE) {
      throw new InvalidEnrException("eth2: ENRForkId must be " + SSZ_SIZE + " bytes, got " + ssz.length);
    }
    ByteBuffer b = ByteBuffer.wrap(ssz).order(ByteOrder.LITTLE_ENDIAN);
    byte[] digest = new byte[4];
    byte[] version = new byte[4];
    b.get(digest).get(version);
    return new EnrForkId(digest, version, UInt64.fromLongBits(b.getLong()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnrForkId f && Arrays.equals(forkDigest, f.forkDigest)
        && Arrays.equals(nextForkVersion, f.nextForkVersion) && nextForkEpoch.equals(f.nextForkEpoch);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(forkDigest) * 31 + nextForkEpoch.hashCode();
  }

  @Override
  public String toString() {
    HexFormat h = HexFormat.of();
    return "ENRForkId(digest=0x" + h.formatHex(forkDigest) + ", next_version=0x" + h.formatHex(nextForkVersion)
        + ", next_epoch=" + nextForkEpoch + ")";
  }
}

package io.edvt.networking.discovery;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;

/**
 * The Ethereum consensus ENR entries beside {@code eth2}, their encodings and strict decoders:
 * {@code attnets} (SSZ {@code Bitvector[ATTESTATION_SUBNET_COUNT]}, 8 bytes), {@code syncnets}
 * ({@code Bitvector[SYNC_COMMITTEE_SUBNET_COUNT]}, 1 byte, the 4 high bits zero), {@code cgc}
 * (Fulu: the custody group count, a big-endian integer without leading zero bytes), {@code nfd}
 * (Fulu: the next fork digest, 4 bytes) and EDVT's {@code gmember} (one byte {@code 0x01}: the node
 * subscribes to the group member topics; absent otherwise).
 */
public final class Eth2EnrFields {
  public static final String ETH2 = "eth2";
  public static final String ATTNETS = "attnets";
  public static final String SYNCNETS = "syncnets";
  public static final String CGC = "cgc";
  public static final String NFD = "nfd";
  public static final String GMEMBER = "gmember";

  public static final int ATTESTATION_SUBNET_COUNT = 64;
  public static final int SYNC_COMMITTEE_SUBNET_COUNT = 4;
  /** NUMBER_OF_CUSTODY_GROUPS (Fulu preset, same in minimal and mainnet). */
  public static final int NUMBER_OF_CUSTODY_GROUPS = 128;

  private Eth2EnrFields() {}

  /** SSZ bit vector of {@code length} bits (bit i is bit i % 8 of byte i / 8). */
  public static byte[] bitvector(BitSet bits, int length) {
    if (bits.length() > length) {
      throw new IllegalArgumentException("bit " + (bits.length() - 1) + " set in a vector of " + length);
    }
    return Arrays.copyOf(bits.toByteArray(), (length + 7) / 8);
  }

  /** @throws InvalidEnrException if the size is wrong or a bit beyond {@code length} is set */
  public static BitSet bitvector(String field, byte[] ssz, int length) {
    int bytes = (length + 7) / 8;
    if (ssz.length != bytes) {
      throw new InvalidEnrException(field + ": Bitvector[" + length + "] must be " + bytes + " bytes, got " + ssz.length);
    }
    BitSet bits = BitSet.valueOf(ssz);
    if (bits.length() > length) {
      throw new InvalidEnrException(field + ": bit " + (bits.length() - 1) + " set beyond Bitvector[" + length + "]");
    }
    return bits;
  }

  /** {@code cgc}: big-endian, no leading zero bytes (0 is the empty string). */
  public static byte[] cgc(int count) {
    if (count < 0 || count > NUMBER_OF_CUSTODY_GROUPS) {
      throw new IllegalArgumentException("custody group count " + count + " outside [0, " + NUMBER_OF_CUSTODY_GROUPS + "]");
    }
    if (count == 0) {
      return new byte[0];
    }
    byte[] b = java.math.BigInteger.valueOf(count).toByteArray();
    return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  /** @throws InvalidEnrException on leading zeros, more than 8 bytes, or a count above the number of groups */
  public static int cgc(byte[] value) {
    if (value.length > 8) {
      throw new InvalidEnrException("cgc: " + value.length + " bytes, at most 8 (uint64)");
    }
    if (value.length > 0 && value[0] == 0) {
      throw new InvalidEnrException("cgc: leading zero byte in 0x" + HexFormat.of().formatHex(value));
    }
    long v = 0;
    for (byte b : value) {
      v = (v << 8) | (b & 0xFF);
    }
    if (v < 0 || v > NUMBER_OF_CUSTODY_GROUPS) {
      throw new InvalidEnrException("cgc: " + Long.toUnsignedString(v) + " exceeds NUMBER_OF_CUSTODY_GROUPS "
          + NUMBER_OF_CUSTODY_GROUPS);
    }
    return (int) v;
  }

  /** @throws InvalidEnrException unless 4 bytes */
  public static byte[] nfd(byte[] value) {
    if (value.length != 4) {
      throw new InvalidEnrException("nfd: next fork digest must be 4 bytes, got " + value.length);
    }
    return value.clone();
  }

  public static byte[] gmember() {
    return new byte[] {0x01};
  }

  /**
   * {@code 0x01}: a member node; {@code 0x00}: no longer one (what a node that unsubscribed
   * publishes, since an ENR key cannot be removed through the discovery library).
   *
   * @throws InvalidEnrException for anything else
   */
  public static boolean gmember(byte[] value) {
    if (value.length != 1 || (value[0] != 0x01 && value[0] != 0x00)) {
      throw new InvalidEnrException("gmember: must be the one byte 0x01 (or 0x00), got 0x"
          + HexFormat.of().formatHex(value));
    }
    return value[0] == 0x01;
  }
}

package io.edvt.infrastructure.crypto.bls;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import supranational.blst.P1;
import supranational.blst.SecretKey;

/**
 * A BLS secret key: a scalar in {@code [1, r)}, serialised as 32 big-endian bytes. Immutable and
 * thread-safe; {@link #toString()} does not reveal the key.
 */
public final class BlsSecretKey {
  public static final int SIZE = 32;

  private static final int MIN_IKM_SIZE = 32;
  private static final byte[] TEST_SEED_PREFIX =
      "EDVT-BLS-DETERMINISTIC-TEST-KEY:".getBytes(StandardCharsets.US_ASCII);

  /** blst scalar; only passed as a const argument after construction. */
  private final SecretKey key;
  private final Bytes32 bytes;
  private volatile BlsPublicKey publicKey;

  private BlsSecretKey(SecretKey key, Bytes32 bytes) {
    this.key = key;
    this.bytes = bytes;
  }

  /**
   * From 32 big-endian bytes.
   *
   * @throws BlsException if not 32 bytes, zero, or not below the group order r
   */
  public static BlsSecretKey fromBytes(Bytes bytes) {
    if (bytes.size() != SIZE) {
      throw new BlsException("secret key must be " + SIZE + " bytes, got " + bytes.size());
    }
    BigInteger value = new BigInteger(1, bytes.toArrayUnsafe());
    if (value.signum() == 0) {
      throw new BlsException("secret key is zero");
    }
    if (value.compareTo(Blst.GROUP_ORDER) >= 0) {
      throw new BlsException("secret key is not below the group order");
    }
    byte[] copy = bytes.toArray();
    SecretKey sk = new SecretKey();
    sk.from_bendian(copy);
    return new BlsSecretKey(sk, Bytes32.wrap(copy));
  }

  /** From a non-negative integer in {@code [1, r)}. */
  public static BlsSecretKey fromBigInteger(BigInteger value) {
    if (value.signum() <= 0 || value.compareTo(Blst.GROUP_ORDER) >= 0) {
      throw new BlsException("secret key scalar out of range [1, r)");
    }
    byte[] raw = value.toByteArray();
    byte[] out = new byte[SIZE];
    int n = Math.min(raw.length, SIZE);
    System.arraycopy(raw, raw.length - n, out, SIZE - n, n);
    return fromBytes(Bytes.wrap(out));
  }

  /**
   * The IETF BLS KeyGen (HKDF-SHA256 with the {@code BLS-SIG-KEYGEN-SALT-} salt) applied to {@code
   * ikm}; deterministic, and never zero.
   *
   * @throws BlsException if {@code ikm} is shorter than 32 bytes
   */
  public static BlsSecretKey fromSeed(Bytes ikm) {
    if (ikm.size() < MIN_IKM_SIZE) {
      throw new BlsException("key material must be at least " + MIN_IKM_SIZE + " bytes, got " + ikm.size());
    }
    SecretKey sk = new SecretKey();
    sk.keygen(ikm.toArray());
    return new BlsSecretKey(sk, Bytes32.wrap(sk.to_bendian()));
  }

  /**
   * A deterministic key for tests and devnets: KeyGen over {@code SHA-256(prefix || seed)}. Not for
   * real funds: anyone knowing the seed knows the key.
   */
  public static BlsSecretKey fromSeed(long seed) {
    MessageDigest sha = sha256();
    sha.update(TEST_SEED_PREFIX);
    sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
    return fromSeed(Bytes.wrap(sha.digest()));
  }

  /**
   * The Ethereum interop ("mocked start") key of validator {@code index}: {@code
   * int_from_le(sha256(uint256_le(index))) mod r}.
   */
  public static BlsSecretKey interop(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("negative validator index " + index);
    }
    byte[] preimage = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putInt(index).array();
    byte[] digest = sha256().digest(preimage);
    byte[] bigEndian = new byte[digest.length];
    for (int i = 0; i < digest.length; i++) {
      bigEndian[i] = digest[digest.length - 1 - i];
    }
    BigInteger value = new BigInteger(1, bigEndian).mod(Blst.GROUP_ORDER);
    return fromBigInteger(value);
  }

  /** A fresh key from 32 bytes of {@link SecureRandom} output fed through KeyGen. */
  public static BlsSecretKey random() {
    byte[] ikm = new byte[MIN_IKM_SIZE];
    new SecureRandom().nextBytes(ikm);
    return fromSeed(Bytes.wrap(ikm));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The 32-byte big-endian scalar. Handle with care. */
  public Bytes32 toBytes() {
    return bytes;
  }

  /** {@code sk * G1}, computed once. */
  public BlsPublicKey publicKey() {
    BlsPublicKey pk = publicKey;
    if (pk == null) {
      pk = BlsPublicKey.fromPoint(new P1(key));
      publicKey = pk;
    }
    return pk;
  }

  /** Same as {@link Bls#sign(BlsSecretKey, Bytes)}. */
  public BlsSignature sign(Bytes message) {
    return Bls.sign(this, message);
  }

  SecretKey blst() {
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlsSecretKey other
        && MessageDigest.isEqual(bytes.toArrayUnsafe(), other.bytes.toArrayUnsafe());
  }

  @Override
  public int hashCode() {
    return publicKey().hashCode();
  }

  @Override
  public String toString() {
    return "BlsSecretKey[pubkey=" + publicKey() + "]";
  }
}

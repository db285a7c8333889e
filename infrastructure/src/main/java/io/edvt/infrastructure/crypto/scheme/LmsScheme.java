package io.edvt.infrastructure.crypto.scheme;

import io.edvt.infrastructure.crypto.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.bouncycastle.pqc.crypto.lms.LMOtsParameters;
import org.bouncycastle.pqc.crypto.lms.LMSPublicKeyParameters;
import org.bouncycastle.pqc.crypto.lms.LMSSigner;
import org.bouncycastle.pqc.crypto.lms.LMSigParameters;

/**
 * Leighton-Micali signatures (LMS, RFC 8554 and NIST SP 800-208) from Bouncy Castle, with SHA-256
 * and 32-byte hashes: a hash-based, post-quantum, <em>stateful</em> scheme without aggregation.
 * It exists to show that every group rule works without BLS linearity.
 *
 * <p>A key is one Merkle tree of {@code 2^h} Winternitz one-time keys (LM-OTS, parameter {@code
 * w}); each signature uses the next unused leaf and carries its index {@code q}. Reusing a leaf
 * for two different messages leaks enough of the one-time key to forge, so {@link LmsSigningKey}
 * keeps the leaf counter explicitly and records it through a {@link LeafIndexStore} before any
 * signature exists.
 *
 * <p>Sizes: public key {@code 4 + 4 + 16 + 32 = 56} bytes ({@code lms type, ots type, I, T[1]});
 * signature {@code 4 + (4 + 32 + 32p) + 4 + 32h} bytes, where {@code p} is 265, 133, 67 or 34 for
 * {@code w} = 1, 2, 4 or 8. For example h10/w4: 2508 bytes, h10/w8: 1452 bytes.
 *
 * <p>Domain separation (LMS has no DST): every signature is over {@code "EDVT_SIG_" || name() ||
 * "_" || message}; because the name carries the parameter set, a signature made under another
 * parameter set never verifies. Messages are beacon-chain signing roots, which carry their own
 * domain (a proof of possession is a signature over the signing root of a {@code GroupKeyProof}).
 */
public final class LmsScheme implements SignatureScheme<LmsPublicKey, LmsSignature> {
  /** Bytes of the LMS identifier {@code I}. */
  static final int IDENTIFIER_SIZE = 16;

  private static final int HASH_SIZE = 32;
  private static final int MIN_SEED_SIZE = 32;

  private final LMSigParameters treeParameters;
  private final LMOtsParameters otsParameters;
  private final String name;
  private final int signatureSize;
  private final int otsSignatureSize;
  private final byte[] signaturePrefix;

  private LmsScheme(LMSigParameters treeParameters, LMOtsParameters otsParameters) {
    this.treeParameters = treeParameters;
    this.otsParameters = otsParameters;
    this.name =
        "LMS_SHA256_M32_H" + treeParameters.getH() + "_LMOTS_SHA256_N32_W" + otsParameters.getW();
    this.otsSignatureSize = 4 + HASH_SIZE + otsParameters.getP() * HASH_SIZE;
    this.signatureSize = 4 + otsSignatureSize + 4 + treeParameters.getH() * HASH_SIZE;
    this.signaturePrefix = ("EDVT_SIG_" + name + "_").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * LMS with SHA-256 and 32-byte hashes.
   *
   * @param treeHeight {@code h}: 5, 10, 15, 20 or 25; a key signs {@code 2^h} times, and key
   *     generation hashes the whole tree, so it costs about {@code 2^h} one-time key generations
   * @param winternitz {@code w}: 1, 2, 4 or 8; larger is smaller signatures but about {@code
   *     2^w / w} times more hashing per signature and verification
   * @throws IllegalArgumentException for other values
   */
  public static LmsScheme sha256(int treeHeight, int winternitz) {
    LMSigParameters tree =
        switch (treeHeight) {
          case 5 -> LMSigParameters.lms_sha256_n32_h5;
          case 10 -> LMSigParameters.lms_sha256_n32_h10;
          case 15 -> LMSigParameters.lms_sha256_n32_h15;
          case 20 -> LMSigParameters.lms_sha256_n32_h20;
          case 25 -> LMSigParameters.lms_sha256_n32_h25;
          default ->
              throw new IllegalArgumentException(
                  "LMS tree height must be 5, 10, 15, 20 or 25, got " + treeHeight);
        };
    LMOtsParameters ots =
        switch (winternitz) {
          case 1 -> LMOtsParameters.sha256_n32_w1;
          case 2 -> LMOtsParameters.sha256_n32_w2;
          case 4 -> LMOtsParameters.sha256_n32_w4;
          case 8 -> LMOtsParameters.sha256_n32_w8;
          default ->
              throw new IllegalArgumentException(
                  "LM-OTS Winternitz parameter must be 1, 2, 4 or 8, got " + winternitz);
        };
    return new LmsScheme(tree, ots);
  }

  @Override
  public String name() {
    return name;
  }

  public int treeHeight() {
    return treeParameters.getH();
  }

  public int winternitz() {
    return otsParameters.getW();
  }

  /** How many signatures one key makes: {@code 2^h}. */
  public long leafCount() {
    return 1L << treeParameters.getH();
  }

  @Override
  public int publicKeySize() {
    return LmsPublicKey.SIZE;
  }

  @Override
  public int signatureSize() {
    return signatureSize;
  }

  @Override
  public boolean isStateful() {
    return true;
  }

  /**
   * A fresh key from {@code seed}, at leaf 0, with its state kept in memory only ({@link
   * LeafIndexStore#IN_MEMORY}). Never call this again for a key that has signed: use {@link
   * #restoreKey} with the persisted leaf index instead.
   */
  @Override
  public LmsSigningKey generateKey(Bytes seed) {
    return restoreKey(seed, 0, LeafIndexStore.IN_MEMORY);
  }

  /**
   * The key derived from {@code seed}, continuing at {@code nextLeaf} (the value its {@link
   * LeafIndexStore} last recorded), recording every further leaf through {@code store}.
   *
   * <p>The identifier {@code I} and the RFC 8554 Appendix A secret {@code SEED} are derived as
   * {@code sha256("EDVT_LMS_I_" || name() || "_" || seed)[0:16]} and {@code
   * sha256("EDVT_LMS_SEED_" || name() || "_" || seed)}. Derivation hashes the whole tree once.
   *
   * @throws IllegalArgumentException if the seed is shorter than 32 bytes or {@code nextLeaf} is
   *     outside {@code [0, 2^h]}
   */
  public LmsSigningKey restoreKey(Bytes seed, long nextLeaf, LeafIndexStore store) {
    if (seed.size() < MIN_SEED_SIZE) {
      throw new IllegalArgumentException(
          "seed must be at least " + MIN_SEED_SIZE + " bytes, got " + seed.size());
    }
    if (nextLeaf < 0 || nextLeaf > leafCount()) {
      throw new IllegalArgumentException(
          "next leaf must be in [0, " + leafCount() + "], got " + nextLeaf);
    }
    byte[] identifier =
        Arrays.copyOf(derive("EDVT_LMS_I_", seed), IDENTIFIER_SIZE);
    byte[] secretSeed = derive("EDVT_LMS_SEED_", seed);
    return new LmsSigningKey(
        this, treeParameters, otsParameters, identifier, secretSeed, (int) nextLeaf, store);
  }

  private byte[] derive(String label, Bytes seed) {
    return Sha256.hash(
        (label + name + "_").getBytes(StandardCharsets.US_ASCII), seed.toArrayUnsafe());
  }

  @Override
  public LmsPublicKey decodePublicKey(Bytes encoded) {
    return LmsPublicKey.fromBytes(encoded);
  }

  @Override
  public LmsSignature decodeSignature(Bytes encoded) {
    if (encoded.size() != signatureSize) {
      throw new IllegalArgumentException(
          name + " signature must be " + signatureSize + " bytes, got " + encoded.size());
    }
    return new LmsSignature(encoded);
  }

  @Override
  public Bytes encodePublicKey(LmsPublicKey publicKey) {
    return publicKey.toBytes();
  }

  @Override
  public Bytes encodeSignature(LmsSignature signature) {
    return signature.toBytes();
  }

  /** The key parses as an LMS public key of exactly this scheme's parameter set. */
  @Override
  public boolean isValidPublicKey(LmsPublicKey publicKey) {
    return parametersOrNull(publicKey) != null;
  }

  @Override
  public boolean verify(LmsPublicKey publicKey, Bytes message, LmsSignature signature) {
    return verifyTagged(publicKey, signingInput(message.toArrayUnsafe()), signature);
  }

  /** LMS has no aggregation: callers verify each member's signature. */
  @Override
  public Optional<Aggregation<LmsPublicKey, LmsSignature>> aggregation() {
    return Optional.empty();
  }

  byte[] signingInput(byte[] message) {
    return concat(signaturePrefix, message);
  }

  private boolean verifyTagged(LmsPublicKey publicKey, byte[] input, LmsSignature signature) {
    LMSPublicKeyParameters key = parametersOrNull(publicKey);
    if (key == null || !isWellFormed(signature)) {
      return false;
    }
    try {
      LMSSigner verifier = new LMSSigner();
      verifier.init(false, key);
      return verifier.verifySignature(input, signature.toBytes().toArrayUnsafe());
    } catch (RuntimeException e) {
      // Bouncy Castle's parser throws assorted runtime exceptions on malformed input.
      return false;
    }
  }

  /**
   * The fixed layout of a signature of this parameter set: right size, leaf index below {@code
   * 2^h}, and both type codes equal to ours. Bouncy Castle's own parsing is lenient, so this runs
   * first.
   */
  boolean isWellFormed(LmsSignature signature) {
    Bytes bytes = signature.toBytes();
    if (bytes.size() != signatureSize) {
      return false;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes.toArrayUnsafe());
    long leaf = Integer.toUnsignedLong(buffer.getInt(0));
    return leaf < leafCount()
        && buffer.getInt(4) == otsParameters.getType()
        && buffer.getInt(4 + otsSignatureSize) == treeParameters.getType();
  }

  private LMSPublicKeyParameters parametersOrNull(LmsPublicKey publicKey) {
    LMSPublicKeyParameters key = publicKey.parsedOrNull();
    if (key == null
        || key.getSigParameters().getType() != treeParameters.getType()
        || key.getOtsParameters().getType() != otsParameters.getType()) {
      return null;
    }
    return key;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LmsScheme other && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}

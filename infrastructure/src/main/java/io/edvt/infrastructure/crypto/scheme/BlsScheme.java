package io.edvt.infrastructure.crypto.scheme;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsException;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * BLS12-381 in Ethereum's proof-of-possession ciphersuite ({@link Bls}), the production scheme:
 * 48-byte public keys, 96-byte signatures, stateless keys, and aggregation. Signatures use the
 * ciphersuite's signing DST; EDVT's proofs of possession are such signatures over a message that
 * binds the key (not the ciphersuite's unbound PopProve, which {@link Bls} still offers).
 */
public final class BlsScheme implements SignatureScheme<BlsPublicKey, BlsSignature> {
  public static final BlsScheme INSTANCE = new BlsScheme();

  private static final Aggregation<BlsPublicKey, BlsSignature> AGGREGATION = new BlsAggregation();

  private BlsScheme() {}

  @Override
  public String name() {
    return "BLS12381G2_POP";
  }

  @Override
  public int publicKeySize() {
    return BlsPublicKey.SIZE;
  }

  @Override
  public int signatureSize() {
    return BlsSignature.SIZE;
  }

  @Override
  public boolean isStateful() {
    return false;
  }

  /** IETF KeyGen over {@code seed} ({@link BlsSecretKey#fromSeed(Bytes)}). */
  @Override
  public BlsSigningKey generateKey(Bytes seed) {
    if (seed.size() < 32) {
      throw new IllegalArgumentException("seed must be at least 32 bytes, got " + seed.size());
    }
    return new BlsSigningKey(BlsSecretKey.fromSeed(seed));
  }

  @Override
  public BlsPublicKey decodePublicKey(Bytes encoded) {
    requireSize("public key", encoded, BlsPublicKey.SIZE);
    return BlsPublicKey.fromBytes(encoded);
  }

  @Override
  public BlsSignature decodeSignature(Bytes encoded) {
    requireSize("signature", encoded, BlsSignature.SIZE);
    return BlsSignature.fromBytes(encoded);
  }

  @Override
  public Bytes encodePublicKey(BlsPublicKey publicKey) {
    return publicKey.toBytes();
  }

  @Override
  public Bytes encodeSignature(BlsSignature signature) {
    return signature.toBytes();
  }

  @Override
  public boolean isValidPublicKey(BlsPublicKey publicKey) {
    return Bls.keyValidate(publicKey);
  }

  @Override
  public boolean verify(BlsPublicKey publicKey, Bytes message, BlsSignature signature) {
    return Bls.verify(publicKey, message, signature);
  }

  @Override
  public Optional<Aggregation<BlsPublicKey, BlsSignature>> aggregation() {
    return Optional.of(AGGREGATION);
  }

  @Override
  public String toString() {
    return name();
  }

  private static void requireSize(String what, Bytes encoded, int size) {
    if (encoded.size() != size) {
      throw new IllegalArgumentException(
          "BLS " + what + " must be " + size + " bytes, got " + encoded.size());
    }
  }

  private static final class BlsAggregation implements Aggregation<BlsPublicKey, BlsSignature> {
    @Override
    public BlsSignature aggregate(List<BlsSignature> signatures) {
      try {
        return Bls.aggregate(signatures);
      } catch (BlsException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }

    @Override
    public boolean fastAggregateVerify(
        List<BlsPublicKey> publicKeys, Bytes message, BlsSignature aggregate) {
      return Bls.fastAggregateVerify(publicKeys, message, aggregate);
    }
  }
}

package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.crypto.scheme.Aggregation;
import io.edvt.infrastructure.crypto.scheme.BlsScheme;
import io.edvt.infrastructure.crypto.scheme.SignatureScheme;
import io.edvt.infrastructure.crypto.scheme.SigningKey;
import io.edvt.spec.logic.common.SignatureVerifier;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@link BlsScheme} whose signature checks go through the state transition's {@link
 * SignatureVerifier}, so the scheme-agnostic group rules of {@code io.edvt.groups} verify as the
 * rest of the block does: at once ({@link SignatureVerifier#SIMPLE}), collected for the block's
 * batch ({@link SignatureVerifier.Batch}) or not at all ({@link SignatureVerifier#NONE}). Key
 * validation ({@code KeyValidate}) is always BLS's own.
 */
final class VerifierBlsScheme implements SignatureScheme<BlsPublicKey, BlsSignature> {
  private final SignatureVerifier verifier;
  private final Aggregation<BlsPublicKey, BlsSignature> aggregation;

  VerifierBlsScheme(SignatureVerifier verifier) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    Aggregation<BlsPublicKey, BlsSignature> bls = BlsScheme.INSTANCE.aggregation().orElseThrow();
    this.aggregation = new Aggregation<>() {
      @Override
      public BlsSignature aggregate(List<BlsSignature> signatures) {
        return bls.aggregate(signatures);
      }

      @Override
      public boolean fastAggregateVerify(List<BlsPublicKey> publicKeys, Bytes message, BlsSignature aggregate) {
        return !publicKeys.isEmpty() && verifier.verify(publicKeys, message, aggregate.toBytes());
      }
    };
  }

  @Override
  public String name() {
    return BlsScheme.INSTANCE.name();
  }

  @Override
  public int publicKeySize() {
    return BlsScheme.INSTANCE.publicKeySize();
  }

  @Override
  public int signatureSize() {
    return BlsScheme.INSTANCE.signatureSize();
  }

  @Override
  public boolean isStateful() {
    return false;
  }

  @Override
  public SigningKey<BlsPublicKey, BlsSignature> generateKey(Bytes seed) {
    return BlsScheme.INSTANCE.generateKey(seed);
  }

  @Override
  public BlsPublicKey decodePublicKey(Bytes encoded) {
    return BlsScheme.INSTANCE.decodePublicKey(encoded);
  }

  @Override
  public BlsSignature decodeSignature(Bytes encoded) {
    return BlsScheme.INSTANCE.decodeSignature(encoded);
  }

  @Override
  public Bytes encodePublicKey(BlsPublicKey publicKey) {
    return BlsScheme.INSTANCE.encodePublicKey(publicKey);
  }

  @Override
  public Bytes encodeSignature(BlsSignature signature) {
    return BlsScheme.INSTANCE.encodeSignature(signature);
  }

  @Override
  public boolean isValidPublicKey(BlsPublicKey publicKey) {
    return BlsScheme.INSTANCE.isValidPublicKey(publicKey);
  }

  @Override
  public boolean verify(BlsPublicKey publicKey, Bytes message, BlsSignature signature) {
    return verifier.verify(publicKey, message, signature.toBytes());
  }

  @Override
  public Optional<Aggregation<BlsPublicKey, BlsSignature>> aggregation() {
    return Optional.of(aggregation);
  }
}

package io.edvt.infrastructure.crypto.scheme;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;

/** A {@link BlsSecretKey} seen as a {@link SigningKey}: stateless, immutable, thread-safe. */
public final class BlsSigningKey implements SigningKey<BlsPublicKey, BlsSignature> {
  private final BlsSecretKey secretKey;

  public BlsSigningKey(BlsSecretKey secretKey) {
    this.secretKey = secretKey;
  }

  public BlsSecretKey secretKey() {
    return secretKey;
  }

  @Override
  public BlsPublicKey publicKey() {
    return secretKey.publicKey();
  }

  @Override
  public BlsSignature sign(Bytes message) {
    return Bls.sign(secretKey, message);
  }

  @Override
  public OptionalLong remainingSignatures() {
    return OptionalLong.empty();
  }

  @Override
  public String toString() {
    return "BlsSigningKey[pubkey=" + publicKey() + "]";
  }
}

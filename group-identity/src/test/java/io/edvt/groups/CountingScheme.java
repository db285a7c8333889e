package io.edvt.groups;

import io.edvt.infrastructure.crypto.scheme.Aggregation;
import io.edvt.infrastructure.crypto.scheme.SignatureScheme;
import io.edvt.infrastructure.crypto.scheme.SigningKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tuweni.bytes.Bytes;

/** A real scheme that counts signature verifications (single and aggregate), to test work bounds. */
final class CountingScheme<K, S> implements SignatureScheme<K, S> {
  private final SignatureScheme<K, S> delegate;
  private final AtomicInteger verifications = new AtomicInteger();

  CountingScheme(SignatureScheme<K, S> delegate) {
    this.delegate = delegate;
  }

  int verifications() {
    return verifications.get();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public int publicKeySize() {
    return delegate.publicKeySize();
  }

  @Override
  public int signatureSize() {
    return delegate.signatureSize();
  }

  @Override
  public boolean isStateful() {
    return delegate.isStateful();
  }

  @Override
  public SigningKey<K, S> generateKey(Bytes seed) {
    return delegate.generateKey(seed);
  }

  @Override
  public K decodePublicKey(Bytes encoded) {
    return delegate.decodePublicKey(encoded);
  }

  @Override
  public S decodeSignature(Bytes encoded) {
    return delegate.decodeSignature(encoded);
  }

  @Override
  public Bytes encodePublicKey(K publicKey) {
    return delegate.encodePublicKey(publicKey);
  }

  @Override
  public Bytes encodeSignature(S signature) {
    return delegate.encodeSignature(signature);
  }

  @Override
  public boolean isValidPublicKey(K publicKey) {
    return delegate.isValidPublicKey(publicKey);
  }

  @Override
  public boolean verify(K publicKey, Bytes message, S signature) {
    verifications.incrementAndGet();
    return delegate.verify(publicKey, message, signature);
  }

  @Override
  public Optional<Aggregation<K, S>> aggregation() {
    return delegate.aggregation().map(a -> new Aggregation<K, S>() {
      @Override
      public S aggregate(List<S> signatures) {
        return a.aggregate(signatures);
      }

      @Override
      public boolean fastAggregateVerify(List<K> publicKeys, Bytes message, S aggregate) {
        verifications.incrementAndGet();
        return a.fastAggregateVerify(publicKeys, message, aggregate);
      }
    });
  }
}

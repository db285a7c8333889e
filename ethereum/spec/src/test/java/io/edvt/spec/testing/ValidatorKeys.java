package io.edvt.spec.testing;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tuweni.bytes.Bytes48;

/** The secret keys a test holds, by public key: interop keys, plus any added (e.g. for new deposits). */
public final class ValidatorKeys {
  private final Map<Bytes48, BlsSecretKey> byPubkey = new ConcurrentHashMap<>();

  /** Keys for interop indices {@code [0, count)} ({@link BlsSecretKey#interop(int)}). */
  public static ValidatorKeys interop(int count) {
    ValidatorKeys keys = new ValidatorKeys();
    for (int i = 0; i < count; i++) {
      keys.add(BlsSecretKey.interop(i));
    }
    return keys;
  }

  public ValidatorKeys add(BlsSecretKey key) {
    byPubkey.put(key.publicKey().toBytes(), key);
    return this;
  }

  public Optional<BlsSecretKey> find(Bytes48 pubkey) {
    return Optional.ofNullable(byPubkey.get(pubkey));
  }

  /** The key of {@code pubkey}; fails when the test does not hold it. */
  public BlsSecretKey get(Bytes48 pubkey) {
    BlsSecretKey key = byPubkey.get(pubkey);
    if (key == null) {
      throw new IllegalArgumentException("no secret key for " + pubkey);
    }
    return key;
  }
}

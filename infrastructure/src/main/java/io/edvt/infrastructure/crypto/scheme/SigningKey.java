package io.edvt.infrastructure.crypto.scheme;

import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;

/**
 * The secret half of a key pair of some {@link SignatureScheme}. Implementations never reveal
 * secret material through {@code toString}.
 *
 * <p>Keys of stateful schemes are mutable: every {@link #sign} consumes a one-time key, and implementations make sure that no one-time key is used twice, even
 * from several threads.
 */
public interface SigningKey<K, S> {

  K publicKey();

  /**
   * Signs {@code message}.
   *
   * @throws SigningKeyExhaustedException if a stateful key has no unused one-time key left
   */
  S sign(Bytes message);

  /** How many more signatures a stateful key can make; empty for stateless keys. */
  OptionalLong remainingSignatures();
}

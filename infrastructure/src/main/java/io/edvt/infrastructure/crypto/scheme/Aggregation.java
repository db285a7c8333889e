package io.edvt.infrastructure.crypto.scheme;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * Signature aggregation, an optional capability of a {@link SignatureScheme} (BLS has it,
 * hash-based schemes do not). An aggregate has the scheme's signature size.
 */
public interface Aggregation<K, S> {

  /**
   * One signature standing for all of {@code signatures}.
   *
   * @throws IllegalArgumentException if the list is empty or a signature is not well formed
   */
  S aggregate(List<S> signatures);

  /**
   * {@code aggregate} is the aggregate of valid signatures by every one of {@code publicKeys} over
   * the same {@code message}. False for an empty key list or any invalid key. Keys must have
   * proven possession beforehand (rogue-key protection).
   */
  boolean fastAggregateVerify(List<K> publicKeys, Bytes message, S aggregate);
}

package io.edvt.infrastructure.crypto.scheme;

import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * A signature scheme as the group logic sees it: keys from a seed, sign, verify, fixed encoded
 * sizes, and aggregation only as an optional capability.
 *
 * <p>Group rules are written against this interface alone, so that they hold for any scheme: "m
 * valid signatures from distinct members" is checked either with one aggregate (when {@link
 * #aggregation()} is present) or by verifying each member's signature. Nothing here relies on
 * the linearity of BLS.
 *
 * <p>There is no separate proof-of-possession operation: a proof of possession is an ordinary
 * signature by the key over a message that binds the key to its use. EDVT's is {@code
 * GroupKeyProof(validator_index, pubkey)} under {@code DOMAIN_GROUP_KEY_PROOF} ({@code
 * io.edvt.groups.GroupKeyProofs}); an unbound proof (a signature over the key alone) could be
 * copied into another validator's group.
 *
 * <p>Implementations are immutable and thread-safe; verification methods return {@code false}
 * for any malformed key or signature and never throw for them.
 *
 * @param <K> public key type (value semantics: {@code equals}/{@code hashCode} on the encoding)
 * @param <S> signature type
 */
public interface SignatureScheme<K, S> {

  /**
   * A stable name naming the scheme and its parameter set, such as {@code BLS12381G2_POP} or
   * {@code LMS_SHA256_M32_H10_LMOTS_SHA256_N32_W4}. Hash-based schemes use it in their domain tags.
   */
  String name();

  /** Size of every encoded public key, in bytes. */
  int publicKeySize();

  /** Size of every encoded signature, in bytes (aggregates included, where supported). */
  int signatureSize();

  /**
   * Whether signing keys carry state that must never roll back (one-time-signature schemes). A
   * stateful key signs a bounded number of times; see {@link SigningKey#remainingSignatures()}.
   */
  boolean isStateful();

  /**
   * A signing key derived deterministically from {@code seed} (at least 32 bytes).
   *
   * <p>For a stateful scheme the key starts at its first one-time key and keeps its state only in
   * memory: deriving it again from the same seed after it has signed would reuse one-time keys.
   * Such schemes offer their own way to restore a key together with its persisted state.
   *
   * @throws IllegalArgumentException if the seed is shorter than 32 bytes
   */
  SigningKey<K, S> generateKey(Bytes seed);

  /**
   * Wraps an encoded public key without judging it; {@link #isValidPublicKey} does that.
   *
   * @throws IllegalArgumentException if not {@link #publicKeySize()} bytes
   */
  K decodePublicKey(Bytes encoded);

  /**
   * Wraps an encoded signature without judging it; verification does that.
   *
   * @throws IllegalArgumentException if not {@link #signatureSize()} bytes
   */
  S decodeSignature(Bytes encoded);

  Bytes encodePublicKey(K publicKey);

  Bytes encodeSignature(S signature);

  /** The key is well formed for this scheme and parameter set (BLS: KeyValidate). */
  boolean isValidPublicKey(K publicKey);

  /** {@code signature} is a valid signature by {@code publicKey} over {@code message}. */
  boolean verify(K publicKey, Bytes message, S signature);

  /**
   * The aggregation capability, if the scheme has one. Callers that get an empty value fall back
   * to verifying each signature on its own.
   */
  Optional<Aggregation<K, S>> aggregation();
}

package io.edvt.groups;

import io.edvt.infrastructure.crypto.scheme.SignatureScheme;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;

/**
 * The spec's {@code GroupKeyChange}. One operation covers four changes, chosen by {@code
 * memberIndex} and {@code newPubkey}, where {@code n} is the number of keys of the key set in
 * force:
 *
 * <table>
 *   <caption>Effect of a key change</caption>
 *   <tr><th>{@code member_index}</th><th>{@code new_pubkey}</th><th>effect</th></tr>
 *   <tr><td>{@code < n}</td><td>not all zero</td><td>replace key {@code member_index}</td></tr>
 *   <tr><td>{@code == n}</td><td>not all zero</td><td>add the key as member {@code n}</td></tr>
 *   <tr><td>{@code < n}</td><td>all zero</td><td>remove member {@code member_index}; later members move down</td></tr>
 *   <tr><td>{@code == n}</td><td>all zero</td><td>keep the keys; only the threshold changes</td></tr>
 * </table>
 *
 * In every case the new key set's threshold is {@code newThreshold}. {@code currentKeySetEpoch}
 * must equal the activation epoch of the key set in force, which makes a signed change usable
 * once only. "All zero" is on the scheme's encoding ({@code BLSPubkey()} / {@code BLSSignature()}
 * for BLS); the all-zero encoding is never a valid key of either scheme. The members' signatures
 * over the change travel next to it ({@code SignedGroupKeyChange}) as {@link MemberSignatures}.
 */
public record KeyChange<K, S>(
    UInt64 validatorIndex,
    UInt64 currentKeySetEpoch,
    UInt64 memberIndex,
    K newPubkey,
    S proofOfPossession,
    UInt64 newThreshold) {
  public KeyChange {
    Objects.requireNonNull(validatorIndex, "validatorIndex");
    Objects.requireNonNull(currentKeySetEpoch, "currentKeySetEpoch");
    Objects.requireNonNull(memberIndex, "memberIndex");
    Objects.requireNonNull(newPubkey, "newPubkey");
    Objects.requireNonNull(proofOfPossession, "proofOfPossession");
    Objects.requireNonNull(newThreshold, "newThreshold");
  }

  /**
   * Replace key {@code memberIndex} (if {@code memberIndex < n}) or add a member (if {@code
   * memberIndex == n}) with {@code newPubkey}, proven by {@code proof} (see {@link
   * GroupKeyProofs}).
   */
  public static <K, S> KeyChange<K, S> withKey(
      UInt64 validatorIndex, UInt64 currentKeySetEpoch, int memberIndex, K newPubkey, S proof, int newThreshold) {
    return new KeyChange<>(
        validatorIndex, currentKeySetEpoch, uint(memberIndex), newPubkey, proof, uint(newThreshold));
  }

  /**
   * Remove member {@code memberIndex} (if {@code memberIndex < n}), or change only the threshold
   * (if {@code memberIndex == n}): the all-zero key and the all-zero proof.
   */
  public static <K, S> KeyChange<K, S> withoutKey(
      SignatureScheme<K, S> scheme, UInt64 validatorIndex, UInt64 currentKeySetEpoch, int memberIndex, int newThreshold) {
    return new KeyChange<>(
        validatorIndex, currentKeySetEpoch, uint(memberIndex), zeroPubkey(scheme), zeroSignature(scheme), uint(newThreshold));
  }

  /** {@code BLSPubkey()} for the scheme: its public-key size in zero bytes. */
  public static <K> K zeroPubkey(SignatureScheme<K, ?> scheme) {
    return scheme.decodePublicKey(Bytes.wrap(new byte[scheme.publicKeySize()]));
  }

  /** {@code BLSSignature()} for the scheme: its signature size in zero bytes. */
  public static <S> S zeroSignature(SignatureScheme<?, S> scheme) {
    return scheme.decodeSignature(Bytes.wrap(new byte[scheme.signatureSize()]));
  }

  /** {@code new_pubkey == BLSPubkey()}: the change carries no key. */
  public boolean hasZeroPubkey(SignatureScheme<K, S> scheme) {
    return isAllZero(scheme.encodePublicKey(newPubkey));
  }

  /** {@code proof_of_possession == BLSSignature()}. */
  public boolean hasZeroProof(SignatureScheme<K, S> scheme) {
    return isAllZero(scheme.encodeSignature(proofOfPossession));
  }

  private static boolean isAllZero(Bytes bytes) {
    return bytes.isZero();
  }

  private static UInt64 uint(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("uint64 field must not be negative: " + value);
    }
    return UInt64.valueOf(value);
  }
}

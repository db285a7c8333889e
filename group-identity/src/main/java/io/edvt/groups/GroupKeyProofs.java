package io.edvt.groups;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.crypto.scheme.SignatureScheme;
import io.edvt.infrastructure.crypto.scheme.SigningKey;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.SigningData;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Proofs of possession bound to the validator ({@code is_valid_group_key_proof}): a new member key
 * signs {@code GroupKeyProof(validator_index, pubkey)} under {@code DOMAIN_GROUP_KEY_PROOF}, so a
 * proof cannot be replayed to put the key into another validator's group.
 *
 * <pre>
 * class GroupKeyProof(Container):
 *     validator_index: ValidatorIndex
 *     pubkey: BLSPubkey
 *
 * def is_valid_group_key_proof(state, validator_index, pubkey, proof) -> bool:
 *     key_proof = GroupKeyProof(validator_index=validator_index, pubkey=pubkey)
 *     domain = get_domain(state, DOMAIN_GROUP_KEY_PROOF)
 *     signing_root = compute_signing_root(key_proof, domain)
 *     return bls.Verify(pubkey, signing_root, proof)
 * </pre>
 *
 * <p>The proof is an ordinary signature of the scheme over that signing root; domain separation
 * from every other message comes from the domain inside the signing root, as for every beacon
 * chain signature. For BLS this is exactly the spec: {@code bls.Verify} with the ordinary
 * signature DST (which includes KeyValidate). For any other scheme the rule is the same with the
 * scheme's encoded public key as {@code pubkey}, typed {@code ByteVector[publicKeySize]} in the
 * container (for BLS, {@code BLSPubkey = Bytes48}); for LMS that is a 56-byte vector, and the LMS
 * signature itself is over {@code "EDVT_SIG_" || name || "_" || signing_root} as every LMS
 * signature is. The key must also be a valid key of the scheme.
 *
 * <p>The caller computes the domain: {@code get_domain(state, DOMAIN_GROUP_KEY_PROOF)}, that is
 * {@code compute_domain(DOMAIN_GROUP_KEY_PROOF, fork_version_at_current_epoch,
 * genesis_validators_root)} (see {@link GroupDomains#DOMAIN_GROUP_KEY_PROOF}). Immutable.
 */
public final class GroupKeyProofs<K, S> {
  private final SignatureScheme<K, S> scheme;

  public GroupKeyProofs(SignatureScheme<K, S> scheme) {
    this.scheme = Objects.requireNonNull(scheme, "scheme");
  }

  public SignatureScheme<K, S> scheme() {
    return scheme;
  }

  /**
   * {@code hash_tree_root(GroupKeyProof(validator_index, pubkey))}: the root of a two-field
   * container, {@code sha256(hash_tree_root(uint64) || hash_tree_root(ByteVector[len(pubkey)]))}.
   */
  public static Bytes32 keyProofRoot(UInt64 validatorIndex, Bytes encodedPubkey) {
    byte[] input = new byte[64];
    System.arraycopy(SszTypes.UINT64.hashTreeRoot(validatorIndex), 0, input, 0, 32);
    System.arraycopy(SszTypes.byteVector(encodedPubkey.size()).hashTreeRoot(encodedPubkey), 0, input, 32, 32);
    return Bytes32.wrap(Sha256.hash(input));
  }

  /** {@code compute_signing_root(GroupKeyProof(validator_index, pubkey), domain)}. */
  public static Bytes32 signingRoot(UInt64 validatorIndex, Bytes encodedPubkey, Bytes32 domain) {
    return SigningData.create(keyProofRoot(validatorIndex, encodedPubkey), domain).hashTreeRoot();
  }

  /** The signing root of the proof for {@code pubkey} serving {@code validatorIndex}. */
  public Bytes32 signingRoot(UInt64 validatorIndex, K pubkey, Bytes32 domain) {
    return signingRoot(validatorIndex, scheme.encodePublicKey(pubkey), domain);
  }

  /**
   * The proof that {@code key} serves {@code validatorIndex}. For a stateful scheme this uses one
   * one-time key.
   */
  public S prove(SigningKey<K, S> key, UInt64 validatorIndex, Bytes32 domain) {
    return key.sign(signingRoot(validatorIndex, key.publicKey(), domain));
  }

  /**
   * {@code is_valid_group_key_proof}: {@code pubkey} is a valid key of the scheme and {@code
   * proof} is its signature over {@code GroupKeyProof(validator_index, pubkey)} under {@code
   * domain}.
   */
  public boolean isValid(UInt64 validatorIndex, K pubkey, S proof, Bytes32 domain) {
    return scheme.isValidPublicKey(pubkey) && scheme.verify(pubkey, signingRoot(validatorIndex, pubkey, domain), proof);
  }
}

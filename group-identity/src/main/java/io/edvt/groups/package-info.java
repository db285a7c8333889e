/**
 * Groups of virtual identities (enshrined distributed validators): the rules of the {@code edvt}
 * spec ({@code ethereum/spec-extensions/specs/edvt/beacon-chain.md}) that decide when a group of
 * {@code n <= 16} member keys with threshold {@code m} has acted, written against any {@link
 * io.edvt.infrastructure.crypto.scheme.SignatureScheme}, so that none of them needs BLS
 * linearity. Each class names the spec functions it implements.
 *
 * <p>Nothing here knows the fork's SSZ containers or beacon state: the fork computes signing roots
 * and domains of its containers, adapts them to these types (key sets, signer sets, member
 * signatures) and supplies what the rules need from the state (validator status, key usage, key
 * set lookups, epochs) as plain values. The one container defined here is {@code GroupKeyProof},
 * whose signing root the proofs of possession need for any scheme.
 *
 * <ul>
 *   <li>{@link io.edvt.groups.VirtualIndex}: {@code member_index * 2**41 + validator_index}.
 *   <li>{@link io.edvt.groups.GroupKeySet}, {@link io.edvt.groups.GroupKeySets}, {@link
 *       io.edvt.groups.KeySetLookup}, {@link io.edvt.groups.KeyRotationTiming}: key sets, the
 *       stored {@code Group.key_sets} with activation and pruning, plain validators as one-member
 *       key sets.
 *   <li>{@link io.edvt.groups.SignerSet}, {@link io.edvt.groups.MemberSignatures}, {@link
 *       io.edvt.groups.ThresholdVerifier}: {@code is_valid_threshold_signature}.
 *   <li>{@link io.edvt.groups.GroupKeyProofs}: {@code is_valid_group_key_proof}, bound to the
 *       validator.
 *   <li>{@link io.edvt.groups.RegistrationValidator}, {@link io.edvt.groups.KeyChangeValidator}:
 *       {@code process_group_registration} and {@code process_group_key_change}, each rejection
 *       with a reason.
 *   <li>{@link io.edvt.groups.AttesterSlashings}, {@link io.edvt.groups.ProposerSlashingValidator}:
 *       slashing evidence (threshold on each side) and equivocating keys.
 *   <li>{@link io.edvt.groups.LeaderRanking}: member ranking and block leader.
 *   <li>{@link io.edvt.groups.ParticipationTally}: per-member flags and the m-of-n flag rule.
 * </ul>
 */
package io.edvt.groups;

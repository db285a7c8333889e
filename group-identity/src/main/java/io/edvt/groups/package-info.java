/**
 * Groups of virtual identities (enshrined distributed validators): the rules that decide when a
 * group of {@code n <= 16} member keys with threshold {@code m} has acted, written against any
 * {@link io.edvt.infrastructure.crypto.scheme.SignatureScheme}, so that none of them needs BLS
 * linearity.
 *
 * <p>Nothing here knows SSZ containers or beacon state: the {@code edvt} fork adapts its
 * containers to these types (key sets, signer sets, member signatures) and supplies what the rules
 * need from the state (validator status, key usage lookups, epochs) as plain values.
 *
 * <ul>
 *   <li>{@link io.edvt.groups.GroupKeySet}, {@link io.edvt.groups.GroupKeySets}: a group's keys
 *       and threshold, and their generations under rotation.
 *   <li>{@link io.edvt.groups.SignerSet}, {@link io.edvt.groups.MemberSignatures}, {@link
 *       io.edvt.groups.ThresholdVerifier}: "at least m valid signatures from distinct members".
 *   <li>{@link io.edvt.groups.RegistrationValidator}, {@link io.edvt.groups.KeyChangeValidator}:
 *       registration and rotation rules, each rejection with a reason.
 *   <li>{@link io.edvt.groups.SlashingEvidenceJudge}: group offence versus member equivocation.
 *   <li>{@link io.edvt.groups.LeaderRanking}: who builds the group's block first.
 *   <li>{@link io.edvt.groups.ParticipationTally}: per-member flags and the m-of-n flag rule.
 * </ul>
 */
package io.edvt.groups;

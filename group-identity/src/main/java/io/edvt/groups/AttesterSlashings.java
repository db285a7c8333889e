package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Attester slashing evidence over virtual indices: who the two attestations of an {@code
 * AttesterSlashing} prove to have voted twice ({@code get_attester_slashing_indices}), and which
 * keys signed both ({@code get_equivocating_pubkeys}, fork choice). A validator is an offender
 * when <em>each</em> attestation carries at least {@code threshold} of its members, each side
 * resolved with the key set in force at that attestation's target epoch; one member in both
 * attestations is no offence of its group, only an equivocation of that key. For a validator
 * without a group (threshold 1, member 0 only) this is Fulu's rule.
 *
 * <p>Conflict of the data ({@code is_slashable_attestation_data}) and the aggregate signatures are
 * the fork's; {@link #attestingPubkeys} gives the keys {@code is_valid_indexed_attestation}
 * verifies against.
 */
public final class AttesterSlashings {
  private AttesterSlashings() {}

  /**
   * What the rules read from an {@code IndexedAttestation}: its {@code attesting_indices} (virtual
   * indices) and {@code data.target.epoch}.
   */
  public record IndexedVote(List<UInt64> attestingIndices, UInt64 targetEpoch) {
    public IndexedVote {
      attestingIndices = List.copyOf(attestingIndices);
      Objects.requireNonNull(targetEpoch, "targetEpoch");
    }
  }

  /**
   * The index part of {@code is_valid_indexed_attestation}: the indices are non-empty, sorted and
   * unique, and each resolves ({@code get_virtual_pubkey}) to a key at the target epoch. Returns
   * those keys in index order, to be checked with {@code FastAggregateVerify} (or one signature
   * each for a scheme without aggregation); empty if the indices fail.
   */
  public static <K> Optional<List<K>> attestingPubkeys(IndexedVote vote, KeySetLookup<K> lookup) {
    List<UInt64> indices = vote.attestingIndices();
    if (indices.isEmpty()) {
      return Optional.empty();
    }
    List<K> keys = new ArrayList<>(indices.size());
    for (int i = 0; i < indices.size(); i++) {
      if (i > 0 && !indices.get(i - 1).isLessThan(indices.get(i))) {
        return Optional.empty();
      }
      Optional<K> key = lookup.virtualPubkey(indices.get(i), vote.targetEpoch());
      if (key.isEmpty()) {
        return Optional.empty();
      }
      keys.add(key.get());
    }
    return Optional.of(keys);
  }

  /**
   * {@code count_attesting_members(indexed_attestation, validator_index)}: how many entries of
   * {@code attesting_indices} belong to {@code validatorIndex}.
   */
  public static int countAttestingMembers(IndexedVote vote, UInt64 validatorIndex) {
    int count = 0;
    for (UInt64 index : vote.attestingIndices()) {
      if (VirtualIndex.validatorIndexOf(index).equals(validatorIndex)) {
        count++;
      }
    }
    return count;
  }

  /**
   * {@code get_attester_slashing_indices(state, attestation_1, attestation_2)}, sorted:
   *
   * <pre>
   * validators_1 = {get_validator_index_of(index) for index in attestation_1.attesting_indices}
   * validators_2 = {get_validator_index_of(index) for index in attestation_2.attesting_indices}
   * for validator_index in sorted(validators_1.intersection(validators_2)):
   *     offender iff, for both attestations, get_validator_key_set(state, validator_index,
   *     attestation.data.target.epoch) is not None and
   *     count_attesting_members(attestation, validator_index) &gt;= key_set.threshold
   * </pre>
   */
  public static <K> List<UInt64> slashingIndices(IndexedVote first, IndexedVote second, KeySetLookup<K> lookup) {
    Set<UInt64> firstValidators = validatorsOf(first);
    Set<UInt64> common = new TreeSet<>(validatorsOf(second));
    common.retainAll(firstValidators);
    List<UInt64> offenders = new ArrayList<>();
    for (UInt64 validatorIndex : common) {
      if (reachesThreshold(first, validatorIndex, lookup) && reachesThreshold(second, validatorIndex, lookup)) {
        offenders.add(validatorIndex);
      }
    }
    return offenders;
  }

  /**
   * {@code get_equivocating_pubkeys(state, attestation_1, attestation_2)}: the keys that signed
   * both attestations, each index resolved at its attestation's target epoch; indices that do not
   * resolve are ignored. Matching is by key, not by index, so a member whose key was replaced
   * between the two epochs is not matched with its successor. In the first attestation's order.
   */
  public static <K> Set<K> equivocatingPubkeys(IndexedVote first, IndexedVote second, KeySetLookup<K> lookup) {
    Set<K> firstKeys = resolved(first, lookup);
    firstKeys.retainAll(resolved(second, lookup));
    return firstKeys;
  }

  private static <K> boolean reachesThreshold(IndexedVote vote, UInt64 validatorIndex, KeySetLookup<K> lookup) {
    Optional<GroupKeySet<K>> keySet = lookup.keySet(validatorIndex, vote.targetEpoch());
    return keySet.isPresent() && countAttestingMembers(vote, validatorIndex) >= keySet.get().threshold();
  }

  private static Set<UInt64> validatorsOf(IndexedVote vote) {
    Set<UInt64> out = new TreeSet<>();
    for (UInt64 index : vote.attestingIndices()) {
      out.add(VirtualIndex.validatorIndexOf(index));
    }
    return out;
  }

  private static <K> Set<K> resolved(IndexedVote vote, KeySetLookup<K> lookup) {
    Set<K> out = new LinkedHashSet<>();
    for (UInt64 index : vote.attestingIndices()) {
      lookup.virtualPubkey(index, vote.targetEpoch()).ifPresent(out::add);
    }
    return out;
  }
}

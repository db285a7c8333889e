package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Optional;

/**
 * {@code get_validator_key_set(state, validator_index, epoch)} as the fork answers it from its
 * state: the key set that signs for a validator at an epoch. Empty when {@code validatorIndex}
 * names no validator ({@code >= len(state.validators)}) or when the group's key set that covered
 * {@code epoch} has been pruned. A validator without a group answers {@link GroupKeySet#plain} of
 * its own key ({@link GroupKeySets#validatorKeySet} does both cases).
 */
@FunctionalInterface
public interface KeySetLookup<K> {

  Optional<GroupKeySet<K>> keySet(UInt64 validatorIndex, UInt64 epoch);

  /**
   * {@code get_virtual_pubkey(state, index, epoch)}: the key of signer {@code index} at {@code
   * epoch}, or empty if the index names no signer (unknown validator, member index at or above
   * {@code MAX_GROUP_SIZE} or beyond the key set, or a pruned key set).
   */
  default Optional<K> virtualPubkey(UInt64 index, UInt64 epoch) {
    UInt64 validatorIndex = VirtualIndex.validatorIndexOf(index);
    int member = VirtualIndex.memberIndexOrMinusOne(index);
    if (member < 0) {
      return Optional.empty();
    }
    return keySet(validatorIndex, epoch).filter(set -> member < set.size()).map(set -> set.key(member));
  }
}

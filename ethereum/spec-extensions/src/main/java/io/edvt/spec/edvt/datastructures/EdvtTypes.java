package io.edvt.spec.edvt.datastructures;

import io.edvt.groups.GroupKeySets;
import io.edvt.infrastructure.ssz.types.UInt64Type;
import io.edvt.spec.datastructures.SpecTypes;

/**
 * The custom types EDVT adds (beacon-chain.md "Types") as SSZ types, and the constant that fixes a
 * container layout in every preset. Aliases of one SSZ type are the same object; the names only
 * document what a field holds. The preset-dependent types ({@code SignerBits},
 * {@code AggregationBits}, {@code AttestingIndices}) are built by
 * {@link io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt}.
 */
public final class EdvtTypes {
  private EdvtTypes() {}

  /**
   * {@code VirtualIndex}: a signer, {@code member_index * MEMBER_INDEX_MULTIPLIER +
   * validator_index}; member {@code 0} of a validator has the validator's index.
   */
  public static final UInt64Type VIRTUAL_INDEX = SpecTypes.UINT64;
  /** {@code MemberIndex}: the position of a key in a group key set. */
  public static final UInt64Type MEMBER_INDEX = SpecTypes.UINT64;
  /** {@code GroupIndex}: the position of a group in {@code state.groups}. */
  public static final UInt64Type GROUP_INDEX = SpecTypes.UINT64;

  /** {@code GROUP_KEY_SETS_LIMIT}: key sets a group stores at most (retired, in force, pending). */
  public static final int GROUP_KEY_SETS_LIMIT = GroupKeySets.GROUP_KEY_SETS_LIMIT;
}

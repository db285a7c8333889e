package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.edvt.datastructures.EdvtTypes;
import org.apache.tuweni.bytes.Bytes;

/** The constants of EDVT's beacon-chain.md (values that are neither preset nor configuration). */
public final class EdvtConstants {
  private EdvtConstants() {}

  /**
   * {@code MEMBER_INDEX_MULTIPLIER} ({@code 2**41}): the weight of the member index inside a
   * {@code VirtualIndex}; above {@code VALIDATOR_REGISTRY_LIMIT} and clear of Gloas's bit 40.
   */
  public static final UInt64 MEMBER_INDEX_MULTIPLIER = UInt64.valueOf(1L << 41);

  /** {@code GROUP_KEY_SETS_LIMIT}: key sets a group stores at most (retired, in force, pending). */
  public static final int GROUP_KEY_SETS_LIMIT = EdvtTypes.GROUP_KEY_SETS_LIMIT;

  // Domain types (from 0x20, clear of the domains upstream forks allocate).
  public static final Bytes DOMAIN_GROUP_REGISTRATION = Bytes.fromHexString("0x20000000");
  public static final Bytes DOMAIN_GROUP_KEY_CHANGE = Bytes.fromHexString("0x21000000");
  /** A seed domain (used with {@code get_seed}); nothing is signed under it. */
  public static final Bytes DOMAIN_GROUP_LEADER = Bytes.fromHexString("0x22000000");
  public static final Bytes DOMAIN_GROUP_KEY_PROOF = Bytes.fromHexString("0x23000000");
}

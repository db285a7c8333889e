package io.edvt.spec.logic.common;

import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/** The spec's constants (values that are neither preset nor configuration). */
public final class SpecConstants {
  private SpecConstants() {}

  public static final UInt64 GENESIS_SLOT = UInt64.ZERO;
  public static final UInt64 GENESIS_EPOCH = UInt64.ZERO;
  public static final UInt64 FAR_FUTURE_EPOCH = UInt64.MAX_VALUE;
  public static final UInt64 UNSET_DEPOSIT_REQUESTS_START_INDEX = UInt64.MAX_VALUE;
  public static final UInt64 FULL_EXIT_REQUEST_AMOUNT = UInt64.ZERO;

  public static final byte BLS_WITHDRAWAL_PREFIX = 0x00;
  public static final byte ETH1_ADDRESS_WITHDRAWAL_PREFIX = 0x01;
  public static final byte COMPOUNDING_WITHDRAWAL_PREFIX = 0x02;

  public static final int DEPOSIT_CONTRACT_TREE_DEPTH = 32;
  public static final int JUSTIFICATION_BITS_LENGTH = 4;

  // Participation flag indices and weights (Altair).
  public static final int TIMELY_SOURCE_FLAG_INDEX = 0;
  public static final int TIMELY_TARGET_FLAG_INDEX = 1;
  public static final int TIMELY_HEAD_FLAG_INDEX = 2;
  public static final long TIMELY_SOURCE_WEIGHT = 14;
  public static final long TIMELY_TARGET_WEIGHT = 26;
  public static final long TIMELY_HEAD_WEIGHT = 14;
  public static final long SYNC_REWARD_WEIGHT = 2;
  public static final long PROPOSER_WEIGHT = 8;
  public static final long WEIGHT_DENOMINATOR = 64;
  /** {@code PARTICIPATION_FLAG_WEIGHTS}, indexed by flag index. */
  public static final long[] PARTICIPATION_FLAG_WEIGHTS = {TIMELY_SOURCE_WEIGHT, TIMELY_TARGET_WEIGHT, TIMELY_HEAD_WEIGHT};

  // Domain types.
  public static final Bytes DOMAIN_BEACON_PROPOSER = Bytes.fromHexString("0x00000000");
  public static final Bytes DOMAIN_BEACON_ATTESTER = Bytes.fromHexString("0x01000000");
  public static final Bytes DOMAIN_RANDAO = Bytes.fromHexString("0x02000000");
  public static final Bytes DOMAIN_DEPOSIT = Bytes.fromHexString("0x03000000");
  public static final Bytes DOMAIN_VOLUNTARY_EXIT = Bytes.fromHexString("0x04000000");
  public static final Bytes DOMAIN_SELECTION_PROOF = Bytes.fromHexString("0x05000000");
  public static final Bytes DOMAIN_AGGREGATE_AND_PROOF = Bytes.fromHexString("0x06000000");
  public static final Bytes DOMAIN_SYNC_COMMITTEE = Bytes.fromHexString("0x07000000");
  public static final Bytes DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF = Bytes.fromHexString("0x08000000");
  public static final Bytes DOMAIN_CONTRIBUTION_AND_PROOF = Bytes.fromHexString("0x09000000");
  public static final Bytes DOMAIN_BLS_TO_EXECUTION_CHANGE = Bytes.fromHexString("0x0a000000");
  public static final Bytes DOMAIN_APPLICATION_MASK = Bytes.fromHexString("0x00000001");

  /** The compressed encoding of the G2 point at infinity ({@code bls.G2_POINT_AT_INFINITY}). */
  public static final Bytes G2_POINT_AT_INFINITY = Bytes.concatenate(Bytes.fromHexString("0xc0"), Bytes.wrap(new byte[95]));

  public static final Bytes32 ZERO_ROOT = Bytes32.ZERO;
  /** {@code VERSIONED_HASH_VERSION_KZG}. */
  public static final byte VERSIONED_HASH_VERSION_KZG = 0x01;
}

package io.edvt.networking.eth2.interop;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.infrastructure.ssz.types.SszTypes.BYTES32;
import static io.edvt.infrastructure.ssz.types.SszTypes.UINT256;
import static io.edvt.infrastructure.ssz.types.SszTypes.UINT64;
import static io.edvt.infrastructure.ssz.types.SszTypes.bitlist;
import static io.edvt.infrastructure.ssz.types.SszTypes.bitvector;
import static io.edvt.infrastructure.ssz.types.SszTypes.byteList;
import static io.edvt.infrastructure.ssz.types.SszTypes.byteVector;
import static io.edvt.infrastructure.ssz.types.SszTypes.list;
import static io.edvt.infrastructure.ssz.types.SszTypes.vector;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType.Field;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Bellatrix's {@code SignedBeaconBlock} as a plain SSZ shape, minimal preset, for the blocks of a
 * Lodestar 1.5.1 dev chain (this client's own types start at Fulu). With it a chunk decodes to its
 * fields and its {@code hash_tree_root}, which must equal the block root Lodestar's REST API gives.
 * Limits from consensus-specs' minimal presets (phase0, altair, bellatrix).
 */
final class BellatrixShapes {
  /** Any container of this file: fields by index. */
  static final class Shape extends SszContainer {
    Shape(ContainerType<Shape> type, Object[] values) {
      super(type, values);
    }

    UInt64 uint(int i) {
      return (UInt64) get(i);
    }

    Bytes32 root(int i) {
      return (Bytes32) get(i);
    }

    Shape container(int i) {
      return (Shape) get(i);
    }
  }

  private static ContainerType<Shape> c(String name, Field... fields) {
    return ContainerType.of(name, Shape::new, fields);
  }

  static final ContainerType<Shape> CHECKPOINT = c("Checkpoint", field("epoch", UINT64), field("root", BYTES32));
  static final ContainerType<Shape> ATTESTATION_DATA = c("AttestationData", field("slot", UINT64), field("index", UINT64),
      field("beacon_block_root", BYTES32), field("source", CHECKPOINT), field("target", CHECKPOINT));
  static final ContainerType<Shape> ETH1_DATA = c("Eth1Data", field("deposit_root", BYTES32),
      field("deposit_count", UINT64), field("block_hash", BYTES32));
  static final ContainerType<Shape> HEADER = c("BeaconBlockHeader", field("slot", UINT64), field("proposer_index", UINT64),
      field("parent_root", BYTES32), field("state_root", BYTES32), field("body_root", BYTES32));
  static final ContainerType<Shape> SIGNED_HEADER = c("SignedBeaconBlockHeader", field("message", HEADER),
      field("signature", byteVector(96)));
  static final ContainerType<Shape> PROPOSER_SLASHING = c("ProposerSlashing", field("signed_header_1", SIGNED_HEADER),
      field("signed_header_2", SIGNED_HEADER));
  static final ContainerType<Shape> INDEXED_ATTESTATION = c("IndexedAttestation",
      field("attesting_indices", list(UINT64, 2048)), field("data", ATTESTATION_DATA), field("signature", byteVector(96)));
  static final ContainerType<Shape> ATTESTER_SLASHING = c("AttesterSlashing", field("attestation_1", INDEXED_ATTESTATION),
      field("attestation_2", INDEXED_ATTESTATION));
  static final ContainerType<Shape> ATTESTATION = c("Attestation", field("aggregation_bits", bitlist(2048)),
      field("data", ATTESTATION_DATA), field("signature", byteVector(96)));
  static final ContainerType<Shape> DEPOSIT_DATA = c("DepositData", field("pubkey", byteVector(48)),
      field("withdrawal_credentials", BYTES32), field("amount", UINT64), field("signature", byteVector(96)));
  static final ContainerType<Shape> DEPOSIT = c("Deposit", field("proof", vector(BYTES32, 33)), field("data", DEPOSIT_DATA));
  static final ContainerType<Shape> VOLUNTARY_EXIT = c("VoluntaryExit", field("epoch", UINT64),
      field("validator_index", UINT64));
  static final ContainerType<Shape> SIGNED_VOLUNTARY_EXIT = c("SignedVoluntaryExit", field("message", VOLUNTARY_EXIT),
      field("signature", byteVector(96)));
  static final ContainerType<Shape> SYNC_AGGREGATE = c("SyncAggregate", field("sync_committee_bits", bitvector(32)),
      field("sync_committee_signature", byteVector(96)));
  static final ContainerType<Shape> EXECUTION_PAYLOAD = c("ExecutionPayload", field("parent_hash", BYTES32),
      field("fee_recipient", byteVector(20)), field("state_root", BYTES32), field("receipts_root", BYTES32),
      field("logs_bloom", byteVector(256)), field("prev_randao", BYTES32), field("block_number", UINT64),
      field("gas_limit", UINT64), field("gas_used", UINT64), field("timestamp", UINT64), field("extra_data", byteList(32)),
      field("base_fee_per_gas", UINT256), field("block_hash", BYTES32),
      field("transactions", list(byteList(1 << 30), 1 << 20)));
  static final ContainerType<Shape> BODY = c("BeaconBlockBody", field("randao_reveal", byteVector(96)),
      field("eth1_data", ETH1_DATA), field("graffiti", BYTES32), field("proposer_slashings", list(PROPOSER_SLASHING, 16)),
      field("attester_slashings", list(ATTESTER_SLASHING, 2)), field("attestations", list(ATTESTATION, 128)),
      field("deposits", list(DEPOSIT, 16)), field("voluntary_exits", list(SIGNED_VOLUNTARY_EXIT, 16)),
      field("sync_aggregate", SYNC_AGGREGATE), field("execution_payload", EXECUTION_PAYLOAD));
  static final ContainerType<Shape> BLOCK = c("BeaconBlock", field("slot", UINT64), field("proposer_index", UINT64),
      field("parent_root", BYTES32), field("state_root", BYTES32), field("body", BODY));
  static final ContainerType<Shape> SIGNED_BLOCK = c("SignedBeaconBlock", field("message", BLOCK),
      field("signature", byteVector(96)));

  private BellatrixShapes() {}
}

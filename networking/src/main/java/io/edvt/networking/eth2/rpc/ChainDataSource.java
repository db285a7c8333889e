package io.edvt.networking.eth2.rpc;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What the req/resp responders need from the node: its status and metadata, its canonical chain's
 * blocks and sidecars, and the peer events it acts on. The node implements it (from fork choice
 * and storage); the responders call it on virtual threads, so lookups may block.
 *
 * <p>Streams are read once and closed by the caller; a source that cannot serve a range it is
 * required to serve throws {@link io.edvt.networking.reqresp.RpcErrorException} with
 * {@code ResourceUnavailable}.
 */
public interface ChainDataSource {
  /** Our status now (v2 fields; v1 answers drop {@code earliest_available_slot}). */
  StatusMessage status();

  /** Our metadata now (v3 fields; v2 answers drop {@code custody_group_count}). */
  MetadataMessage metadata();

  /** The current slot by the wall clock. */
  UInt64 currentSlot();

  /**
   * Blocks of the canonical chain (the head's ancestry) with slots in
   * {@code [startSlot, startSlot + count)}, ascending, each slot at most once.
   */
  Stream<SignedBeaconBlock> blocksByRange(UInt64 startSlot, long count);

  /** A block we hold (canonical or not) by its root. */
  Optional<SignedBeaconBlock> blockByRoot(Bytes32 root);

  /**
   * The sidecars of {@code columns} of the canonical blocks with slots in
   * {@code [startSlot, startSlot + count)}, in {@code (slot, column index)} order.
   */
  Stream<DataColumnSidecar> dataColumnSidecarsByRange(UInt64 startSlot, long count, List<UInt64> columns);

  /** A sidecar we hold by its block root and column index. */
  Optional<DataColumnSidecar> dataColumnSidecar(Bytes32 blockRoot, UInt64 column);

  /** The root of our canonical block at the start of {@code epoch} (empty if unknown): checks a peer's finalized checkpoint. */
  default Optional<Bytes32> canonicalRootAtEpoch(UInt64 epoch) {
    return Optional.empty();
  }

  /** A peer sent us its status (after we answered with ours). */
  default void onPeerStatus(PeerId peer, StatusMessage status) {}

  /**
   * A peer pinged us with its MetaData sequence number (after we answered with ours): one higher
   * than what we hold of it means its MetaData changed.
   */
  default void onPing(PeerId peer, UInt64 seqNumber) {}

  /** A peer said goodbye with {@code reason}. */
  default void onGoodbye(PeerId peer, UInt64 reason) {}
}

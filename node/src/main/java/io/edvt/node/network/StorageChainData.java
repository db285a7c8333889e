package io.edvt.node.network;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.eth2.rpc.ChainDataSource;
import io.edvt.networking.eth2.rpc.GoodbyeReason;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainHead;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.time.SlotClock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What req/resp serves, read from storage and the chain's head: our Status (the fork digest of the
 * clock's epoch, storage's finalized checkpoint with the zero root at genesis as the spec says, the
 * head, the earliest stored slot), our MetaData, canonical blocks by range from storage's slot
 * index (both forks' blocks keep their own type, so the responder writes each one's context
 * bytes), blocks by root; peers' pings go to the listener of {@link #onPings}. Data column sidecars by root and by range (the
 * canonical blocks' in the range) come from storage's {@link io.edvt.node.storage.DataColumnStore}.
 */
public final class StorageChainData implements ChainDataSource {
  private static final System.Logger LOG = System.getLogger(StorageChainData.class.getName());

  private final ForkDigests digests;
  private final ChainStorage storage;
  private final Chain chain;
  private final SlotClock clock;
  private final LocalMetadata metadata;
  private final PeerChainStatuses statuses;
  private volatile BiConsumer<PeerId, UInt64> pings = (peer, seq) -> {};

  public StorageChainData(ForkDigests digests, ChainStorage storage, Chain chain, SlotClock clock, LocalMetadata metadata,
      PeerChainStatuses statuses) {
    this.digests = digests;
    this.storage = storage;
    this.chain = chain;
    this.clock = clock;
    this.metadata = metadata;
    this.statuses = statuses;
  }

  @Override
  public StatusMessage status() {
    Checkpoint finalized = storage.finalizedCheckpoint();
    Bytes32 finalizedRoot = finalized.epoch().equals(UInt64.ZERO) ? Bytes32.ZERO : finalized.root();
    ChainHead head = chain.head();
    return StatusMessage.v2(digests.digestAt(UInt64.valueOf(clock.currentEpoch())), finalizedRoot, finalized.epoch(),
        head.root(), UInt64.valueOf(head.slot()), earliestAvailableSlot(head));
  }

  /**
   * From which slot we serve blocks by range: 0 for a chain that starts at genesis (its genesis
   * block is never sent, and no block after it is missing, even when slot 1 is empty); for a chain
   * started from a checkpoint, the first stored block (the anchor's, once stored) and never below
   * it, since nothing before the anchor is held.
   */
  private UInt64 earliestAvailableSlot(ChainHead head) {
    if (storage.canonicalRoot(UInt64.ZERO).isPresent()) {
      return UInt64.ZERO;
    }
    return storage.earliestBlockSlot().orElse(UInt64.valueOf(head.slot()));
  }

  @Override
  public MetadataMessage metadata() {
    return metadata.get();
  }

  @Override
  public UInt64 currentSlot() {
    return UInt64.valueOf(clock.currentSlot());
  }

  @Override
  public Stream<SignedBeaconBlock> blocksByRange(UInt64 startSlot, long count) {
    return storage.canonicalBlocks(startSlot, count).stream();
  }

  @Override
  public Optional<SignedBeaconBlock> blockByRoot(Bytes32 root) {
    return storage.block(root);
  }

  @Override
  public Stream<DataColumnSidecar> dataColumnSidecarsByRange(UInt64 startSlot, long count, List<UInt64> columns) {
    List<UInt64> ordered = columns.stream().distinct().sorted().toList(); // (slot, column index) order
    return storage.canonicalBlocks(startSlot, count).stream()
        .filter(b -> !b.message().body().blobKzgCommitments().isEmpty())
        .flatMap(b -> storage.dataColumns().sidecars(b.message().hashTreeRoot(), ordered).stream());
  }

  @Override
  public Optional<DataColumnSidecar> dataColumnSidecar(Bytes32 blockRoot, UInt64 column) {
    return storage.dataColumns().sidecar(blockRoot, column);
  }

  /** The checkpoint root of {@code epoch}: the canonical block at or before the epoch's start slot. */
  @Override
  public Optional<Bytes32> canonicalRootAtEpoch(UInt64 epoch) {
    long start = epoch.longValue() * clock.slotsPerEpoch();
    long earliest = storage.earliestBlockSlot().map(UInt64::longValue).orElse(0L);
    for (long slot = start; slot >= earliest && slot >= 0; slot--) {
      Optional<Bytes32> root = storage.canonicalRoot(UInt64.valueOf(slot));
      if (root.isPresent()) {
        return root;
      }
    }
    return Optional.empty();
  }

  @Override
  public void onPeerStatus(PeerId peer, StatusMessage status) {
    statuses.received(peer, status);
  }

  /** Peers' pings (their MetaData sequence numbers) go to {@code listener} from now on. */
  public void onPings(BiConsumer<PeerId, UInt64> listener) {
    pings = listener;
  }

  @Override
  public void onPing(PeerId peer, UInt64 seqNumber) {
    pings.accept(peer, seqNumber);
  }

  @Override
  public void onGoodbye(PeerId peer, UInt64 reason) {
    LOG.log(System.Logger.Level.DEBUG, "peer {0} said goodbye: {1}", peer, GoodbyeReason.describe(reason));
  }
}

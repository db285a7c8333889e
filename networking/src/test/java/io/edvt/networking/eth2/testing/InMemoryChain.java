package io.edvt.networking.eth2.testing;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.eth2.rpc.ChainDataSource;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;

/** A {@link ChainDataSource} over a list of canonical blocks and their sidecars, for tests and benchmarks. */
public final class InMemoryChain implements ChainDataSource {
  /** What a peer told us. */
  public record Event(PeerId peer, String kind, Object value) {}

  private final ForkDigests digests;
  private final List<SignedBeaconBlock> blocks;
  private final Map<Bytes32, SignedBeaconBlock> byRoot = new HashMap<>();
  private final Map<String, DataColumnSidecar> sidecars = new HashMap<>();
  private final List<DataColumnSidecar> sidecarList = new ArrayList<>();
  private final UInt64 earliestAvailableSlot;
  private final UInt64 currentSlot;
  private final MetadataMessage metadata;
  public final List<Event> events = new CopyOnWriteArrayList<>();

  public InMemoryChain(ForkDigests digests, List<SignedBeaconBlock> blocks, List<DataColumnSidecar> sidecars,
      UInt64 earliestAvailableSlot) {
    this.digests = digests;
    this.blocks = List.copyOf(blocks);
    for (SignedBeaconBlock b : blocks) {
      byRoot.put(b.message().hashTreeRoot(), b);
    }
    for (DataColumnSidecar s : sidecars) {
      this.sidecars.put(s.signedBlockHeader().message().hashTreeRoot() + "/" + s.index(), s);
      sidecarList.add(s);
    }
    sidecarList.sort((a, b) -> {
      int c = a.signedBlockHeader().message().slot().compareTo(b.signedBlockHeader().message().slot());
      return c != 0 ? c : a.index().compareTo(b.index());
    });
    this.earliestAvailableSlot = earliestAvailableSlot;
    this.currentSlot = blocks.isEmpty() ? UInt64.ZERO : blocks.getLast().message().slot();
    int attnets = digests.versions().config().attestationSubnetCount();
    this.metadata = MetadataMessage.v3Type(attnets).create(UInt64.valueOf(7), SszBits.withSet(attnets, 1, 5),
        SszBits.withSet(4, 2), UInt64.valueOf(4));
  }

  public List<SignedBeaconBlock> blocks() {
    return blocks;
  }

  @Override
  public StatusMessage status() {
    SignedBeaconBlock head = blocks.getLast();
    return StatusMessage.v2(digests.digestAtSlot(currentSlot), Bytes32.ZERO, UInt64.ZERO, head.message().hashTreeRoot(),
        head.message().slot(), earliestAvailableSlot);
  }

  @Override
  public MetadataMessage metadata() {
    return metadata;
  }

  @Override
  public UInt64 currentSlot() {
    return currentSlot;
  }

  @Override
  public Stream<SignedBeaconBlock> blocksByRange(UInt64 startSlot, long count) {
    UInt64 end = startSlot.plus(count);
    return blocks.stream().filter(b -> !b.message().slot().isLessThan(startSlot) && b.message().slot().isLessThan(end));
  }

  @Override
  public Optional<SignedBeaconBlock> blockByRoot(Bytes32 root) {
    return Optional.ofNullable(byRoot.get(root));
  }

  @Override
  public Stream<DataColumnSidecar> dataColumnSidecarsByRange(UInt64 startSlot, long count, List<UInt64> columns) {
    UInt64 end = startSlot.plus(count);
    return sidecarList.stream().filter(s -> {
      UInt64 slot = s.signedBlockHeader().message().slot();
      return !slot.isLessThan(startSlot) && slot.isLessThan(end) && columns.contains(s.index());
    });
  }

  @Override
  public Optional<DataColumnSidecar> dataColumnSidecar(Bytes32 blockRoot, UInt64 column) {
    return Optional.ofNullable(sidecars.get(blockRoot + "/" + column));
  }

  @Override
  public void onPeerStatus(PeerId peer, StatusMessage status) {
    events.add(new Event(peer, "status", status));
  }

  @Override
  public void onGoodbye(PeerId peer, UInt64 reason) {
    events.add(new Event(peer, "goodbye", reason));
  }
}

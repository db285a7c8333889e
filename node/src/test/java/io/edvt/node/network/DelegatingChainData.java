package io.edvt.node.network;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.eth2.rpc.ChainDataSource;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;

/** A data source passing everything to another; tests override what they change. */
class DelegatingChainData implements ChainDataSource {
  private final ChainDataSource d;

  DelegatingChainData(ChainDataSource d) {
    this.d = d;
  }

  @Override
  public StatusMessage status() {
    return d.status();
  }

  @Override
  public MetadataMessage metadata() {
    return d.metadata();
  }

  @Override
  public UInt64 currentSlot() {
    return d.currentSlot();
  }

  @Override
  public Stream<SignedBeaconBlock> blocksByRange(UInt64 startSlot, long count) {
    return d.blocksByRange(startSlot, count);
  }

  @Override
  public Optional<SignedBeaconBlock> blockByRoot(Bytes32 root) {
    return d.blockByRoot(root);
  }

  @Override
  public Stream<DataColumnSidecar> dataColumnSidecarsByRange(UInt64 startSlot, long count, List<UInt64> columns) {
    return Stream.empty();
  }

  @Override
  public Optional<DataColumnSidecar> dataColumnSidecar(Bytes32 blockRoot, UInt64 column) {
    return Optional.empty();
  }

  @Override
  public Optional<Bytes32> canonicalRootAtEpoch(UInt64 epoch) {
    return d.canonicalRootAtEpoch(epoch);
  }
}

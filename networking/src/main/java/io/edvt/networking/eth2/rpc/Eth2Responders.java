package io.edvt.networking.eth2.rpc;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.messages.ColumnsByRangeRequest;
import io.edvt.networking.eth2.messages.HeadRequest;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.eth2.messages.RangeRequest;
import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.reqresp.ReqResp;
import io.edvt.networking.reqresp.ResponseCode;
import io.edvt.networking.reqresp.ResponseSink;
import io.edvt.networking.reqresp.RpcErrorException;
import io.edvt.networking.transport.api.ProtocolRegistry;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.datacolumns.DataColumnsByRootIdentifier;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The responders of every {@link Eth2Methods} method, answering from a {@link ChainDataSource}:
 * status (then {@link ChainDataSource#onPeerStatus}), goodbye (0, then
 * {@link ChainDataSource#onGoodbye}), ping (our metadata sequence number, then
 * {@link ChainDataSource#onPing}), metadata, and the block
 * and sidecar ranges and lookups. Ranges are served in order, waiting for the stream to drain
 * between chunks; a range that starts before our earliest available slot gets
 * {@code ResourceUnavailable}; a column index beyond {@code NUMBER_OF_COLUMNS} or a {@code step} of 0
 * gets {@code InvalidRequest}.
 */
public final class Eth2Responders {
  private final Eth2Methods methods;
  private final ChainDataSource chain;
  private final SpecConfig config;

  public Eth2Responders(Eth2Methods methods, ChainDataSource chain) {
    this.methods = methods;
    this.chain = chain;
    this.config = methods.digests().versions().config();
  }

  /** Registers every method's responder with {@code registry}. */
  public void register(ReqResp reqResp, ProtocolRegistry registry) {
    reqResp.register(registry, methods.statusV2, (peer, theirs, out) -> {
      single(out, chain.status());
      chain.onPeerStatus(peer, theirs);
    });
    reqResp.register(registry, methods.statusV1, (peer, theirs, out) -> {
      single(out, chain.status().toV1());
      chain.onPeerStatus(peer, theirs);
    });
    reqResp.register(registry, methods.goodbye, (peer, reason, out) -> {
      single(out, UInt64.ZERO);
      chain.onGoodbye(peer, reason);
    });
    reqResp.register(registry, methods.ping, (peer, seq, out) -> {
      single(out, chain.metadata().seqNumber());
      chain.onPing(peer, seq);
    });
    reqResp.register(registry, methods.metadataV3, (peer, none, out) -> single(out, metadata(methods.metadataV3
        .responseTypes().typeFor(org.apache.tuweni.bytes.Bytes.EMPTY))));
    reqResp.register(registry, methods.metadataV2, (peer, none, out) -> single(out, metadata(methods.metadataV2
        .responseTypes().typeFor(org.apache.tuweni.bytes.Bytes.EMPTY))));
    reqResp.register(registry, methods.blocksByRange, (peer, request, out) -> blocksByRange(request, out));
    reqResp.register(registry, methods.blocksByRoot, (peer, roots, out) -> blocksByRoot(roots, out));
    reqResp.register(registry, methods.blocksByHead, (peer, request, out) -> blocksByHead(request, out));
    reqResp.register(registry, methods.columnsByRange, (peer, request, out) -> columnsByRange(request, out));
    reqResp.register(registry, methods.columnsByRoot, (peer, ids, out) -> columnsByRoot(ids, out));
  }

  @SuppressWarnings("unchecked")
  private MetadataMessage metadata(io.edvt.infrastructure.ssz.SszType<? extends MetadataMessage> type) {
    return chain.metadata().as((io.edvt.infrastructure.ssz.types.ContainerType<MetadataMessage>) type);
  }

  private static <T> void single(ResponseSink<T> out, T value) {
    out.next(value);
    out.complete();
  }

  /** {@code compute_min_epochs_for_block_requests()}. */
  private long minEpochsForBlockRequests() {
    return config.minValidatorWithdrawabilityDelay() + config.churnLimitQuotient() / 2L;
  }

  private UInt64 earliestAvailableSlot() {
    StatusMessage status = chain.status();
    return status.earliestAvailableSlot().orElse(UInt64.ZERO);
  }

  private void blocksByRange(RangeRequest request, ResponseSink<SignedBeaconBlock> out) {
    if (request.step().equals(UInt64.ZERO)) {
      throw new RpcErrorException(ResponseCode.INVALID_REQUEST, "step must be 1, got 0");
    }
    long n = out.maxChunks();
    if (n == 0) {
      out.complete();
      return;
    }
    UInt64 start = request.startSlot();
    UInt64 earliest = earliestAvailableSlot();
    if (start.isLessThan(earliest)) {
      throw new RpcErrorException(ResponseCode.RESOURCE_UNAVAILABLE, "blocks before slot " + earliest + " are not available");
    }
    UInt64 end = start.plus(n);
    try (Stream<SignedBeaconBlock> blocks = chain.blocksByRange(start, n)) {
      UInt64 previous = null;
      Iterator<SignedBeaconBlock> it = blocks.iterator();
      while (it.hasNext()) {
        SignedBeaconBlock b = it.next();
        UInt64 slot = b.message().slot();
        if (slot.isLessThan(start) || !slot.isLessThan(end) || (previous != null && !slot.isGreaterThan(previous))) {
          throw new IllegalStateException("chain data source gave slot " + slot + " for range [" + start + ", " + end + ")");
        }
        previous = slot;
        out.whenWritable().join();
        out.next(b);
      }
    }
    out.complete();
  }

  private void blocksByRoot(SszList<Bytes32> roots, ResponseSink<SignedBeaconBlock> out) {
    for (Bytes32 root : roots) {
      Optional<SignedBeaconBlock> b = chain.blockByRoot(root);
      if (b.isPresent()) {
        out.whenWritable().join();
        out.next(b.get());
      }
    }
    out.complete();
  }

  private void blocksByHead(HeadRequest request, ResponseSink<SignedBeaconBlock> out) {
    long n = out.maxChunks();
    UInt64 currentEpoch = methods.digests().versions().fulu().misc().computeEpochAtSlot(chain.currentSlot());
    long minEpochs = minEpochsForBlockRequests();
    UInt64 oldestEpoch = currentEpoch.isGreaterThan(UInt64.valueOf(minEpochs)) ? currentEpoch.minus(minEpochs) : UInt64.ZERO;
    UInt64 oldestSlot = methods.digests().versions().fulu().misc().computeStartSlotAtEpoch(oldestEpoch);
    Bytes32 root = request.beaconRoot();
    for (long sent = 0; sent < n; sent++) {
      Optional<SignedBeaconBlock> b = chain.blockByRoot(root);
      if (b.isEmpty() || b.get().message().slot().isLessThan(oldestSlot)) {
        break;
      }
      out.whenWritable().join();
      out.next(b.get());
      if (b.get().message().slot().equals(UInt64.ZERO)) {
        break;
      }
      root = b.get().message().parentRoot();
    }
    out.complete();
  }

  private void checkColumns(List<UInt64> columns) {
    Set<UInt64> seen = new HashSet<>();
    for (UInt64 c : columns) {
      if (!c.isLessThan(UInt64.valueOf(config.numberOfColumns()))) {
        throw new RpcErrorException(ResponseCode.INVALID_REQUEST, "column index " + c + " is not below NUMBER_OF_COLUMNS ("
            + config.numberOfColumns() + ")");
      }
      if (!seen.add(c)) {
        throw new RpcErrorException(ResponseCode.INVALID_REQUEST, "column index " + c + " requested twice");
      }
    }
  }

  private void columnsByRange(ColumnsByRangeRequest request, ResponseSink<DataColumnSidecar> out) {
    List<UInt64> columns = request.columns().asList();
    checkColumns(columns);
    long n = out.maxChunks();
    if (n == 0 || columns.isEmpty()) {
      out.complete();
      return;
    }
    UInt64 start = request.startSlot();
    UInt64 earliest = earliestAvailableSlot();
    if (start.isLessThan(earliest)) {
      throw new RpcErrorException(ResponseCode.RESOURCE_UNAVAILABLE, "sidecars before slot " + earliest + " are not available");
    }
    long count = Math.min(request.count().isGreaterThan(UInt64.valueOf(n)) ? n : request.count().longValue(), n);
    long sent = 0;
    try (Stream<DataColumnSidecar> sidecars = chain.dataColumnSidecarsByRange(start, count, columns)) {
      Iterator<DataColumnSidecar> it = sidecars.iterator();
      while (it.hasNext() && sent < n) {
        out.whenWritable().join();
        out.next(it.next());
        sent++;
      }
    }
    out.complete();
  }

  private void columnsByRoot(SszList<DataColumnsByRootIdentifier> ids, ResponseSink<DataColumnSidecar> out) {
    long n = out.maxChunks();
    long sent = 0;
    for (DataColumnsByRootIdentifier id : ids) {
      checkColumns(id.columns().asList());
    }
    for (DataColumnsByRootIdentifier id : ids) {
      for (UInt64 column : id.columns()) {
        if (sent >= n) {
          break;
        }
        Optional<DataColumnSidecar> s = chain.dataColumnSidecar(id.blockRoot(), column);
        if (s.isPresent()) {
          out.whenWritable().join();
          out.next(s.get());
          sent++;
        }
      }
    }
    out.complete();
  }
}

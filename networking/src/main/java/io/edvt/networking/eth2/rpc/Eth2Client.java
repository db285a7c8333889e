package io.edvt.networking.eth2.rpc;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.messages.ColumnsByRangeRequest;
import io.edvt.networking.eth2.messages.HeadRequest;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.eth2.messages.RangeRequest;
import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.reqresp.ReqResp;
import io.edvt.networking.reqresp.RpcMethod;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.datacolumns.DataColumnsByRootIdentifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Sends the Ethereum req/resp requests to a peer and checks what comes back beyond the wire format:
 * a block range's blocks are inside the range, in ascending slots, and each one's
 * {@code parent_root} is the previous one's root; blocks by root are among those asked for, each
 * once; sidecars are of asked-for columns and slots, in {@code (slot, column)} order. A response
 * that breaks these fails with a {@link WireFormatException} and its stream is reset.
 *
 * <p>{@code status} and {@code metadata} use the newest version and fall back to the previous one
 * when the peer does not support it (a peer of an earlier fork, such as Lodestar 1.x).
 *
 * <p>Sidecars are not KZG-verified here; the caller verifies them before use.
 */
public final class Eth2Client {
  private final ReqResp reqResp;
  private final Eth2Methods methods;

  public Eth2Client(ReqResp reqResp, Eth2Methods methods) {
    this.reqResp = reqResp;
    this.methods = methods;
  }

  public Eth2Methods methods() {
    return methods;
  }

  /** Sends our status (v2, or v1 to a peer without v2) and returns the peer's. */
  public CompletableFuture<StatusMessage> status(Connection c, StatusMessage ours) {
    return withFallback(() -> single(c, methods.statusV2, ours), () -> single(c, methods.statusV1, ours.toV1()));
  }

  /** Says goodbye with {@code reason}; completes when the peer answered or closed. */
  public CompletableFuture<Void> goodbye(Connection c, UInt64 reason) {
    return reqResp.request(c, methods.goodbye, reason).thenApply(x -> null);
  }

  /** Sends our metadata sequence number; returns the peer's. */
  public CompletableFuture<UInt64> ping(Connection c, UInt64 seqNumber) {
    return single(c, methods.ping, seqNumber);
  }

  /** The peer's metadata (v3, or v2 from a peer without v3: then without custody group count). */
  public CompletableFuture<MetadataMessage> metadata(Connection c) {
    return withFallback(() -> single(c, methods.metadataV3, null), () -> single(c, methods.metadataV2, null));
  }

  public CompletableFuture<List<SignedBeaconBlock>> blocksByRange(Connection c, UInt64 startSlot, long count) {
    List<SignedBeaconBlock> out = new ArrayList<>();
    return blocksByRange(c, startSlot, count, out::add).thenApply(n -> out);
  }

  /** Streams a range of blocks to {@code onBlock} (on the connection's event loop) as each is checked. */
  public CompletableFuture<Long> blocksByRange(Connection c, UInt64 startSlot, long count, Consumer<SignedBeaconBlock> onBlock) {
    UInt64 end = startSlot.plus(count);
    Consumer<SignedBeaconBlock> checked = new Consumer<>() {
      private SignedBeaconBlock previous;

      @Override
      public void accept(SignedBeaconBlock b) {
        UInt64 slot = b.message().slot();
        if (slot.isLessThan(startSlot) || !slot.isLessThan(end)) {
          throw new WireFormatException("block at slot " + slot + " outside the requested [" + startSlot + ", " + end + ")");
        }
        if (previous != null) {
          if (!slot.isGreaterThan(previous.message().slot())) {
            throw new WireFormatException("block at slot " + slot + " after one at slot " + previous.message().slot());
          }
          if (!b.message().parentRoot().equals(previous.message().hashTreeRoot())) {
            throw new WireFormatException("block at slot " + slot + " does not descend from the block before it (slot "
                + previous.message().slot() + ")");
          }
        }
        previous = b;
        onBlock.accept(b);
      }
    };
    return reqResp.request(c, methods.blocksByRange, RangeRequest.of(startSlot, UInt64.valueOf(count)), checked);
  }

  public CompletableFuture<List<SignedBeaconBlock>> blocksByRoot(Connection c, List<Bytes32> roots) {
    Set<Bytes32> wanted = new HashSet<>(roots);
    List<SignedBeaconBlock> out = new ArrayList<>();
    SszList<Bytes32> request = list(methods.blocksByRoot, roots);
    return reqResp.request(c, methods.blocksByRoot, request, b -> {
      Bytes32 root = b.message().hashTreeRoot();
      if (!wanted.remove(root)) {
        throw new WireFormatException("block " + root + " was not asked for (or came twice)");
      }
      out.add(b);
    }).thenApply(n -> out);
  }

  /** The ancestry of {@code root}, newest first. */
  public CompletableFuture<List<SignedBeaconBlock>> blocksByHead(Connection c, Bytes32 root, long count) {
    List<SignedBeaconBlock> out = new ArrayList<>();
    return reqResp.request(c, methods.blocksByHead, HeadRequest.of(root, count), b -> {
      Bytes32 expected = out.isEmpty() ? root : out.getLast().message().parentRoot();
      if (!b.message().hashTreeRoot().equals(expected)) {
        throw new WireFormatException("block at slot " + b.message().slot() + " is not the next ancestor");
      }
      out.add(b);
    }).thenApply(n -> out);
  }

  public CompletableFuture<List<DataColumnSidecar>> dataColumnSidecarsByRange(Connection c, UInt64 startSlot, long count,
      List<UInt64> columns) {
    var type = (io.edvt.infrastructure.ssz.types.ContainerType<ColumnsByRangeRequest>) methods.columnsByRange.requestType()
        .orElseThrow();
    var columnsType = (io.edvt.infrastructure.ssz.types.ListType<UInt64>) type.fields().get(2).type();
    ColumnsByRangeRequest request = type.create(startSlot, UInt64.valueOf(count), columnsType.of(columns));
    Set<UInt64> wanted = Set.copyOf(columns);
    UInt64 end = startSlot.plus(count);
    List<DataColumnSidecar> out = new ArrayList<>();
    return reqResp.request(c, methods.columnsByRange, request, s -> {
      UInt64 slot = s.signedBlockHeader().message().slot();
      if (!wanted.contains(s.index()) || slot.isLessThan(startSlot) || !slot.isLessThan(end)) {
        throw new WireFormatException("sidecar of column " + s.index() + " at slot " + slot + " was not asked for");
      }
      if (!out.isEmpty()) {
        DataColumnSidecar last = out.getLast();
        UInt64 lastSlot = last.signedBlockHeader().message().slot();
        if (slot.isLessThan(lastSlot) || (slot.equals(lastSlot) && !s.index().isGreaterThan(last.index()))) {
          throw new WireFormatException("sidecar (" + slot + ", " + s.index() + ") is out of (slot, column) order");
        }
      }
      out.add(s);
    }).thenApply(n -> out);
  }

  public CompletableFuture<List<DataColumnSidecar>> dataColumnSidecarsByRoot(Connection c,
      List<DataColumnsByRootIdentifier> ids) {
    Set<String> wanted = new HashSet<>();
    for (DataColumnsByRootIdentifier id : ids) {
      id.columns().forEach(col -> wanted.add(id.blockRoot() + "/" + col));
    }
    List<DataColumnSidecar> out = new ArrayList<>();
    return reqResp.request(c, methods.columnsByRoot, list(methods.columnsByRoot, ids), s -> {
      String key = s.signedBlockHeader().message().hashTreeRoot() + "/" + s.index();
      if (!wanted.remove(key)) {
        throw new WireFormatException("sidecar " + key + " was not asked for (or came twice)");
      }
      out.add(s);
    }).thenApply(n -> out);
  }

  private <Q, R> CompletableFuture<R> single(Connection c, RpcMethod<Q, R> method, Q request) {
    return reqResp.request(c, method, request).thenApply(List::getFirst);
  }

  @SuppressWarnings("unchecked")
  private static <E> SszList<E> list(RpcMethod<SszList<E>, ?> method, List<E> elements) {
    return ((io.edvt.infrastructure.ssz.types.ListType<E>) method.requestType().orElseThrow()).of(elements);
  }

  /** {@code first}, or {@code second} if the peer does not speak {@code first}'s protocol. */
  private static <T> CompletableFuture<T> withFallback(Supplier<CompletableFuture<T>> first,
      Supplier<CompletableFuture<T>> second) {
    return first.get().exceptionallyCompose(e -> {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof StreamClosedException sce && sce.kind() == StreamClosedException.Kind.NEGOTIATION_FAILED) {
        return second.get();
      }
      return CompletableFuture.failedFuture(cause);
    });
  }
}

package io.edvt.networking.eth2.rpc;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.messages.ColumnsByRangeRequest;
import io.edvt.networking.eth2.messages.HeadRequest;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.eth2.messages.RangeRequest;
import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.reqresp.RateLimit;
import io.edvt.networking.reqresp.ResponseTypes;
import io.edvt.networking.reqresp.RpcMethod;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.datacolumns.DataColumnsByRootIdentifier;
import io.edvt.spec.edvt.SpecVersions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The req/resp methods of Fulu and EDVT for one network (EDVT adds none and changes none; its
 * blocks and sidecars come under {@code EDVT_FORK_VERSION} context bytes):
 *
 * <ul>
 *   <li>{@code status} v2 (and v1, still served to older peers), {@code goodbye} v1, {@code ping}
 *       v1, {@code metadata} v3 (and v2);
 *   <li>{@code beacon_blocks_by_range} v2, {@code beacon_blocks_by_root} v2,
 *       {@code beacon_blocks_by_head} v1, with {@code SignedBeaconBlock} chunks per fork digest;
 *   <li>{@code data_column_sidecars_by_range} v1 and {@code data_column_sidecars_by_root} v1, with
 *       {@code DataColumnSidecar} chunks per fork digest.
 * </ul>
 *
 * <p>A request's chunk limit is what the spec allows for it: {@code min(count,
 * MAX_REQUEST_BLOCKS_DENEB)} blocks, one per requested root, {@code count * len(columns)} sidecars
 * capped at {@code compute_max_request_data_column_sidecars()}; its rate-limiter cost is the same
 * number (at least 1).
 */
public final class Eth2Methods {
  public final RpcMethod<StatusMessage, StatusMessage> statusV1;
  public final RpcMethod<StatusMessage, StatusMessage> statusV2;
  public final RpcMethod<UInt64, UInt64> goodbye;
  public final RpcMethod<UInt64, UInt64> ping;
  public final RpcMethod<Void, MetadataMessage> metadataV2;
  public final RpcMethod<Void, MetadataMessage> metadataV3;
  public final RpcMethod<RangeRequest, SignedBeaconBlock> blocksByRange;
  public final RpcMethod<SszList<Bytes32>, SignedBeaconBlock> blocksByRoot;
  public final RpcMethod<HeadRequest, SignedBeaconBlock> blocksByHead;
  public final RpcMethod<ColumnsByRangeRequest, DataColumnSidecar> columnsByRange;
  public final RpcMethod<SszList<DataColumnsByRootIdentifier>, DataColumnSidecar> columnsByRoot;

  private final ForkDigests digests;
  private final long maxRequestBlocks;
  private final long maxRequestColumns;

  public Eth2Methods(ForkDigests digests) {
    this.digests = digests;
    SpecVersions versions = digests.versions();
    SpecConfig config = versions.config();
    this.maxRequestBlocks = config.maxRequestBlocksDeneb();
    this.maxRequestColumns = (long) config.maxRequestBlocksDeneb() * config.numberOfColumns();

    statusV1 = RpcMethod.singleChunk("status", 1, Optional.of(StatusMessage.V1), ResponseTypes.single(StatusMessage.V1));
    statusV2 = RpcMethod.singleChunk("status", 2, Optional.of(StatusMessage.V2), ResponseTypes.single(StatusMessage.V2));
    goodbye = new RpcMethod<>("goodbye", 1, Optional.of(SszTypes.UINT64), ResponseTypes.single(SszTypes.UINT64),
        q -> 1, false, q -> 1);
    ping = RpcMethod.singleChunk("ping", 1, Optional.of(SszTypes.UINT64), ResponseTypes.single(SszTypes.UINT64));
    int attnets = config.attestationSubnetCount();
    metadataV2 = RpcMethod.singleChunk("metadata", 2, Optional.empty(),
        ResponseTypes.single(MetadataMessage.v2Type(attnets)));
    metadataV3 = RpcMethod.singleChunk("metadata", 3, Optional.empty(),
        ResponseTypes.single(MetadataMessage.v3Type(attnets)));

    ForkContextTypes<SignedBeaconBlock> blocks = new ForkContextTypes<>(digests,
        m -> versions.forMilestone(m).schemas().signedBeaconBlock(), b -> b.message().slot());
    blocksByRange = new RpcMethod<>("beacon_blocks_by_range", 2, Optional.of(RangeRequest.TYPE), blocks,
        this::blocksInRange, false, r -> Math.max(1, blocksInRange(r)));
    ListType<Bytes32> roots = SszTypes.list(SszTypes.BYTES32, maxRequestBlocks);
    blocksByRoot = new RpcMethod<>("beacon_blocks_by_root", 2, Optional.of(roots), blocks, l -> l.size(), false,
        l -> Math.max(1, l.size()));
    blocksByHead = new RpcMethod<>("beacon_blocks_by_head", 1, Optional.of(HeadRequest.TYPE), blocks,
        h -> cap(h.count(), maxRequestBlocks), false, h -> Math.max(1, cap(h.count(), maxRequestBlocks)));

    ForkContextTypes<DataColumnSidecar> sidecars = new ForkContextTypes<>(digests,
        m -> versions.forMilestone(m).schemas().dataColumnSidecar(), s -> s.signedBlockHeader().message().slot());
    columnsByRange = new RpcMethod<>("data_column_sidecars_by_range", 1,
        Optional.of(ColumnsByRangeRequest.type(config.numberOfColumns())), sidecars, this::columnsInRange, false,
        r -> Math.max(1, columnsInRange(r)));
    ListType<DataColumnsByRootIdentifier> identifiers =
        SszTypes.list(versions.fulu().schemas().dataColumnsByRootIdentifier(), maxRequestBlocks);
    columnsByRoot = new RpcMethod<>("data_column_sidecars_by_root", 1, Optional.of(identifiers), sidecars,
        this::columnsByRoot, false, l -> Math.max(1, columnsByRoot(l)));
  }

  public ForkDigests digests() {
    return digests;
  }

  /** {@code MAX_REQUEST_BLOCKS_DENEB}. */
  public long maxRequestBlocks() {
    return maxRequestBlocks;
  }

  /** {@code compute_max_request_data_column_sidecars()}. */
  public long maxRequestColumns() {
    return maxRequestColumns;
  }

  /** Every method, newest versions first where two share a name. */
  public List<RpcMethod<?, ?>> all() {
    return List.of(statusV2, statusV1, goodbye, ping, metadataV3, metadataV2, blocksByRange, blocksByRoot, blocksByHead,
        columnsByRange, columnsByRoot);
  }

  /**
   * Token buckets per method and peer: status 5 per 15 s, goodbye 2 per 10 s, ping and metadata 4
   * at 1 per 2 s, blocks {@code 2 * MAX_REQUEST_BLOCKS_DENEB} at {@code MAX_REQUEST_BLOCKS_DENEB}
   * per 5 s, sidecars the same times {@code NUMBER_OF_COLUMNS}.
   */
  public Map<String, RateLimit> defaultRateLimits() {
    RateLimit blocks = new RateLimit(2 * maxRequestBlocks, maxRequestBlocks / 5.0);
    RateLimit columns = new RateLimit(2 * maxRequestColumns, maxRequestColumns / 5.0);
    return Map.ofEntries(
        Map.entry(statusV1.key(), new RateLimit(5, 5 / 15.0)),
        Map.entry(statusV2.key(), new RateLimit(5, 5 / 15.0)),
        Map.entry(goodbye.key(), new RateLimit(2, 0.2)),
        Map.entry(ping.key(), new RateLimit(4, 0.5)),
        Map.entry(metadataV2.key(), new RateLimit(4, 0.5)),
        Map.entry(metadataV3.key(), new RateLimit(4, 0.5)),
        Map.entry(blocksByRange.key(), blocks),
        Map.entry(blocksByRoot.key(), blocks),
        Map.entry(blocksByHead.key(), blocks),
        Map.entry(columnsByRange.key(), columns),
        Map.entry(columnsByRoot.key(), columns));
  }

  /** The blocks a range request allows: {@code min(count, MAX_REQUEST_BLOCKS_DENEB)}, 1 when {@code step > 1}. */
  long blocksInRange(RangeRequest r) {
    long n = cap(r.count(), maxRequestBlocks);
    return r.step().isGreaterThan(UInt64.ONE) ? Math.min(n, 1) : n;
  }

  long columnsInRange(ColumnsByRangeRequest r) {
    long count = cap(r.count(), maxRequestColumns);
    return Math.min(maxRequestColumns, count * r.columns().size());
  }

  long columnsByRoot(SszList<DataColumnsByRootIdentifier> ids) {
    long n = 0;
    for (DataColumnsByRootIdentifier id : ids) {
      n += id.columns().size();
    }
    return Math.min(n, maxRequestColumns);
  }

  private static long cap(UInt64 value, long max) {
    return value.isGreaterThan(UInt64.valueOf(max)) ? max : value.longValue();
  }
}

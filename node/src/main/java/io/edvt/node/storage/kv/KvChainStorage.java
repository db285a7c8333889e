package io.edvt.node.storage.kv;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.ChainUpdate;
import io.edvt.node.storage.DataColumnStore;
import io.edvt.node.storage.Replay;
import io.edvt.node.storage.StorageException;
import io.edvt.node.storage.StorageMetadata;
import io.edvt.node.storage.StorageOptions;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.edvt.SpecVersions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@link ChainStorage} over a {@link KvStore}: the schema of {@link Column}, the queries and the
 * commit logic, the same for RocksDB and for the in-memory store.
 *
 * <p>A commit reads a snapshot, builds one {@link KvBatch} in a fixed order (blocks by slot,
 * states, deleted states, finalization, justified checkpoint, head) and writes it atomically, synced
 * when the anchor moves. Commits are serialised; reads use snapshots and never wait for them.
 */
public final class KvChainStorage implements ChainStorage {
  private final KvStore store;
  private final SpecVersions versions;
  private final ValueCodec codec;
  private final StorageMetadata metadata;
  private final StorageOptions options;
  private final Object commitLock = new Object();
  private final DataColumnStore dataColumns;
  /** Reads and commits hold it shared, {@link #close()} exclusively: nothing uses a closed store. */
  private final ReentrantReadWriteLock openLock = new ReentrantReadWriteLock();
  private boolean closed;

  /**
   * Opens the chain stored in {@code store}.
   *
   * @throws StorageFormatException if the store has no anchor, or the anchor's state is missing
   */
  public KvChainStorage(KvStore store, SpecVersions versions, StorageMetadata metadata, StorageOptions options) {
    this.store = store;
    this.versions = versions;
    this.codec = new ValueCodec(versions);
    this.metadata = metadata;
    this.options = options;
    try (KvReader reader = store.reader()) {
      AnchorRecord anchor = anchorRecord(reader);
      if (reader.get(Column.STATES, Keys.root(anchor.stateRoot())) == null) {
        throw new StorageFormatException("the anchor state " + anchor.stateRoot() + " is missing");
      }
      if (reader.get(Column.CHAIN, ChainKeys.HEAD) == null || reader.get(Column.CHAIN, ChainKeys.JUSTIFIED) == null) {
        throw new StorageFormatException("the head or the justified checkpoint is missing");
      }
    }
    KvDataColumns columns = new KvDataColumns(store, this::writeWhileOpen, versions);
    this.dataColumns = new DataColumnStore(columns);
    columns.load(dataColumns);
  }

  /**
   * Writes a new database's metadata and its first anchor (which is also its head) as one synced
   * batch: a store has both or neither.
   */
  public static void initialize(KvStore store, SpecVersions versions, StorageMetadata metadata, Anchor anchor) {
    ValueCodec codec = new ValueCodec(versions);
    KvBatch batch = new KvBatch();
    MetadataRecord.write(batch, metadata);
    BeaconState state = anchor.state();
    Bytes32 stateRoot = state.hashTreeRoot();
    AnchorRecord record = new AnchorRecord(anchor.finalized(), stateRoot, state.slot(), anchor.block());
    batch.put(Column.CHAIN, ChainKeys.ANCHOR, record.value(codec));
    batch.put(Column.CHAIN, ChainKeys.JUSTIFIED, anchor.justified().serialize());
    batch.put(Column.CHAIN, ChainKeys.HEAD, Keys.root(record.root()));
    batch.put(Column.STATES, Keys.root(stateRoot), codec.encodeState(state));
    batch.put(Column.FINALIZED_STATES, Keys.slot(state.slot()), Keys.root(stateRoot));
    batch.put(Column.CANONICAL, Keys.slot(anchor.block().slot()), Keys.root(record.root()));
    store.write(batch, true);
  }

  @Override
  public StorageMetadata metadata() {
    return metadata;
  }

  /** The options this database was opened with. */
  public StorageOptions options() {
    return options;
  }

  @Override
  public ChainUpdate update() {
    return new KvChainUpdate(this);
  }

  // ------------------------------------------------------------------ queries

  @Override
  public Optional<SignedBeaconBlock> block(Bytes32 root) {
    return read(reader -> Optional.ofNullable(reader.get(Column.BLOCKS, Keys.root(root))).map(v -> decodeBlock(root, v)));
  }

  @Override
  public Optional<Bytes32> canonicalRoot(UInt64 slot) {
    return read(reader -> Optional.ofNullable(reader.get(Column.CANONICAL, Keys.slot(slot))).map(Keys::root));
  }

  @Override
  public List<SignedBeaconBlock> canonicalBlocks(UInt64 startSlot, long count) {
    if (count <= 0) {
      return List.of();
    }
    byte[] end = UInt64.MAX_VALUE.minus(startSlot).isLessThan(count) ? null : Keys.slot(startSlot.plus(count));
    return read(reader -> {
      List<SignedBeaconBlock> blocks = new ArrayList<>();
      reader.scan(Column.CANONICAL, Keys.slot(startSlot), end, (slot, root) -> {
        byte[] value = reader.get(Column.BLOCKS, root);
        if (value != null) {
          blocks.add(decodeBlock(Keys.root(root), value));
        }
        return true;
      });
      return blocks;
    });
  }

  @Override
  public Optional<UInt64> earliestBlockSlot() {
    return read(reader -> {
      UInt64[] found = new UInt64[1];
      reader.scan(Column.CANONICAL, null, null, (slot, root) -> {
        if (reader.get(Column.BLOCKS, root) != null) {
          found[0] = Keys.slot(slot);
          return false;
        }
        return true;
      });
      return Optional.ofNullable(found[0]);
    });
  }

  @Override
  public Optional<BeaconState> state(Bytes32 stateRoot) {
    return read(reader -> Optional.ofNullable(reader.get(Column.STATES, Keys.root(stateRoot))).map(v -> decodeState(stateRoot, v)));
  }

  @Override
  public Anchor anchor() {
    return read(reader -> {
      AnchorRecord record = anchorRecord(reader);
      return new Anchor(record.finalized(), justified(reader), record.block(), anchorState(reader, record));
    });
  }

  @Override
  public Checkpoint finalizedCheckpoint() {
    return read(reader -> anchorRecord(reader).finalized());
  }

  @Override
  public Checkpoint justifiedCheckpoint() {
    return read(KvChainStorage::justified);
  }

  @Override
  public Bytes32 head() {
    return read(reader -> Keys.root(required(reader, Column.CHAIN, ChainKeys.HEAD, "head")));
  }

  @Override
  public List<SignedBeaconBlock> hotBlocks() {
    return read(reader -> {
      List<HotBlock> hot = new ArrayList<>();
      reader.scan(Column.HOT_BLOCKS, null, null, (key, value) -> hot.add(HotBlock.decode(key, value)));
      hot.sort(CommitContext.BY_SLOT);
      List<SignedBeaconBlock> blocks = new ArrayList<>(hot.size());
      for (HotBlock block : hot) {
        blocks.add(decodeBlock(block.root(), required(reader, Column.BLOCKS, Keys.root(block.root()), "hot block " + block.root())));
      }
      return blocks;
    });
  }

  @Override
  public Optional<Replay> replayToBlock(Bytes32 blockRoot) {
    return read(reader -> {
      AnchorRecord anchor = anchorRecord(reader);
      List<Bytes32> toReplay = new ArrayList<>();
      BeaconState start = null;
      Bytes32 cursor = blockRoot;
      while (start == null) {
        if (cursor.equals(anchor.root())) {
          start = anchorState(reader, anchor);
          break;
        }
        byte[] key = Keys.root(cursor);
        byte[] entry = reader.get(Column.HOT_BLOCKS, key);
        if (entry == null) {
          if (cursor.equals(blockRoot)) {
            return Optional.<Replay>empty();
          }
          throw new StorageException("hot block " + cursor + " (an ancestor of " + blockRoot + ") is missing from the hot tree");
        }
        HotBlock block = HotBlock.decode(key, entry);
        byte[] state = reader.get(Column.STATES, Keys.root(block.stateRoot()));
        if (state != null) {
          start = decodeState(block.stateRoot(), state);
        } else {
          toReplay.add(cursor);
          cursor = block.parentRoot();
        }
      }
      Collections.reverse(toReplay);
      List<SignedBeaconBlock> blocks = new ArrayList<>(toReplay.size());
      for (Bytes32 root : toReplay) {
        blocks.add(decodeBlock(root, required(reader, Column.BLOCKS, Keys.root(root), "hot block " + root)));
      }
      return Optional.of(new Replay(start, blocks));
    });
  }

  @Override
  public Optional<Replay> replayToFinalizedSlot(UInt64 slot) {
    return read(reader -> {
      KvReader.Entry floor = reader.floor(Column.FINALIZED_STATES, Keys.slot(slot));
      if (floor == null) {
        return Optional.<Replay>empty();
      }
      UInt64 stateSlot = Keys.slot(floor.key());
      Bytes32 stateRoot = Keys.root(floor.value());
      BeaconState state = decodeState(stateRoot, required(reader, Column.STATES, floor.value(), "finalized state " + stateRoot));
      List<SignedBeaconBlock> blocks = new ArrayList<>();
      byte[] from = Keys.slotAfter(stateSlot);
      if (from != null && !stateSlot.equals(slot)) {
        reader.scan(Column.CANONICAL, from, Keys.slotAfter(slot), (key, root) -> {
          blocks.add(decodeBlock(Keys.root(root), required(reader, Column.BLOCKS, root, "canonical block " + Keys.root(root))));
          return true;
        });
      }
      return Optional.of(new Replay(state, blocks));
    });
  }

  @Override
  public DataColumnStore dataColumns() {
    return dataColumns;
  }

  /** Writes {@code batch} unsynced, unless the storage is closed (a sidecar stored while the node stops is dropped). */
  private void writeWhileOpen(KvBatch batch) {
    openLock.readLock().lock();
    try {
      if (!closed) {
        store.write(batch, false);
      }
    } finally {
      openLock.readLock().unlock();
    }
  }

  @Override
  public Map<String, Long> sizes() {
    openLock.readLock().lock();
    try {
      checkOpen();
      Map<String, Long> sizes = new LinkedHashMap<>();
      store.sizes().forEach((column, bytes) -> sizes.put(column.familyName(), bytes));
      return sizes;
    } finally {
      openLock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    openLock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        store.close();
      }
    } finally {
      openLock.writeLock().unlock();
    }
  }

  // ------------------------------------------------------------------ commit

  void commit(KvChainUpdate update) {
    openLock.readLock().lock();
    try {
      synchronized (commitLock) {
        checkOpen();
        commitOpen(update);
      }
    } catch (StorageFormatException e) {
      throw new StorageException("damaged database: " + e.getMessage(), e);
    } finally {
      openLock.readLock().unlock();
    }
  }

  private void commitOpen(KvChainUpdate update) {
    try (KvReader reader = store.reader()) {
      CommitContext ctx = new CommitContext(reader, codec, versions, anchorRecord(reader));
      List<SignedBeaconBlock> blocks = new ArrayList<>(update.blocks);
      blocks.sort(Comparator.comparing(b -> b.message().slot()));
      blocks.forEach(block -> putBlock(ctx, block));
      update.states.forEach(state -> putState(ctx, state));
      update.deletedStates.forEach(root -> deleteState(ctx, root));
      if (update.anchor != null) {
        new Finalizer(ctx, options).apply(update.anchor);
      }
      if (update.justified != null) {
        if (update.justified.epoch().isLessThan(ctx.anchor.finalized().epoch())) {
          throw new IllegalArgumentException("justified epoch " + update.justified.epoch() + " is before the finalized epoch "
              + ctx.anchor.finalized().epoch());
        }
        ctx.batch.put(Column.CHAIN, ChainKeys.JUSTIFIED, update.justified.serialize());
      }
      if (update.head != null || update.anchor != null) {
        Bytes32 head = update.head != null ? update.head : Keys.root(required(reader, Column.CHAIN, ChainKeys.HEAD, "head"));
        CanonicalIndex.setHead(ctx, head);
        ctx.batch.put(Column.CHAIN, ChainKeys.HEAD, Keys.root(head));
      }
      if (!ctx.batch.isEmpty()) {
        store.write(ctx.batch, update.anchor != null);
      }
    }
  }

  private void putBlock(CommitContext ctx, SignedBeaconBlock block) {
    Bytes32 root = block.message().hashTreeRoot();
    byte[] key = Keys.root(root);
    if (root.equals(ctx.anchor.root())) {
      ctx.batch.put(Column.BLOCKS, key, codec.encodeBlock(block)); // the anchor's signed block, after a start from its message
      return;
    }
    UInt64 finalizedSlot = ctx.finalizedSlot();
    if (!block.message().slot().isGreaterThan(finalizedSlot)) {
      throw new IllegalArgumentException("block " + root + " at slot " + block.message().slot() + " is not after the finalized slot "
          + finalizedSlot);
    }
    Bytes32 parent = block.message().parentRoot();
    if (!parent.equals(ctx.anchor.root()) && ctx.hotBlock(parent) == null) {
      throw new IllegalArgumentException("block " + root + " at slot " + block.message().slot() + ": its parent " + parent
          + " is neither a stored hot block nor the finalized block");
    }
    ctx.batch.put(Column.BLOCKS, key, codec.encodeBlock(block));
    ctx.batch.put(Column.HOT_BLOCKS, key, HotBlock.of(root, block.message()).value());
  }

  private void putState(CommitContext ctx, BeaconState state) {
    Bytes32 root = state.hashTreeRoot();
    Bytes32 blockRoot = Anchor.latestBlockRoot(state);
    if (blockRoot.equals(ctx.anchor.root())) {
      if (root.equals(ctx.anchor.stateRoot())) {
        return;
      }
      if (!state.slot().isGreaterThan(ctx.anchor.stateSlot())) {
        throw new IllegalArgumentException("state " + root + " at slot " + state.slot() + " is not after the anchor state (slot "
            + ctx.anchor.stateSlot() + ")");
      }
    } else if (ctx.hotBlock(blockRoot) == null) {
      throw new IllegalArgumentException("state " + root + " at slot " + state.slot() + " is a state of block " + blockRoot
          + ", which is not a stored hot block");
    }
    byte[] key = Keys.root(root);
    ctx.batch.put(Column.STATES, key, codec.encodeState(state));
    ctx.batch.put(Column.HOT_STATES, key, new HotState(root, state.slot(), blockRoot).value());
  }

  private static void deleteState(CommitContext ctx, Bytes32 root) {
    byte[] key = Keys.root(root);
    if (ctx.get(Column.HOT_STATES, key) != null) {
      ctx.batch.delete(Column.HOT_STATES, key);
      ctx.batch.delete(Column.STATES, key);
    }
  }

  // ------------------------------------------------------------------ helpers

  private <T> T read(Function<KvReader, T> query) {
    openLock.readLock().lock();
    try (KvReader reader = openReader()) {
      return query.apply(reader);
    } catch (StorageFormatException e) {
      throw new StorageException("damaged database: " + e.getMessage(), e);
    } finally {
      openLock.readLock().unlock();
    }
  }

  private KvReader openReader() {
    checkOpen();
    return store.reader();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the chain database is closed");
    }
  }

  private AnchorRecord anchorRecord(KvReader reader) {
    return AnchorRecord.decode(required(reader, Column.CHAIN, ChainKeys.ANCHOR, "anchor"), codec);
  }

  private BeaconState anchorState(KvReader reader, AnchorRecord anchor) {
    return decodeState(anchor.stateRoot(), required(reader, Column.STATES, Keys.root(anchor.stateRoot()), "anchor state " + anchor.stateRoot()));
  }

  private static Checkpoint justified(KvReader reader) {
    return Checkpoint.TYPE.deserialize(required(reader, Column.CHAIN, ChainKeys.JUSTIFIED, "justified checkpoint"));
  }

  private static byte[] required(KvReader reader, Column column, byte[] key, String what) {
    byte[] value = reader.get(column, key);
    if (value == null) {
      throw new StorageFormatException(what + " is missing (" + column.familyName() + ")");
    }
    return value;
  }

  private SignedBeaconBlock decodeBlock(Bytes32 root, byte[] value) {
    try {
      return codec.decodeBlock(value);
    } catch (StorageFormatException e) {
      throw new StorageFormatException("block " + root + ": " + e.getMessage(), e);
    }
  }

  private BeaconState decodeState(Bytes32 root, byte[] value) {
    try {
      return codec.decodeState(value);
    } catch (StorageFormatException e) {
      throw new StorageFormatException("state " + root + ": " + e.getMessage(), e);
    }
  }
}

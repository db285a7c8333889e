package io.edvt.node.storage.rocksdb;

import io.edvt.node.storage.StorageException;
import io.edvt.node.storage.kv.Column;
import io.edvt.node.storage.kv.KvBatch;
import io.edvt.node.storage.kv.KvReader;
import io.edvt.node.storage.kv.KvStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Filter;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A {@link KvStore} in one RocksDB database: a column family per {@link Column}, one write-ahead
 * log for all of them, so a {@link WriteBatch} across families is atomic through a crash. The WAL
 * is always on; a batch written without sync is in the OS's page cache when {@link #write}
 * returns (it survives the process being killed), a synced one is on the disk.
 *
 * <p>Blocks and states are large values: they go to blob files (RocksDB's BlobDB), so compaction
 * moves only keys and references, and blob garbage collection reclaims the space of deleted ones.
 */
final class RocksDbKvStore implements KvStore {
  static {
    RocksDB.loadLibrary();
  }

  private static final long BLOCK_CACHE_BYTES = 64L << 20;
  private static final long MAX_TOTAL_WAL_BYTES = 256L << 20;

  private final RocksDB db;
  private final DBOptions dbOptions;
  private final List<ColumnFamilyOptions> familyOptions;
  private final Cache cache;
  private final Filter filter;
  private final List<ColumnFamilyHandle> handles;
  private final Map<Column, ColumnFamilyHandle> columns;
  private final WriteOptions synced = new WriteOptions().setSync(true);
  private final WriteOptions unsynced = new WriteOptions().setSync(false);
  /** The folder's lock, released after the database is closed; set once by {@link #holdLock}. */
  private FolderLock folderLock;

  private RocksDbKvStore(RocksDB db, DBOptions dbOptions, List<ColumnFamilyOptions> familyOptions, Cache cache,
      Filter filter, List<ColumnFamilyHandle> handles, Map<Column, ColumnFamilyHandle> columns) {
    this.db = db;
    this.dbOptions = dbOptions;
    this.familyOptions = familyOptions;
    this.cache = cache;
    this.filter = filter;
    this.handles = handles;
    this.columns = columns;
  }

  /** How to open a database. */
  enum Access {
    /** Create the database and the missing families of {@link Column}. */
    CREATE,
    /** An existing database, for reading and writing (RocksDB's LOCK file keeps other processes out). */
    READ_WRITE,
    /** An existing database, read only, to check it without changing a file of it. */
    READ_ONLY
  }

  /**
   * Opens the database in {@code folder} with the column families {@code families} (every one it
   * has: RocksDB refuses to open a database without all of them).
   */
  static RocksDbKvStore open(Path folder, List<String> families, Access access) throws RocksDBException {
    boolean create = access == Access.CREATE;
    List<String> names = new ArrayList<>(families);
    if (!names.contains(familyName(RocksDB.DEFAULT_COLUMN_FAMILY))) {
      names.add(0, familyName(RocksDB.DEFAULT_COLUMN_FAMILY));
    }
    // a database opened for writing gets the families a later build added (data_columns)
    boolean addMissing = access != Access.READ_ONLY;
    if (addMissing) {
      for (Column column : Column.values()) {
        if (!names.contains(column.familyName())) {
          names.add(column.familyName());
        }
      }
    }
    Cache cache = new LRUCache(BLOCK_CACHE_BYTES);
    Filter filter = new BloomFilter(10);
    DBOptions dbOptions = new DBOptions()
        .setCreateIfMissing(create)
        .setCreateMissingColumnFamilies(addMissing)
        .setParanoidChecks(true)
        .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
        .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
        .setMaxBackgroundJobs(2)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
        .setKeepLogFileNum(3)
        .setMaxLogFileSize(16L << 20);
    List<ColumnFamilyOptions> familyOptions = new ArrayList<>();
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (String name : names) {
      ColumnFamilyOptions options = familyOptions(name, cache, filter);
      familyOptions.add(options);
      descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), options));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    RocksDB db;
    try {
      db = access == Access.READ_ONLY
          ? RocksDB.openReadOnly(dbOptions, folder.toString(), descriptors, handles)
          : RocksDB.open(dbOptions, folder.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      familyOptions.forEach(ColumnFamilyOptions::close);
      dbOptions.close();
      cache.close();
      filter.close();
      throw e;
    }
    Map<Column, ColumnFamilyHandle> columns = new EnumMap<>(Column.class);
    for (int i = 0; i < names.size(); i++) {
      for (Column column : Column.values()) {
        if (column.familyName().equals(names.get(i))) {
          columns.put(column, handles.get(i));
        }
      }
    }
    return new RocksDbKvStore(db, dbOptions, familyOptions, cache, filter, handles, columns);
  }

  /** The column families of the database in {@code folder}. */
  static List<String> listFamilies(Path folder) throws RocksDBException {
    try (org.rocksdb.Options options = new org.rocksdb.Options()) {
      return RocksDB.listColumnFamilies(options, folder.toString()).stream().map(RocksDbKvStore::familyName).toList();
    }
  }

  private static ColumnFamilyOptions familyOptions(String name, Cache cache, Filter filter) {
    ColumnFamilyOptions options = new ColumnFamilyOptions()
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setTableFormatConfig(new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setFilterPolicy(filter)
            .setCacheIndexAndFilterBlocks(true));
    if (name.equals(Column.BLOCKS.familyName()) || name.equals(Column.STATES.familyName())) {
      options.setEnableBlobFiles(true)
          .setMinBlobSize(1024)
          .setBlobCompressionType(CompressionType.LZ4_COMPRESSION)
          .setEnableBlobGarbageCollection(true);
    }
    return options;
  }

  private static String familyName(byte[] name) {
    return new String(name, StandardCharsets.UTF_8);
  }

  /** The families of {@link Column} the database lacks. */
  @Override
  public boolean has(Column column) {
    return columns.containsKey(column);
  }

  List<Column> missingColumns() {
    return Arrays.stream(Column.values()).filter(c -> !columns.containsKey(c)).toList();
  }

  /** Whether no family of {@link Column} the database has holds a key. */
  boolean isEmpty() {
    for (ColumnFamilyHandle handle : columns.values()) {
      try (RocksIterator it = db.newIterator(handle)) {
        it.seekToFirst();
        if (it.isValid()) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public KvReader reader() {
    Snapshot snapshot = db.getSnapshot();
    ReadOptions options = new ReadOptions().setSnapshot(snapshot);
    return new KvReader() {
      @Override
      public byte[] get(Column column, byte[] key) {
        try {
          return db.get(handle(column), options, key);
        } catch (RocksDBException e) {
          throw failure("read " + column.familyName(), e);
        }
      }

      @Override
      public void scan(Column column, byte[] from, byte[] to, Visitor visitor) {
        try (RocksIterator it = db.newIterator(handle(column), options)) {
          if (from == null) {
            it.seekToFirst();
          } else {
            it.seek(from);
          }
          for (; it.isValid(); it.next()) {
            byte[] key = it.key();
            if (to != null && Arrays.compareUnsigned(key, to) >= 0) {
              break;
            }
            if (!visitor.visit(key, it.value())) {
              break;
            }
          }
          check(it, column);
        }
      }

      @Override
      public Entry floor(Column column, byte[] key) {
        try (RocksIterator it = db.newIterator(handle(column), options)) {
          it.seekForPrev(key);
          Entry entry = it.isValid() ? new Entry(it.key(), it.value()) : null;
          check(it, column);
          return entry;
        }
      }

      @Override
      public void close() {
        options.close();
        db.releaseSnapshot(snapshot);
      }
    };
  }

  @Override
  public void write(KvBatch batch, boolean sync) {
    try (WriteBatch writeBatch = new WriteBatch()) {
      batch.forEach(new KvBatch.Sink() {
        @Override
        public void put(Column column, byte[] key, byte[] value) {
          try {
            writeBatch.put(handle(column), key, value);
          } catch (RocksDBException e) {
            throw failure("batch " + column.familyName(), e);
          }
        }

        @Override
        public void delete(Column column, byte[] key) {
          try {
            writeBatch.delete(handle(column), key);
          } catch (RocksDBException e) {
            throw failure("batch " + column.familyName(), e);
          }
        }
      });
      db.write(sync ? synced : unsynced, writeBatch);
    } catch (RocksDBException e) {
      throw failure("write", e);
    }
  }

  @Override
  public Map<Column, Long> sizes() {
    Map<Column, Long> sizes = new EnumMap<>(Column.class);
    for (Map.Entry<Column, ColumnFamilyHandle> e : columns.entrySet()) {
      try {
        sizes.put(e.getKey(), db.getLongProperty(e.getValue(), "rocksdb.total-sst-files-size")
            + db.getLongProperty(e.getValue(), "rocksdb.total-blob-file-size")
            + db.getLongProperty(e.getValue(), "rocksdb.cur-size-all-mem-tables"));
      } catch (RocksDBException ex) {
        throw failure("size of " + e.getKey().familyName(), ex);
      }
    }
    return sizes;
  }

  /** Writes the memtables to table and blob files (tests and timings: what a long run leaves on disk). */
  void flush() {
    try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
      db.flush(options, new ArrayList<>(columns.values()));
    } catch (RocksDBException e) {
      throw failure("flush", e);
    }
  }

  /** Makes this store the owner of the folder's lock: {@link #close} releases it last. */
  RocksDbKvStore holdLock(FolderLock lock) {
    this.folderLock = lock;
    return this;
  }

  @Override
  public void close() {
    synced.close();
    unsynced.close();
    handles.forEach(ColumnFamilyHandle::close);
    db.close();
    familyOptions.forEach(ColumnFamilyOptions::close);
    dbOptions.close();
    cache.close();
    filter.close();
    if (folderLock != null) {
      folderLock.close();
    }
  }

  private ColumnFamilyHandle handle(Column column) {
    ColumnFamilyHandle handle = columns.get(column);
    if (handle == null) {
      throw new StorageException("column family " + column.familyName() + " is missing");
    }
    return handle;
  }

  private static void check(RocksIterator it, Column column) {
    try {
      it.status();
    } catch (RocksDBException e) {
      throw failure("scan " + column.familyName(), e);
    }
  }

  private static StorageException failure(String what, RocksDBException e) {
    return new StorageException("RocksDB " + what + " failed: " + e.getMessage(), e);
  }
}

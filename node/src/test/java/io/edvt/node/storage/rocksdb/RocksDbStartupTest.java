package io.edvt.node.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.DataColumnStore;
import io.edvt.node.storage.NetworkIdentity;
import io.edvt.node.storage.StorageMetadata;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.StorageStartupException;
import io.edvt.node.storage.VectorChain;
import io.edvt.node.storage.kv.Column;
import io.edvt.node.storage.kv.KvBatch;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.edvt.SpecVersions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/**
 * What {@link RocksDbChainStorage#open} does with the folder it is given: a missing or empty one
 * gets a new database, its own database opens again, and everything else is refused with one line
 * that starts with the folder and names the problem (never a fresh start over what is there).
 */
class RocksDbStartupTest {
  private static final StorageOptions ARCHIVE = new StorageOptions(StorageMode.ARCHIVE, 64, 0);
  private static VectorChain chain;
  private static SpecVersions versions;

  @TempDir Path tmp;

  @BeforeAll
  static void loadChain() {
    chain = VectorChain.edvt("finality/finality/pyspec_tests/finality_groups_at_threshold");
    versions = VectorChain.minimalWithEdvt();
  }

  private static Anchor anchor() {
    return chain.anchorAt(0);
  }

  private static NetworkIdentity network() {
    return NetworkIdentity.of(anchor().state());
  }

  private static ChainStorage open(Path dir, NetworkIdentity network, StorageOptions options) {
    return RocksDbChainStorage.open(dir, versions, network, options, RocksDbStartupTest::anchor);
  }

  private static Supplier<Anchor> noNewDatabase(Path dir) {
    return () -> fail("a new database was started in " + dir);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refuses(Path dir, NetworkIdentity network, StorageOptions options,
      String problem) {
    return assertThatThrownBy(() -> RocksDbChainStorage.open(dir, versions, network, options, noNewDatabase(dir)).close())
        .isInstanceOf(StorageStartupException.class)
        .hasMessageStartingWith(dir.toAbsolutePath() + ": ")
        .hasMessageContaining(problem)
        .matches(e -> !e.getMessage().contains("\n"), "is one line");
  }

  private Path existingDatabase() {
    Path dir = tmp.resolve("db");
    try (ChainStorage store = open(dir, network(), ARCHIVE)) {
      store.update().putBlock(chain.blocks().get(1)).setHead(chain.root(1)).putState(chain.posts().get(1)).commit();
    }
    return dir;
  }

  @Test
  void keepsDataColumnSidecarsAcrossARestartAndAddsTheirFamilyToAnEarlierDatabase() throws Exception {
    Path dir = existingDatabase();
    // an earlier build's database: no data_columns family
    dropFamily(dir, Column.DATA_COLUMNS.familyName());
    assertThat(RocksDbKvStore.listFamilies(dir)).doesNotContain(Column.DATA_COLUMNS.familyName());
    ContainerType<DataColumnSidecar> type = versions.forSlot(UInt64.ZERO).schemas().dataColumnSidecar();
    DataColumnSidecar base = type.defaultValue();
    DataColumnSidecar three = DataColumnSidecar.create(type, UInt64.valueOf(3), base.column(), base.kzgCommitments(),
        base.kzgProofs(), base.signedBlockHeader(), base.kzgCommitmentsInclusionProof());
    DataColumnSidecar seventySeven = DataColumnSidecar.create(type, UInt64.valueOf(77), base.column(), base.kzgCommitments(),
        base.kzgProofs(), base.signedBlockHeader(), base.kzgCommitmentsInclusionProof());
    Bytes32 root = DataColumnStore.blockRoot(three);
    try (ChainStorage store = RocksDbChainStorage.open(dir, versions, network(), ARCHIVE, noNewDatabase(dir))) {
      assertThat(store.dataColumns().columns(root)).isEmpty();
      assertThat(store.dataColumns().put(three)).isTrue();
      assertThat(store.dataColumns().put(seventySeven)).isTrue();
    }
    assertThat(RocksDbKvStore.listFamilies(dir)).contains(Column.DATA_COLUMNS.familyName());
    try (ChainStorage store = RocksDbChainStorage.open(dir, versions, network(), ARCHIVE, noNewDatabase(dir))) {
      assertThat(store.dataColumns().columns(root)).containsExactlyInAnyOrder(3L, 77L);
      assertThat(store.dataColumns().sidecar(root, UInt64.valueOf(77))).hasValue(seventySeven);
      store.dataColumns().pruneBefore(1); // the sidecars' slot is 0: dropped, from the database too
    }
    try (ChainStorage store = RocksDbChainStorage.open(dir, versions, network(), ARCHIVE, noNewDatabase(dir))) {
      assertThat(store.dataColumns().columns(root)).isEmpty();
    }
  }

  /** Drops column family {@code name} of the database in {@code dir}, as if an earlier build had made it. */
  private static void dropFamily(Path dir, String name) throws Exception {
    List<String> names = RocksDbKvStore.listFamilies(dir);
    List<ColumnFamilyDescriptor> descriptors = names.stream()
        .map(n -> new ColumnFamilyDescriptor(n.getBytes(StandardCharsets.UTF_8))).toList();
    List<ColumnFamilyHandle> handles = new java.util.ArrayList<>();
    try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
      db.dropColumnFamily(handles.get(names.indexOf(name)));
      handles.forEach(ColumnFamilyHandle::close);
    }
  }

  @Test
  void createsAMissingFolderAndOpensItsDatabaseAgain() {
    Path dir = tmp.resolve("a/b/chain");
    try (ChainStorage store = open(dir, network(), ARCHIVE)) {
      assertThat(store.metadata()).isEqualTo(new StorageMetadata(StorageMetadata.FORMAT_VERSION, network(), StorageMode.ARCHIVE));
      store.update().putBlock(chain.blocks().get(1)).setHead(chain.root(1)).commit();
    }
    try (ChainStorage store = RocksDbChainStorage.open(dir, versions, network(), ARCHIVE, noNewDatabase(dir))) {
      assertThat(store.head()).isEqualTo(chain.root(1));
      assertThat(store.anchor().finalized()).isEqualTo(anchor().finalized());
    }
  }

  @Test
  void startsANewDatabaseInAnEmptyFolder() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    try (ChainStorage store = open(dir, network(), ARCHIVE)) {
      assertThat(store.head()).isEqualTo(chain.root(0));
    }
  }

  @Test
  void refusesAFileAndAFolderOfOtherFiles() throws IOException {
    Path file = Files.writeString(tmp.resolve("chain"), "not a folder");
    refuses(file, network(), ARCHIVE, "is not a folder");
    Path folder = Files.createDirectories(tmp.resolve("photos"));
    Files.writeString(folder.resolve("cat.jpg"), "meow");
    refuses(folder, network(), ARCHIVE, "not a chain database (no RocksDB CURRENT file; it holds cat.jpg)");
    assertThat(Files.readString(folder.resolve("cat.jpg"))).isEqualTo("meow");
  }

  @Test
  void refusesADatabaseOfAnotherNetwork() {
    Path dir = existingDatabase();
    NetworkIdentity other = new NetworkIdentity(Bytes32.fromHexString("0x" + "ab".repeat(32)), network().genesisTime());
    refuses(dir, other, ARCHIVE, "a database of another network (genesis validators root " + network().genesisValidatorsRoot()
        + ", this node's is " + other.genesisValidatorsRoot() + ")");
    NetworkIdentity later = new NetworkIdentity(network().genesisValidatorsRoot(), network().genesisTime().plus(12));
    refuses(dir, later, ARCHIVE, "a database of another network (genesis time");
  }

  @Test
  void refusesAnotherStorageMode() {
    Path dir = existingDatabase();
    refuses(dir, network(), new StorageOptions(StorageMode.PRUNE, 64, 10), "a database in ARCHIVE storage mode, the node asks for PRUNE");
  }

  @Test
  void refusesAnotherFormatVersion() throws Exception {
    Path dir = existingDatabase();
    try (RocksDbKvStore store = RocksDbKvStore.open(dir, RocksDbKvStore.listFamilies(dir), RocksDbKvStore.Access.READ_WRITE)) {
      KvBatch batch = new KvBatch();
      batch.put(Column.METADATA, "format_version".getBytes(StandardCharsets.US_ASCII), ByteBuffer.allocate(4).putInt(2).array());
      store.write(batch, true);
    }
    refuses(dir, network(), ARCHIVE, "database format version 2, this edvt reads version 1");
  }

  @Test
  void refusesAChainDatabaseWithoutMetadataOrAnchor() throws Exception {
    Path dir = existingDatabase();
    try (RocksDbKvStore store = RocksDbKvStore.open(dir, RocksDbKvStore.listFamilies(dir), RocksDbKvStore.Access.READ_WRITE)) {
      KvBatch batch = new KvBatch();
      batch.delete(Column.CHAIN, "anchor".getBytes(StandardCharsets.US_ASCII));
      store.write(batch, true);
    }
    refuses(dir, network(), ARCHIVE, "damaged chain database: anchor is missing (chain)");
    try (RocksDbKvStore store = RocksDbKvStore.open(dir, RocksDbKvStore.listFamilies(dir), RocksDbKvStore.Access.READ_WRITE)) {
      KvBatch batch = new KvBatch();
      batch.delete(Column.METADATA, "format_version".getBytes(StandardCharsets.US_ASCII));
      store.write(batch, true);
    }
    refuses(dir, network(), ARCHIVE, "a chain database without metadata (no format_version): damaged or incomplete");
  }

  @Test
  void finishesACreationInterruptedBeforeItsFirstWrite() throws Exception {
    Path dir = tmp.resolve("interrupted");
    Files.createDirectories(dir);
    RocksDbKvStore.open(dir, List.of(), RocksDbKvStore.Access.CREATE).close(); // our column families, nothing in them
    try (ChainStorage store = open(dir, network(), ARCHIVE)) {
      assertThat(store.anchor().finalized()).isEqualTo(anchor().finalized());
    }
  }

  @Test
  void refusesARocksDbDatabaseOfSomethingElse() throws Exception {
    Path dir = tmp.resolve("foreign");
    Files.createDirectories(dir);
    try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)) {
      List<ColumnFamilyDescriptor> families = List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
          new ColumnFamilyDescriptor("accounts".getBytes(StandardCharsets.UTF_8)));
      List<ColumnFamilyHandle> handles = new java.util.ArrayList<>();
      try (RocksDB db = RocksDB.open(options, dir.toString(), families, handles)) {
        db.put(handles.get(1), new byte[] {1}, new byte[] {2});
        handles.forEach(ColumnFamilyHandle::close);
      }
    }
    refuses(dir, network(), ARCHIVE, "a RocksDB database, but not a chain database (column families default, accounts)");
  }

  @Test
  void refusesADatabaseInUse() {
    Path dir = existingDatabase();
    try (ChainStorage first = RocksDbChainStorage.open(dir, versions, network(), ARCHIVE, noNewDatabase(dir))) {
      refuses(dir, network(), ARCHIVE, "in use by another process");
      assertThat(first.head()).isEqualTo(chain.root(1));
    }
  }

  /** A database with its data in table and blob files, not only in the write-ahead log. */
  private Path flushedDatabase(String name) throws Exception {
    Path dir = tmp.resolve(name);
    try (ChainStorage store = open(dir, network(), ARCHIVE)) {
      store.update().putBlock(chain.blocks().get(1)).setHead(chain.root(1)).putState(chain.posts().get(1)).commit();
    }
    try (RocksDbKvStore store = RocksDbKvStore.open(dir, RocksDbKvStore.listFamilies(dir), RocksDbKvStore.Access.READ_WRITE)) {
      store.flush();
    }
    return dir;
  }

  @Test
  void refusesADatabaseWithATruncatedManifestTableOrBlobFile() throws Exception {
    Path manifest = flushedDatabase("manifest");
    truncateToHalf(largest(manifest, "MANIFEST-"));
    refuses(manifest, network(), ARCHIVE, "damaged chain database: "); // what is missing depends on where the cut falls

    Path table = flushedDatabase("table");
    truncateToHalf(largest(table, ".sst"));
    refuses(table, network(), ARCHIVE, "cannot open the database: ");

    Path blob = flushedDatabase("blob");
    truncateToHalf(largest(blob, ".blob"));
    refuses(blob, network(), ARCHIVE, "damaged chain database: RocksDB read states failed: "); // the anchor state is read at startup
  }

  @Test
  void opensWhatACrashLeavesInTheWriteAheadLogUpToItsLastWholeBatch() throws Exception {
    Path dir = tmp.resolve("wal");
    try (ChainStorage store = open(dir, network(), ARCHIVE)) {
      for (int i = 1; i < chain.blocks().size(); i++) {
        store.update().putBlock(chain.blocks().get(i)).setHead(chain.root(i)).putState(chain.posts().get(i)).commit();
      }
    }
    Path wal = largest(dir, ".log");
    try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
      f.setLength(f.length() - 1000); // a torn last write
    }
    try (ChainStorage store = RocksDbChainStorage.open(dir, versions, network(), ARCHIVE, noNewDatabase(dir))) {
      int head = chain.indexOf(store.head());
      assertThat(head).isBetween(1, chain.blocks().size() - 2);
      assertThat(store.state(chain.posts().get(head).hashTreeRoot())).isPresent();
      assertThat(store.hotBlocks()).hasSize(head);
      io.edvt.node.storage.StoreInvariants.check(store);
      store.update().putBlock(chain.blocks().get(head + 1)).setHead(chain.root(head + 1)).commit();
    }
  }

  private static Path largest(Path dir, String namePart) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().contains(namePart))
          .max(Comparator.comparingLong(p -> p.toFile().length()))
          .orElseThrow(() -> new AssertionError("no " + namePart + " file in " + dir));
    }
  }

  private static void truncateToHalf(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
  }

  @Test
  void theInitialAnchorMustBeOfTheNodesNetwork() {
    Path dir = tmp.resolve("db");
    NetworkIdentity other = new NetworkIdentity(network().genesisValidatorsRoot(), UInt64.valueOf(1));
    assertThatThrownBy(() -> open(dir, other, ARCHIVE)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the initial anchor is of another network");
  }
}

package io.edvt.node.storage.rocksdb;

import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.NetworkIdentity;
import io.edvt.node.storage.StorageException;
import io.edvt.node.storage.StorageMetadata;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.StorageStartupException;
import io.edvt.node.storage.kv.Column;
import io.edvt.node.storage.kv.KvChainStorage;
import io.edvt.node.storage.kv.KvReader;
import io.edvt.node.storage.kv.MetadataRecord;
import io.edvt.node.storage.kv.StorageFormatException;
import io.edvt.node.storage.rocksdb.RocksDbKvStore.Access;
import io.edvt.spec.edvt.SpecVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.rocksdb.RocksDBException;

/**
 * Opens the node's chain database, a RocksDB in one folder, after checking that it is the
 * database this node should use. A missing or empty folder gets a new database holding the
 * initial anchor. Anything else that is not exactly a database of this format, network and
 * storage mode is refused with a {@link StorageStartupException} naming the folder and the
 * problem; an existing folder is never started afresh.
 *
 * <p>The one exception: a database of our column families with no key in any of them is one whose
 * creation was interrupted before its first (atomic) write, and its creation is finished.
 */
public final class RocksDbChainStorage {
  private RocksDbChainStorage() {}

  /**
   * The chain database in {@code folder}.
   *
   * @param folder the database folder (created when missing)
   * @param versions the network's milestones, to decode stored blocks and states
   * @param network the network the node runs; an existing database must be of it
   * @param options the storage mode (an existing database must have it) and its parameters
   * @param initialAnchor the anchor of a new database (the genesis anchor, or a checkpoint
   *     state's), asked for only when one is created; its state must be of {@code network}
   * @throws StorageStartupException if the folder must not be used
   */
  public static ChainStorage open(Path folder, SpecVersions versions, NetworkIdentity network, StorageOptions options,
      Supplier<Anchor> initialAnchor) {
    return open(folder, versions, Optional.of(network), options, initialAnchor);
  }

  /**
   * The chain database in {@code folder}, for a node that may not know its network's genesis (a
   * start from a checkpoint without {@code --genesis-state}): with {@code network} empty, an
   * existing database is taken as of the network it was created for, and a new one is of its
   * initial anchor's network. {@code initialAnchor} is asked for only when a database is created,
   * so a checkpoint is fetched only for an empty folder.
   *
   * @throws StorageStartupException if the folder must not be used
   */
  public static ChainStorage open(Path folder, SpecVersions versions, Optional<NetworkIdentity> network,
      StorageOptions options, Supplier<Anchor> initialAnchor) {
    Path dir = folder.toAbsolutePath().normalize();
    boolean fresh = prepare(dir);
    // locked before the first look, so no check reads a database another store is writing
    FolderLock lock = FolderLock.acquire(dir);
    try {
      return fresh ? create(dir, openStore(dir, List.of(), Access.CREATE).holdLock(lock), versions, network, options, initialAnchor)
          : openExisting(dir, lock, versions, network, options, initialAnchor);
    } catch (RuntimeException e) {
      lock.close(); // released twice when a store already held it: harmless
      throw e;
    }
  }

  private static ChainStorage openExisting(Path dir, FolderLock lock, SpecVersions versions, Optional<NetworkIdentity> network,
      StorageOptions options, Supplier<Anchor> initialAnchor) {
    // checked read-only first: a folder that is refused is not changed
    List<String> families = families(dir);
    Optional<StorageMetadata> metadata;
    try (RocksDbKvStore readOnly = openStore(dir, families, Access.READ_ONLY)) {
      metadata = checkExisting(dir, readOnly, network, options);
      if (metadata.isPresent()) {
        new KvChainStorage(readOnly, versions, metadata.get(), options); // checks the anchor, head and justified entries
      }
    } catch (StorageFormatException | StorageException e) {
      throw new StorageStartupException(dir, "damaged chain database: " + e.getMessage(), e);
    }
    if (metadata.isEmpty()) { // an interrupted creation: finish it
      return create(dir, openStore(dir, families, Access.CREATE).holdLock(lock), versions, network, options, initialAnchor);
    }
    RocksDbKvStore store = openStore(dir, families, Access.READ_WRITE).holdLock(lock);
    try {
      return new KvChainStorage(store, versions, metadata.get(), options);
    } catch (StorageFormatException e) {
      store.close();
      throw new StorageStartupException(dir, "damaged chain database: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Creates a missing folder; whether the folder is to get a new database (missing or empty). */
  private static boolean prepare(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new StorageStartupException(dir, "is not a folder");
    }
    if (!Files.exists(dir)) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new StorageStartupException(dir, "cannot create the database folder: " + e, e);
      }
      return true;
    }
    List<String> entries;
    try (Stream<Path> list = Files.list(dir)) {
      // our lock file alone is what a creation killed before RocksDB wrote a file leaves
      entries = list.map(p -> p.getFileName().toString()).filter(n -> !n.equals(FolderLock.FILE_NAME)).sorted().toList();
    } catch (IOException e) {
      throw new StorageStartupException(dir, "cannot read the folder: " + e, e);
    }
    if (entries.isEmpty()) {
      return true;
    }
    if (!entries.contains("CURRENT")) {
      throw new StorageStartupException(dir, "not a chain database (no RocksDB CURRENT file; it holds "
          + String.join(", ", entries.subList(0, Math.min(5, entries.size()))) + (entries.size() > 5 ? ", ..." : "")
          + "): give an empty or new folder");
    }
    return false;
  }

  private static List<String> families(Path dir) {
    List<String> families;
    try {
      families = RocksDbKvStore.listFamilies(dir);
    } catch (RocksDBException e) {
      throw new StorageStartupException(dir, "not a readable RocksDB database: " + oneLine(e), e);
    }
    List<String> ours = Stream.of(Column.values()).map(Column::familyName).toList();
    if (!families.contains(Column.METADATA.familyName())) {
      boolean interrupted = ours.containsAll(families.stream().filter(f -> !f.equals("default")).toList());
      if (!interrupted) {
        throw new StorageStartupException(dir, "a RocksDB database, but not a chain database (column families "
            + String.join(", ", families) + ")");
      }
    }
    return families;
  }

  private static RocksDbKvStore openStore(Path dir, List<String> families, Access access) {
    try {
      return RocksDbKvStore.open(dir, families, access);
    } catch (RocksDBException e) {
      String message = oneLine(e);
      if (message.contains("LOCK")) {
        throw new StorageStartupException(dir, "in use by another process (" + message + ")", e);
      }
      throw new StorageStartupException(dir, "cannot open the database: " + message, e);
    }
  }

  /**
   * The metadata of an existing database after checking it against what the node asks for, or
   * empty for an interrupted creation (our column families, all empty).
   */
  private static Optional<StorageMetadata> checkExisting(Path dir, RocksDbKvStore store, Optional<NetworkIdentity> expected,
      StorageOptions options) {
    StorageMetadata metadata;
    try (KvReader reader = store.reader()) {
      Optional<Integer> version = store.missingColumns().contains(Column.METADATA)
          ? Optional.empty()
          : MetadataRecord.formatVersion(reader);
      if (version.isEmpty()) {
        if (store.isEmpty()) {
          return Optional.empty();
        }
        throw new StorageStartupException(dir, "a chain database without metadata (no format_version): damaged or incomplete");
      }
      if (version.get() != StorageMetadata.FORMAT_VERSION) {
        throw new StorageStartupException(dir, "database format version " + version.get() + ", this edvt reads version "
            + StorageMetadata.FORMAT_VERSION);
      }
      // data_columns came after format version 1's first databases: opening for writing adds it
      List<Column> missing = store.missingColumns().stream().filter(c -> c != Column.DATA_COLUMNS).toList();
      if (!missing.isEmpty()) {
        throw new StorageStartupException(dir, "damaged chain database: column families missing: "
            + missing.stream().map(Column::familyName).collect(Collectors.joining(", ")));
      }
      metadata = MetadataRecord.read(reader);
    } catch (StorageFormatException e) {
      throw new StorageStartupException(dir, "damaged chain database: " + e.getMessage(), e);
    }
    NetworkIdentity network = expected.orElse(metadata.network());
    if (!metadata.network().genesisValidatorsRoot().equals(network.genesisValidatorsRoot())) {
      throw new StorageStartupException(dir, "a database of another network (genesis validators root "
          + metadata.network().genesisValidatorsRoot() + ", this node's is " + network.genesisValidatorsRoot() + ")");
    }
    if (!metadata.network().genesisTime().equals(network.genesisTime())) {
      throw new StorageStartupException(dir, "a database of another network (genesis time " + metadata.network().genesisTime()
          + ", this node's is " + network.genesisTime() + ")");
    }
    if (metadata.mode() != options.mode()) {
      throw new StorageStartupException(dir, "a database in " + metadata.mode() + " storage mode, the node asks for "
          + options.mode() + " (the mode is fixed when the database is created)");
    }
    return Optional.of(metadata);
  }

  private static ChainStorage create(Path dir, RocksDbKvStore store, SpecVersions versions, Optional<NetworkIdentity> expected,
      StorageOptions options, Supplier<Anchor> initialAnchor) {
    try {
      Anchor anchor = initialAnchor.get();
      NetworkIdentity anchorNetwork = NetworkIdentity.of(anchor.state());
      NetworkIdentity network = expected.orElse(anchorNetwork);
      if (!anchorNetwork.equals(network)) {
        throw new IllegalArgumentException("the initial anchor is of another network (" + anchorNetwork + ") than the node's ("
            + network + ")");
      }
      StorageMetadata metadata = new StorageMetadata(StorageMetadata.FORMAT_VERSION, network, options.mode());
      KvChainStorage.initialize(store, versions, metadata, anchor);
      return new KvChainStorage(store, versions, metadata, options);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.replace('\n', ' ').strip();
  }
}

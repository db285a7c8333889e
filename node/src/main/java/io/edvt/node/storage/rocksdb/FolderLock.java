package io.edvt.node.storage.rocksdb;

import io.edvt.node.storage.StorageStartupException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a database folder, held from before the first look at the database until
 * the store is closed.
 *
 * <p>RocksDB's own {@code LOCK} is taken only by a read-write open, so the read-only startup
 * checks would otherwise read a database another process (or this one) is writing and compacting,
 * and report files vanishing under them as corruption. The lock is on a file of our own: locking
 * RocksDB's {@code LOCK} from Java and releasing it would drop RocksDB's lock too (POSIX record
 * locks belong to the process, not to the descriptor). Java refuses a second lock in the same JVM
 * and the kernel one from another process, so both read as "in use".
 */
final class FolderLock implements AutoCloseable {
  static final String FILE_NAME = "EDVT-LOCK";

  private final FileChannel channel;
  private final FileLock lock;

  private FolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} (which must exist).
   *
   * @throws StorageStartupException when another process or another store in this one holds it
   */
  static FolderLock acquire(Path dir) {
    FileChannel channel;
    try {
      channel = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StorageStartupException(dir, "cannot create the lock file " + FILE_NAME + ": " + e, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StorageStartupException(dir, "cannot lock " + FILE_NAME + ": " + e, e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new StorageStartupException(dir, "in use by another process (or another store in this one): "
          + FILE_NAME + " is locked");
    }
    return new FolderLock(channel, lock);
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel's close below releases it as well
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}

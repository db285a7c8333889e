package io.edvt.node.validator.slashing;

import io.edvt.infrastructure.unsigned.UInt64;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The durable form of the slashing-protection database: one append-only file of fixed-size
 * records, each with a CRC32C, written and {@code fsync}ed before the signature it allows leaves the
 * process.
 *
 * <p>Layout: a 44-byte header (magic {@code EDVTSP} 0 1, the genesis validators root, CRC32C) then
 * 102-byte records (kind: 1 block, 2 attestation; public key; slot or source epoch; 0 or target
 * epoch; 1 if a signing root follows; signing root or zeros; CRC32C of the preceding 98 bytes).
 *
 * <p>Why a file and not RocksDB: the database only ever appends and is read whole at start-up; a
 * signature is allowed only after its record is on disk, so every request pays one sync either way.
 * With fixed-size checksummed records the crash cases are few and checkable: a kill during an append
 * leaves a short or checksum-failing last record, which was never acknowledged (the signature was
 * not released) and is cut off at the next open; a bad record anywhere else is damage and the
 * database is refused. An exclusive lock keeps a second process off the file.
 */
final class RecordLog implements AutoCloseable {
  static final int HEADER_SIZE = 44;
  static final int RECORD_SIZE = 102;
  static final byte BLOCK = 1;
  static final byte ATTESTATION = 2;
  private static final byte[] MAGIC = {'E', 'D', 'V', 'T', 'S', 'P', 0, 1};
  private static final System.Logger LOG = System.getLogger(RecordLog.class.getName());

  /** One record as read back. */
  record Entry(byte kind, Bytes48 pubkey, UInt64 a, UInt64 b, Optional<Bytes32> signingRoot) {}

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final Bytes32 genesisValidatorsRoot;
  private final List<Entry> entries;

  private RecordLog(Path file, FileChannel channel, FileLock lock, Bytes32 gvr, List<Entry> entries) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.genesisValidatorsRoot = gvr;
    this.entries = entries;
  }

  /**
   * Opens {@code file}, creating it for {@code newGenesisValidatorsRoot} when it does not exist
   * (empty: refused if absent and the file does not exist).
   */
  static RecordLog open(Path file, Optional<Bytes32> newGenesisValidatorsRoot) {
    try {
      boolean exists = Files.exists(file) && Files.size(file) > 0;
      if (!exists && newGenesisValidatorsRoot.isEmpty()) {
        throw new SlashingProtectionException(file, "no slashing-protection database here");
      }
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new SlashingProtectionException(file, "the slashing-protection database is in use by another process");
      }
      if (!exists) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        header.put(MAGIC).put(newGenesisValidatorsRoot.get().toArrayUnsafe());
        header.putInt(crc(header.array(), 0, 40));
        header.flip();
        channel.truncate(0);
        writeFully(channel, header, 0);
        channel.force(true);
        if (file.getParent() != null) {
          syncDirectory(file.getParent());
        }
        return new RecordLog(file, channel, lock, newGenesisValidatorsRoot.get(), new ArrayList<>());
      }
      return read(file, channel, lock);
    } catch (IOException e) {
      throw new SlashingProtectionException(file, "cannot open the slashing-protection database: " + e.getMessage(), e);
    }
  }

  private static RecordLog read(Path file, FileChannel channel, FileLock lock) throws IOException {
    long size = channel.size();
    if (size < HEADER_SIZE) {
      close(channel);
      throw new SlashingProtectionException(file, "not a slashing-protection database (" + size + " bytes, shorter than the header)");
    }
    ByteBuffer all = ByteBuffer.allocate((int) size);
    while (all.hasRemaining() && channel.read(all, all.position()) >= 0) {}
    byte[] bytes = all.array();
    if (!Arrays.equals(bytes, 0, 8, MAGIC, 0, 8) || crc(bytes, 0, 40) != ByteBuffer.wrap(bytes, 40, 4).getInt()) {
      close(channel);
      throw new SlashingProtectionException(file, "not a slashing-protection database (bad header)");
    }
    Bytes32 gvr = Bytes32.wrap(Arrays.copyOfRange(bytes, 8, 40));
    List<Entry> entries = new ArrayList<>();
    long offset = HEADER_SIZE;
    while (offset + RECORD_SIZE <= size) {
      int o = (int) offset;
      if (crc(bytes, o, RECORD_SIZE - 4) != ByteBuffer.wrap(bytes, o + RECORD_SIZE - 4, 4).getInt()) {
        if (offset + RECORD_SIZE == size) {
          break; // a torn last record: treated as never written (its signature was never released)
        }
        close(channel);
        throw new SlashingProtectionException(file, "damaged record at byte " + offset + " of " + size
            + " (checksum mismatch): restore the database or import an interchange file into a new one");
      }
      ByteBuffer r = ByteBuffer.wrap(bytes, o, RECORD_SIZE);
      byte kind = r.get();
      if (kind != BLOCK && kind != ATTESTATION) {
        close(channel);
        throw new SlashingProtectionException(file, "damaged record at byte " + offset + ": unknown kind " + kind);
      }
      byte[] pk = new byte[48];
      r.get(pk);
      UInt64 a = UInt64.fromLongBits(r.getLong());
      UInt64 b = UInt64.fromLongBits(r.getLong());
      boolean hasRoot = r.get() == 1;
      byte[] root = new byte[32];
      r.get(root);
      entries.add(new Entry(kind, Bytes48.wrap(pk), a, b, hasRoot ? Optional.of(Bytes32.wrap(root)) : Optional.empty()));
      offset += RECORD_SIZE;
    }
    if (offset != size) {
      LOG.log(System.Logger.Level.WARNING, "{0}: dropping {1} bytes of a record that was being written when the process stopped",
          file, size - offset);
      channel.truncate(offset);
      channel.force(true);
    }
    return new RecordLog(file, channel, lock, gvr, entries);
  }

  Bytes32 genesisValidatorsRoot() {
    return genesisValidatorsRoot;
  }

  /** The records read at open (appends after that are not added). */
  List<Entry> entries() {
    return entries;
  }

  Path file() {
    return file;
  }

  /** Appends {@code records} and syncs them to disk before returning. */
  void append(List<Entry> records) {
    if (records.isEmpty()) {
      return;
    }
    ByteBuffer buffer = ByteBuffer.allocate(records.size() * RECORD_SIZE);
    for (Entry e : records) {
      int start = buffer.position();
      buffer.put(e.kind()).put(e.pubkey().toArrayUnsafe()).putLong(e.a().longValue()).putLong(e.b().longValue());
      buffer.put((byte) (e.signingRoot().isPresent() ? 1 : 0));
      buffer.put(e.signingRoot().map(Bytes::toArrayUnsafe).orElse(new byte[32]));
      buffer.putInt(crc(buffer.array(), start, RECORD_SIZE - 4));
    }
    buffer.flip();
    try {
      writeFully(channel, buffer, channel.size());
      channel.force(false);
    } catch (IOException e) {
      throw new SlashingProtectionException(file, "cannot write the slashing-protection database: " + e.getMessage(), e);
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // not every file system lets a directory be synced; the file itself is synced
    }
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing after a refusal
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new SlashingProtectionException(file, "cannot close: " + e.getMessage(), e);
    }
  }
}

package io.edvt.node.storage.kv;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.storage.NetworkIdentity;
import io.edvt.node.storage.StorageMetadata;
import io.edvt.node.storage.StorageMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The entries of {@link Column#METADATA}. {@code format_version} (4 bytes big-endian) is written
 * the same way in every format, so any version can read another's number and refuse it by name;
 * the rest is format 1: {@code genesis_validators_root} (32), {@code genesis_time} (8 big-endian),
 * {@code storage_mode} (the mode's name in ASCII).
 */
public final class MetadataRecord {
  static final byte[] FORMAT_VERSION = key("format_version");
  static final byte[] GENESIS_VALIDATORS_ROOT = key("genesis_validators_root");
  static final byte[] GENESIS_TIME = key("genesis_time");
  static final byte[] STORAGE_MODE = key("storage_mode");

  private MetadataRecord() {}

  public static void write(KvBatch batch, StorageMetadata metadata) {
    batch.put(Column.METADATA, FORMAT_VERSION, ByteBuffer.allocate(4).putInt(metadata.formatVersion()).array());
    batch.put(Column.METADATA, GENESIS_VALIDATORS_ROOT, metadata.network().genesisValidatorsRoot().toArray());
    batch.put(Column.METADATA, GENESIS_TIME, ByteBuffer.allocate(8).putLong(metadata.network().genesisTime().longValue()).array());
    batch.put(Column.METADATA, STORAGE_MODE, metadata.mode().name().getBytes(StandardCharsets.US_ASCII));
  }

  /** The format version, or empty when the database has none (not one of ours, or never finished creating). */
  public static Optional<Integer> formatVersion(KvReader reader) {
    byte[] value = reader.get(Column.METADATA, FORMAT_VERSION);
    if (value == null) {
      return Optional.empty();
    }
    if (value.length != 4) {
      throw new StorageFormatException("format_version has " + value.length + " bytes, not 4");
    }
    return Optional.of(ByteBuffer.wrap(value).getInt());
  }

  /** The metadata of a format-1 database. */
  public static StorageMetadata read(KvReader reader) {
    int version = formatVersion(reader).orElseThrow(() -> new StorageFormatException("no format_version in the metadata"));
    byte[] root = required(reader, GENESIS_VALIDATORS_ROOT, 32);
    byte[] time = required(reader, GENESIS_TIME, 8);
    byte[] mode = reader.get(Column.METADATA, STORAGE_MODE);
    if (mode == null) {
      throw new StorageFormatException("no storage_mode in the metadata");
    }
    String modeName = new String(mode, StandardCharsets.US_ASCII);
    StorageMode storageMode;
    try {
      storageMode = StorageMode.valueOf(modeName);
    } catch (IllegalArgumentException e) {
      throw new StorageFormatException("unknown storage_mode '" + modeName + "' in the metadata");
    }
    return new StorageMetadata(version, new NetworkIdentity(Bytes32.wrap(root), UInt64.fromLongBits(ByteBuffer.wrap(time).getLong())),
        storageMode);
  }

  private static byte[] required(KvReader reader, byte[] key, int size) {
    byte[] value = reader.get(Column.METADATA, key);
    String name = new String(key, StandardCharsets.US_ASCII);
    if (value == null) {
      throw new StorageFormatException("no " + name + " in the metadata");
    }
    if (value.length != size) {
      throw new StorageFormatException(name + " has " + value.length + " bytes, not " + size);
    }
    return value;
  }

  private static byte[] key(String name) {
    return name.getBytes(StandardCharsets.US_ASCII);
  }
}

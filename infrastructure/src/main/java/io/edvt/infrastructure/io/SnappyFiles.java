package io.edvt.infrastructure.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xerial.snappy.Snappy;

/**
 * The {@code ssz_snappy} file form used by the reference tests: SSZ bytes compressed with the
 * snappy <em>block</em> format (the framing format is for network streams).
 */
public final class SnappyFiles {
  private SnappyFiles() {}

  public static byte[] readSszSnappy(Path file) {
    byte[] compressed;
    try {
      compressed = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return decompressBlock(compressed, file.toString());
  }

  /** Decompresses snappy block-format bytes; {@code source} names the input in errors. */
  public static byte[] decompressBlock(byte[] compressed, String source) {
    try {
      if (!Snappy.isValidCompressedBuffer(compressed)) {
        throw new IllegalArgumentException("not valid snappy block-format data: " + source);
      }
      return Snappy.uncompress(compressed);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot decompress snappy data from " + source + ": " + e.getMessage(), e);
    }
  }

  public static byte[] compressBlock(byte[] raw) {
    try {
      return Snappy.compress(raw);
    } catch (IOException e) {
      throw new UncheckedIOException("snappy compression failed", e);
    }
  }
}

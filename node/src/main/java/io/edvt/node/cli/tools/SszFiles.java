package io.edvt.node.cli.tools;

import io.edvt.infrastructure.io.SnappyFiles;
import io.edvt.node.cli.InputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading and writing the files the tools take: SSZ, or SSZ compressed with the snappy
 * <em>block</em> format as the consensus-spec-tests store it ({@code .ssz_snappy}, or any name
 * with {@code --snappy}). Errors name the flag and the file.
 */
final class SszFiles {
  static final String SNAPPY_EXTENSION = ".ssz_snappy";

  private SszFiles() {}

  /** Whether {@code file} holds snappy-compressed SSZ: by its extension, or because {@code --snappy} says so. */
  static boolean isSnappy(Path file, boolean snappyFlag) {
    return snappyFlag || file.getFileName().toString().endsWith(SNAPPY_EXTENSION);
  }

  /** The SSZ bytes of {@code file}, decompressed if it is snappy. {@code flag} names it in errors ({@code --pre}). */
  static byte[] readSsz(String flag, Path file, boolean snappyFlag) {
    byte[] raw = read(flag, file);
    if (!isSnappy(file, snappyFlag)) {
      return raw;
    }
    try {
      return SnappyFiles.decompressBlock(raw, file.toString());
    } catch (IllegalArgumentException e) {
      throw new InputException(where(flag, file) + ": not snappy block-format data ("
          + (snappyFlag ? "--snappy" : "the " + SNAPPY_EXTENSION + " extension") + " says it is); truncated or not compressed?");
    }
  }

  /** The bytes of {@code file}. */
  static byte[] read(String flag, Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputException(where(flag, file) + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InputException(where(flag, file) + ": permission denied");
    } catch (IOException e) {
      throw new InputException(where(flag, file) + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Writes SSZ bytes to {@code file}, snappy-compressed if it is snappy. */
  static void writeSsz(String flag, Path file, byte[] ssz, boolean snappyFlag) {
    write(flag, file, isSnappy(file, snappyFlag) ? SnappyFiles.compressBlock(ssz) : ssz);
  }

  /** Writes {@code bytes} to {@code file}, replacing it. */
  static void write(String flag, Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (NoSuchFileException e) {
      throw new InputException(where(flag, file) + ": cannot write: no such directory");
    } catch (AccessDeniedException e) {
      throw new InputException(where(flag, file) + ": cannot write: permission denied");
    } catch (IOException e) {
      throw new InputException(where(flag, file) + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** {@code --pre pre.ssz}, or the file alone for a positional argument ({@code flag} empty). */
  static String where(String flag, Path file) {
    return flag.isEmpty() ? file.toString() : flag + " " + file;
  }
}

package io.edvt.reftests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** A copy of a provided case in a temporary folder, to be altered by a test. */
final class MutatedCase {
  private final TestCase original;
  private final Path dir;

  private MutatedCase(TestCase original, Path dir) {
    this.original = original;
    this.dir = dir;
  }

  /** A copy of {@code tests/<path>} (a case folder of the provided vectors) under {@code tmp}. */
  static MutatedCase of(Path tmp, String path) throws IOException {
    Path source = VectorsRoot.testsDir().resolve(path);
    String[] p = path.split("/");
    Path dir = Files.createDirectories(tmp.resolve(path));
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return new MutatedCase(new TestCase(p[0], p[1], p[2], p[3], p[4], p[5], source), dir);
  }

  /** The altered copy as a case (same names as the original). */
  TestCase testCase() {
    return new TestCase(original.preset(), original.fork(), original.runner(), original.handler(), original.suite(),
        original.name(), dir);
  }

  /** The untouched original. */
  TestCase original() {
    return original;
  }

  MutatedCase delete(String file) throws IOException {
    Files.delete(dir.resolve(file));
    return this;
  }

  /** {@code target} becomes a copy of {@code source}. */
  MutatedCase copy(String source, String target) throws IOException {
    Files.copy(dir.resolve(source), dir.resolve(target), StandardCopyOption.REPLACE_EXISTING);
    return this;
  }

  /** {@code file} with its first occurrence of {@code from} replaced by {@code to}. */
  MutatedCase edit(String file, String from, String to) throws IOException {
    String text = Files.readString(dir.resolve(file));
    if (!text.contains(from)) {
      throw new IllegalArgumentException(file + " has no '" + from + "'");
    }
    Files.writeString(dir.resolve(file), text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    return this;
  }

  /** {@code file} (snappy-compressed SSZ) with its decompressed bytes changed by {@code change}. */
  MutatedCase ssz(String file, java.util.function.UnaryOperator<byte[]> change) throws IOException {
    String base = file.replace(".ssz_snappy", "");
    byte[] changed = change.apply(testCase().ssz(base));
    Files.write(dir.resolve(file), io.edvt.infrastructure.io.SnappyFiles.compressBlock(changed));
    return this;
  }
}

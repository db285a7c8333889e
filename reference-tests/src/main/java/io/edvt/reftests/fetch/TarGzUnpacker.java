package io.edvt.reftests.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a {@code .tar.gz} (PAX and GNU long names) into a folder, reading it to the end, so a
 * truncated or corrupt archive fails (gzip CRC and length, tar headers) instead of leaving a partial
 * tree that looks complete. Entries may not leave the target folder.
 */
final class TarGzUnpacker {
  private TarGzUnpacker() {}

  static void unpack(Path archive, Path into, String name) {
    Path root = into.toAbsolutePath().normalize();
    int files = 0;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        GZIPInputStream gzip = new GZIPInputStream(raw, 1 << 16);
        TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new VectorFetcher.FetchException(name + ": entry '" + entry.getName() + "' points outside " + root);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          files++;
        }
      }
      // the gzip trailer (CRC and length) is only checked once the stream is read to its end
      while (gzip.read() >= 0) {
        // tar padding after the end-of-archive blocks
      }
    } catch (VectorFetcher.FetchException e) {
      throw e;
    } catch (IOException e) {
      throw new VectorFetcher.FetchException(name + ": not a complete .tar.gz (" + firstLine(e) + "); delete "
          + archive + " and run ./edvt fetch-vectors again");
    }
    if (files == 0) {
      throw new VectorFetcher.FetchException(name + ": the archive holds no files");
    }
  }

  private static String firstLine(IOException e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}

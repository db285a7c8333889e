package io.edvt.networking.discovery;

import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The node's persistent identity in a data directory: {@code node-key} (the secp256k1 key, hex,
 * owner-only; the discv5 node id and the libp2p peer id both come from it) and {@code enr} (the
 * last local ENR we published, so a restart keeps the sequence number and raises it when a field
 * changed). Files are replaced atomically.
 */
public final class NodeKeyStore {
  static final String KEY_FILE = "node-key";
  static final String ENR_FILE = "enr";

  private final Path dir;

  public NodeKeyStore(Path dir) {
    this.dir = dir;
  }

  /** The stored key, or a new one written first. @throws IllegalStateException if the file is corrupt */
  public Secp256k1PrivateKey loadOrCreateKey(SecureRandom random) {
    Path f = dir.resolve(KEY_FILE);
    try {
      if (Files.exists(f)) {
        String hex = Files.readString(f, StandardCharsets.US_ASCII).strip();
        try {
          return Secp256k1PrivateKey.fromRaw(HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(f + " is not a 32-byte hex secp256k1 key: " + e.getMessage(), e);
        }
      }
      Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
      write(f, HexFormat.of().formatHex(key.raw()), true);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + f, e);
    }
  }

  /** The last stored local ENR text, if any. */
  public Optional<String> loadEnr() {
    Path f = dir.resolve(ENR_FILE);
    try {
      return Files.exists(f) ? Optional.of(Files.readString(f, StandardCharsets.US_ASCII).strip()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  public void saveEnr(String enr) {
    try {
      write(dir.resolve(ENR_FILE), enr, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(ENR_FILE), e);
    }
  }

  private void write(Path f, String content, boolean secret) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, f.getFileName().toString(), ".tmp");
    try {
      if (secret) {
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system
        }
      }
      Files.writeString(tmp, content + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

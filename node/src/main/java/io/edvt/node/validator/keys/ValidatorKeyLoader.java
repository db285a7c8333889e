package io.edvt.node.validator.keys;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Finds and decrypts the keystores of {@code --validator-keys=<keystores>:<passwords>} in the two
 * layouts ethereum-package writes:
 *
 * <ul>
 *   <li>{@code teku-keys/<name>.json} with {@code teku-secrets/<name>.txt};
 *   <li>{@code keys/<0xpubkey>/voting-keystore.json} with {@code secrets/<0xpubkey>}.
 * </ul>
 *
 * A password path that is a regular file is the password of every keystore of the source. Entries of
 * the keystore folder that are neither (lock files, READMEs) are skipped. Decryption runs on a pool
 * of threads (scrypt at {@code n = 2^18} takes 256 MiB and about a second per key) with progress.
 */
public final class ValidatorKeyLoader {
  private static final System.Logger LOG = System.getLogger(ValidatorKeyLoader.class.getName());
  static final String VOTING_KEYSTORE = "voting-keystore.json";

  private ValidatorKeyLoader() {}

  /** The keystores of {@code source} with their password files, in file-name order. */
  public static List<KeystoreFile> discover(KeySource source) {
    Path dir = source.keystores();
    if (!Files.isDirectory(dir)) {
      throw new KeystoreException(dir, Files.exists(dir) ? "not a folder of keystores" : "keystore folder does not exist");
    }
    if (!Files.exists(source.passwords())) {
      throw new KeystoreException(source.passwords(), "password folder or file does not exist");
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      throw new KeystoreException(dir, "cannot list keystores: " + e.getMessage(), e);
    }
    List<KeystoreFile> found = new ArrayList<>();
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (Files.isRegularFile(entry) && name.endsWith(".json")) {
        String stem = name.substring(0, name.length() - ".json".length());
        found.add(new KeystoreFile(entry, passwordFile(source.passwords(), entry, stem + ".txt", stem)));
      } else if (Files.isDirectory(entry) && Files.isRegularFile(entry.resolve(VOTING_KEYSTORE))) {
        Path keystore = entry.resolve(VOTING_KEYSTORE);
        found.add(new KeystoreFile(keystore, passwordFile(source.passwords(), keystore, name, name + ".txt")));
      }
    }
    if (found.isEmpty()) {
      throw new KeystoreException(dir, "no keystores found (expected <name>.json or <0xpubkey>/" + VOTING_KEYSTORE + ")");
    }
    return found;
  }

  private static Path passwordFile(Path passwords, Path keystore, String name, String alternative) {
    if (Files.isRegularFile(passwords)) {
      return passwords;
    }
    Path file = passwords.resolve(name);
    if (Files.isRegularFile(file)) {
      return file;
    }
    Path other = passwords.resolve(alternative);
    if (Files.isRegularFile(other)) {
      return other;
    }
    throw new KeystoreException(keystore, "no password file " + file);
  }

  /** Reads the password in {@code file} (normalised later, as EIP-2335 says; a trailing newline goes). */
  static String readPassword(KeystoreFile keystore) {
    try {
      return Files.readString(keystore.password(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KeystoreException(keystore.password(), "cannot read password: " + e.getMessage(), e);
    }
  }

  /** Decrypts one keystore with its password file. */
  public static LoadedKey decrypt(KeystoreFile file) {
    Keystore keystore = Keystore.read(file.keystore());
    return new LoadedKey(keystore.decrypt(readPassword(file)), file.keystore());
  }

  /** {@link #discover} then {@link #decrypt} every keystore of every source on {@code threads} threads. */
  public static List<LoadedKey> load(List<KeySource> sources, int threads, LoadProgress progress) {
    List<KeystoreFile> files = new ArrayList<>();
    for (KeySource source : sources) {
      files.addAll(discover(source));
    }
    return decryptAll(files, threads, progress);
  }

  /**
   * Decrypts {@code files} in parallel, returning keys in the order of {@code files}. The first
   * failure (in that order) is thrown after every keystore was tried, with the number of others that
   * failed; each failure is also logged. Two keystores of one public key are refused.
   */
  public static List<LoadedKey> decryptAll(List<KeystoreFile> files, int threads, LoadProgress progress) {
    int total = files.size();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, total)), r -> {
      Thread t = new Thread(r, "keystore-decrypt");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<LoadedKey>> futures = new ArrayList<>(total);
      for (KeystoreFile file : files) {
        futures.add(pool.submit(() -> {
          try {
            return decrypt(file);
          } finally {
            progress.decrypted(done.incrementAndGet(), total);
          }
        }));
      }
      List<LoadedKey> keys = new ArrayList<>(total);
      List<RuntimeException> failures = new ArrayList<>();
      for (Future<LoadedKey> future : futures) {
        try {
          keys.add(future.get());
        } catch (ExecutionException e) {
          RuntimeException failure = e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
          LOG.log(System.Logger.Level.ERROR, failure.getMessage());
          failures.add(failure);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while decrypting keystores", e);
        }
      }
      if (!failures.isEmpty()) {
        RuntimeException first = failures.get(0);
        if (failures.size() == 1) {
          throw first;
        }
        Path file = first instanceof KeystoreException k ? k.file() : files.get(0).keystore();
        String problem = first.getMessage().startsWith(file + ": ") ? first.getMessage().substring(file.toString().length() + 2) : first.getMessage();
        throw new KeystoreException(file, problem + " (and " + (failures.size() - 1) + " more keystores failed, see the log)", first);
      }
      Map<BlsPublicKey, Path> seen = new HashMap<>();
      for (LoadedKey key : keys) {
        Path previous = seen.putIfAbsent(key.publicKey(), key.keystore());
        if (previous != null) {
          throw new KeystoreException(key.keystore(), "holds the same key " + key.publicKey() + " as " + previous);
        }
      }
      return keys;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Threads for decryption: the cores, but no more scrypt computations at once than fit in a
   * third of the heap at 256 MiB each (EIP-2335's {@code n = 2^18, r = 8}).
   */
  public static int defaultThreads() {
    long byMemory = Runtime.getRuntime().maxMemory() / 3 / (256L << 20);
    return (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), byMemory));
  }
}

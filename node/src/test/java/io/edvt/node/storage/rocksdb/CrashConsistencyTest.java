package io.edvt.node.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.NetworkIdentity;
import io.edvt.node.storage.StorageMetadata;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.StoreInvariants;
import io.edvt.node.storage.SyntheticChain;
import io.edvt.node.storage.kv.Column;
import io.edvt.node.storage.kv.KvChainStorage;
import io.edvt.node.storage.kv.KvReader;
import io.edvt.node.storage.kv.KvStore;
import io.edvt.node.storage.memory.InMemoryKvStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crash consistency of the RocksDB store: a child JVM ({@link CrashWriter}) writes the
 * {@link SyntheticChain}'s updates (blocks of both forks, states, competing blocks, deleted states,
 * the head, finality every epoch with its pruning) as fast as it can and is killed with SIGKILL at
 * a random moment, several times over. After each kill the database must open and hold exactly
 * what the same updates leave in an in-memory store, up to the last one the child reported
 * committed or the one after it (written, not yet reported): nothing committed is lost, no update
 * is half there, and finality is never ahead of what was committed. The invariants of
 * {@link StoreInvariants} hold, and the next child goes on writing where the last one stopped.
 *
 * <p>The normal build runs {@value #DEFAULT_KILLS} kills per storage mode. A long run:
 * {@code -Dedvt.storage.crashKills=200} (and {@code -Dedvt.storage.crashSeed=<n>} to repeat one),
 * for example {@code nice -n 10 ./edvt test -pl node -Dtest=CrashConsistencyTest
 * -Dedvt.storage.crashKills=200}; each kill prints one line.
 */
class CrashConsistencyTest {
  static final int DEFAULT_KILLS = 2;

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(StorageMode.class)
  void aDatabaseKilledWhileWritingOpensAtItsLastCommittedUpdate(StorageMode mode) throws Exception {
    int kills = Integer.getInteger("edvt.storage.crashKills", DEFAULT_KILLS);
    long seed = Long.getLong("edvt.storage.crashSeed", System.nanoTime());
    Random random = new Random(seed);
    Path dir = tmp.resolve("db");
    SyntheticChain chain = SyntheticChain.fromVectors();
    StorageOptions options = CrashWriter.options(mode);
    Model model = new Model(chain, options);

    long head = 0;
    for (int kill = 1; kill <= kills; kill++) {
      long delayMs = 50 + random.nextInt(1500);
      long started = System.nanoTime();
      Child child = Child.start(dir, mode, Long.MAX_VALUE);
      long startup = child.awaitReady();
      assertThat(startup).as("the writer starts at the head the last check saw").isEqualTo(head);
      long readyMs = (System.nanoTime() - started) / 1_000_000;
      Thread.sleep(delayMs);
      child.kill();
      long reported = Math.max(startup, child.lastCommitted());
      long checkStart = System.nanoTime();
      long recovered;
      try {
        recovered = checkRecovered(dir, chain, options, model, reported);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\nthe writer's last output:\n" + child.output(), e);
      }
      System.out.printf("crash %s %d/%d (seed %d): ready after %d ms, killed %d ms later, last reported slot %d, reopened at slot %d"
          + " (checked in %d ms)%n", mode, kill, kills, seed, readyMs, delayMs, reported, recovered,
          (System.nanoTime() - checkStart) / 1_000_000);
      head = recovered;
    }
    // and the writing goes on to the end
    long last = SyntheticChain.nextBlockSlot(head + 40);
    Child child = Child.start(dir, mode, last);
    assertThat(child.awaitExit()).as("the last child exits normally").isZero();
    assertThat(checkRecovered(dir, chain, options, model, last)).isEqualTo(last);
  }

  /** Opens the database, checks it against the model at its head and the invariants; its head slot. */
  private static long checkRecovered(Path dir, SyntheticChain chain, StorageOptions options, Model model, long reported) {
    long head;
    try (ChainStorage store = RocksDbChainStorage.open(dir, chain.versions(), NetworkIdentity.of(chain.genesis().state()), options,
        () -> fail("the database was started afresh"))) {
      head = store.block(store.head()).map(b -> b.message().slot().longValue()).orElse(0L);
      StoreInvariants.check(store);
    }
    assertThat(head).as("nothing committed is lost (reported %d)", reported).isGreaterThanOrEqualTo(reported);
    assertThat(head).as("at most the update in flight is there besides").isLessThanOrEqualTo(SyntheticChain.nextBlockSlot(reported));
    model.advanceTo(head);
    try (RocksDbKvStore raw = RocksDbKvStore.open(dir, RocksDbKvStore.listFamilies(dir), RocksDbKvStore.Access.READ_ONLY)) {
      assertSameContent(raw, model.store, head);
    } catch (org.rocksdb.RocksDBException e) {
      throw new AssertionError(e);
    }
    return head;
  }

  /** Every key and value of every column family, compared. */
  private static void assertSameContent(KvStore actual, KvStore expected, long slot) {
    try (KvReader a = actual.reader(); KvReader e = expected.reader()) {
      for (Column column : Column.values()) {
        List<String> actualEntries = entries(a, column);
        List<String> expectedEntries = entries(e, column);
        assertThat(actualEntries).as("%s after the update of slot %d", column.familyName(), slot).isEqualTo(expectedEntries);
      }
    }
  }

  private static List<String> entries(KvReader reader, Column column) {
    List<String> entries = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    reader.scan(column, null, null, (key, value) -> entries.add(hex.formatHex(key) + "=" + (value.length > 64
        ? value.length + " bytes, sha " + Integer.toHexString(java.util.Arrays.hashCode(value)) : hex.formatHex(value))));
    return entries;
  }

  /** The same updates applied to an in-memory store, advanced as far as the database got. */
  private static final class Model {
    final InMemoryKvStore store = new InMemoryKvStore();
    final SyntheticChain chain;
    final ChainStorage storage;
    long head;

    Model(SyntheticChain chain, StorageOptions options) {
      this.chain = chain;
      StorageMetadata metadata = new StorageMetadata(StorageMetadata.FORMAT_VERSION, NetworkIdentity.of(chain.genesis().state()),
          options.mode());
      KvChainStorage.initialize(store, chain.versions(), metadata, chain.genesis());
      this.storage = new KvChainStorage(store, chain.versions(), metadata, options);
    }

    void advanceTo(long slot) {
      for (long s = SyntheticChain.nextBlockSlot(head); s <= slot; s = SyntheticChain.nextBlockSlot(s)) {
        chain.batch(storage, s).commit();
        head = s;
      }
    }
  }

  /** A {@link CrashWriter} process and what it printed. */
  private static final class Child {
    private final Process process;
    private final AtomicLong lastCommitted = new AtomicLong();
    private final AtomicReference<String> ready = new AtomicReference<>();
    private final Thread reader;
    private final StringBuilder output = new StringBuilder();

    private Child(Process process) {
      this.process = process;
      this.reader = Thread.ofPlatform().daemon().start(this::read);
    }

    static Child start(Path dir, StorageMode mode, long lastSlot) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
          "-Dedvt.repository=" + io.edvt.node.cli.Vectors.repository(), "-cp", System.getProperty("java.class.path"),
          CrashWriter.class.getName(), dir.toString(), mode.name(), Long.toString(lastSlot));
      return new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void read() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.startsWith("committed ")) {
            lastCommitted.set(Long.parseLong(line.substring("committed ".length())));
          } else if (line.startsWith("ready ")) {
            ready.set(line);
          }
          synchronized (output) {
            output.append(line).append('\n');
            if (output.length() > 4000) {
              output.delete(0, output.length() - 2000);
            }
          }
        }
      } catch (IOException e) {
        // the process was killed
      }
    }

    /** Waits for {@code ready}; the head slot the writer found. */
    long awaitReady() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (ready.get() == null) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          synchronized (output) {
            fail("the writer did not start: " + output);
          }
        }
        Thread.sleep(10);
      }
      return Long.parseLong(ready.get().substring("ready ".length()));
    }

    /** SIGKILL, and waits until the process and its output are gone. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
      reader.join();
    }

    int awaitExit() throws InterruptedException {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("the writer did not finish");
      }
      reader.join();
      if (process.exitValue() != 0) {
        synchronized (output) {
          fail("the writer failed: " + output);
        }
      }
      return process.exitValue();
    }

    String output() {
      synchronized (output) {
        return output.toString();
      }
    }

    long lastCommitted() {
      return lastCommitted.get();
    }
  }
}

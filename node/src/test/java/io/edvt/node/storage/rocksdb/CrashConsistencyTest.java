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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
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
        throw new AssertionError(String.format("crash %s %d/%d (-Dedvt.storage.crashSeed=%d): killed %d ms after ready; the writer started at"
            + " slot %d, last reported slot %d:%n%s%n%s", mode, kill, kills, seed, delayMs, startup, reported, e.getMessage(),
            child.describe()), e);
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
    assertThat(child.lastCommitted()).as("the last child reports its last commit\n%s", child.describe()).isEqualTo(last);
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
    long inFlight = SyntheticChain.nextBlockSlot(reported);
    assertThat(head).as("nothing committed is lost: opened at slot %d, last reported slot %d (allowed %d or %d)", head, reported,
        reported, inFlight).isGreaterThanOrEqualTo(reported);
    assertThat(head).as("at most the update in flight is there besides: opened at slot %d, last reported slot %d (allowed %d or %d)",
        head, reported, reported, inFlight).isLessThanOrEqualTo(inFlight);
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

  /**
   * A {@link CrashWriter} process and what it printed. Its reports are read from its stdout to the
   * end, after it died too: the pipe holds every line it wrote before the kill, and a reader thread
   * that the scheduler runs late (a loaded machine) may not have read the last ones yet. So the
   * process is killed through its {@link ProcessHandle}, never with {@link Process#destroyForcibly()},
   * which also closes our end of the pipe and throws those reports away. Its stderr is kept apart,
   * so that nothing it prints there can break a report line.
   */
  private static final class Child {
    private static final int KEPT_LINES = 20;

    private final Process process;
    private final AtomicLong lastCommitted = new AtomicLong();
    private final AtomicLong reports = new AtomicLong();
    private final AtomicReference<String> ready = new AtomicReference<>();
    private final AtomicReference<Throwable> readFailure = new AtomicReference<>();
    private final Lines stdout = new Lines();
    private final Lines stderr = new Lines();
    private final Thread outReader;
    private final Thread errReader;

    private Child(Process process) {
      this.process = process;
      this.outReader = Thread.ofPlatform().daemon().name("crash-writer-stdout").start(() -> read(process.getInputStream(), stdout, true));
      this.errReader = Thread.ofPlatform().daemon().name("crash-writer-stderr").start(() -> read(process.getErrorStream(), stderr, false));
    }

    static Child start(Path dir, StorageMode mode, long lastSlot) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
          "-Dedvt.repository=" + io.edvt.node.cli.Vectors.repository(), "-cp", System.getProperty("java.class.path"),
          CrashWriter.class.getName(), dir.toString(), mode.name(), Long.toString(lastSlot));
      return new Child(new ProcessBuilder(command).start());
    }

    private void read(InputStream stream, Lines lines, boolean reportsHere) {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          lines.add(line);
          if (!reportsHere) {
            continue;
          }
          if (line.startsWith("committed ")) {
            lastCommitted.set(Long.parseLong(line.substring("committed ".length())));
            reports.incrementAndGet();
          } else if (line.startsWith("ready ")) {
            ready.set(line);
          }
        }
      } catch (IOException | RuntimeException e) {
        // not the kill (the pipe ends with the process): the reports after this line are unknown
        readFailure.compareAndSet(null, e);
      }
    }

    /** Waits for {@code ready}; the head slot the writer found. */
    long awaitReady() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (ready.get() == null) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          kill();
          fail("the writer did not start\n" + describe());
        }
        Thread.sleep(10);
      }
      return Long.parseLong(ready.get().substring("ready ".length()));
    }

    /**
     * SIGKILL, and waits until the process is gone and all it printed is read; fails if its stdout
     * could not be read to the end (then {@link #lastCommitted} may be behind what it committed).
     */
    void kill() throws InterruptedException {
      process.toHandle().destroyForcibly(); // the signal only: our end of the pipe stays open
      process.waitFor();
      awaitOutput();
    }

    int awaitExit() throws InterruptedException {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        kill();
        fail("the writer did not finish\n" + describe());
      }
      awaitOutput();
      if (process.exitValue() != 0) {
        fail("the writer failed\n" + describe());
      }
      return process.exitValue();
    }

    private void awaitOutput() throws InterruptedException {
      outReader.join();
      errReader.join();
      if (readFailure.get() != null) {
        throw new AssertionError("the writer's output could not be read to its end\n" + describe(), readFailure.get());
      }
    }

    long lastCommitted() {
      return lastCommitted.get();
    }

    /** The writer's pid, exit, report count and last lines of stdout and stderr, for a failure message. */
    String describe() {
      String exit = process.isAlive() ? "running" : "exit code " + process.exitValue();
      return "the writer (pid " + process.pid() + ", " + exit + ") reported " + reports.get() + " commits, the last slot "
          + lastCommitted.get() + "; its stdout (" + stdout.describe() + "):\n" + stdout.text()
          + "its stderr (" + stderr.describe() + ")" + (stderr.count() == 0 ? "" : ":\n" + stderr.text());
    }
  }

  /** The last lines of a stream, and how many there were. */
  private static final class Lines {
    private final ArrayDeque<String> last = new ArrayDeque<>();
    private long count;

    synchronized void add(String line) {
      count++;
      last.addLast(line);
      if (last.size() > Child.KEPT_LINES) {
        last.removeFirst();
      }
    }

    synchronized long count() {
      return count;
    }

    synchronized String describe() {
      return count + " lines" + (count > last.size() ? ", the last " + last.size() : "");
    }

    synchronized String text() {
      StringBuilder text = new StringBuilder();
      last.forEach(line -> text.append("  ").append(line).append('\n'));
      return text.toString();
    }
  }
}

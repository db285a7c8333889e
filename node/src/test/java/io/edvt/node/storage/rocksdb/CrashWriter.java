package io.edvt.node.storage.rocksdb;

import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.NetworkIdentity;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.SyntheticChain;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link CrashConsistencyTest}: opens (or creates) the chain database in a
 * folder and writes the {@link SyntheticChain}'s updates one by one from after its head up to a
 * slot, printing {@code ready <head slot>} once open and {@code committed <slot>} after each commit
 * returns, so at most one commit (the one in flight) is not reported; it stops at once if it
 * cannot print. The test kills it with SIGKILL somewhere in between.
 *
 * <p>Arguments: folder, storage mode, last slot.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    StorageOptions options = options(StorageMode.valueOf(args[1]));
    long lastSlot = Long.parseLong(args[2]);
    SyntheticChain chain = SyntheticChain.fromVectors();
    PrintStream out = System.out;
    try (ChainStorage store = RocksDbChainStorage.open(dir, chain.versions(), NetworkIdentity.of(chain.genesis().state()), options,
        chain::genesis)) {
      long head = store.block(store.head()).map(b -> b.message().slot().longValue()).orElse(0L);
      chain.root(head); // the chain's roots up to the head, so that writing starts as soon as the test is told
      report(out, "ready " + head);
      for (long slot = SyntheticChain.nextBlockSlot(head); slot <= lastSlot; slot = SyntheticChain.nextBlockSlot(slot)) {
        chain.batch(store, slot).commit();
        report(out, "committed " + slot);
      }
    }
    report(out, "done");
  }

  /**
   * Prints a line for the test. A PrintStream swallows write errors: if the line cannot reach the
   * test (its end of the pipe closed), the writer stops at once, as if killed, rather than commit
   * updates the test never hears of.
   */
  private static void report(PrintStream out, String line) {
    out.println(line);
    out.flush();
    if (out.checkError()) {
      Runtime.getRuntime().halt(3);
    }
  }

  /** The options of the test's databases: ARCHIVE with a 16-slot interval, PRUNE keeping two epochs of blocks. */
  static StorageOptions options(StorageMode mode) {
    return new StorageOptions(mode, 16, 2);
  }
}

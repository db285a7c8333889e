package io.edvt.node.chain;

import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.PubkeyIndex;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decompresses and KeyValidates the registry's public keys in the background once the chain is
 * loaded ({@link PubkeyIndex#warmUp}), so that the first full block after a restart does not pay
 * for its attesters' keys on the chain thread (about 1 s for a full mainnet block, ten times a
 * warm block). The keys go into the {@link PubkeyIndex} of the anchor state, which every state
 * fork choice derives from it shares. The work runs on daemon threads of its own, one per core:
 * the fork-join common pool (one worker on two cores) carries the tree hashing and signature
 * batches of block imports, which a minute-long warm-up must not hold.
 */
final class PublicKeyWarmUp implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PublicKeyWarmUp.class.getName());

  private final ExecutorService threads;
  private final CompletableFuture<Void> done;

  private PublicKeyWarmUp(ExecutorService threads, CompletableFuture<Void> done) {
    this.threads = threads;
    this.done = done;
  }

  /**
   * The index {@code state} and its descendants share: put into the state's caches now, so that
   * states derived from it later (the replayed blocks, fork choice's states) find the same one.
   */
  static PubkeyIndex shareIndex(BeaconState state) {
    return state.caches().get(PubkeyIndex.class, PubkeyIndex::new);
  }

  /** Starts warming every key of {@code state}'s registry into its shared index. */
  static PublicKeyWarmUp start(BeaconState state) {
    int parts = Math.max(1, Runtime.getRuntime().availableProcessors());
    AtomicInteger number = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(parts, r -> {
      Thread t = new Thread(r, "pubkey-warm-up-" + number.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    long started = System.nanoTime();
    int size = state.validators().size();
    CompletableFuture<Void> done = shareIndex(state).warmUp(new MutableBeaconState(state), threads, parts);
    done.whenComplete((ok, failure) -> {
      threads.shutdown();
      if (failure == null) {
        LOG.log(System.Logger.Level.INFO, "Public keys of {0} validators decompressed and checked in {1} ms",
            String.valueOf(size), String.valueOf((System.nanoTime() - started) / 1_000_000));
      }
    });
    return new PublicKeyWarmUp(threads, done);
  }

  /** Completes when every key of the registry is cached (exceptionally if stopped by {@link #close}). */
  CompletableFuture<Void> done() {
    return done;
  }

  /** Stops the warm-up at its next key (the node is stopping); the keys done so far stay cached. */
  @Override
  public void close() {
    threads.shutdownNow();
  }
}

package io.edvt.node.chain;

import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands the chain's events to {@link ChainEvents} listeners on a thread of its own: the chain
 * thread only enqueues (never waits for a listener), the events thread calls the listeners in
 * order. The queue is bounded ({@code capacity} events); when a listener falls that far behind,
 * further events are dropped and counted ({@link #dropped()}) rather than holding up imports or
 * filling the heap.
 */
public final class ChainEventPublisher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ChainEventPublisher.class.getName());

  private final List<ChainEvents> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService thread;
  private final AtomicLong dropped = new AtomicLong();

  public ChainEventPublisher(int capacity) {
    this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity), r -> {
      Thread t = new Thread(r, "chain-events");
      t.setDaemon(true);
      return t;
    });
  }

  /** A publisher with room for 10,000 queued events. */
  public static ChainEventPublisher create() {
    return new ChainEventPublisher(10_000);
  }

  public void subscribe(ChainEvents listener) {
    listeners.add(listener);
  }

  public void unsubscribe(ChainEvents listener) {
    listeners.remove(listener);
  }

  /** Events dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** For the pools' owners (gossip, the API): an attestation was accepted into the pool. */
  public void attestation(Attestation attestation) {
    publish(l -> l.onAttestation(attestation));
  }

  /** For the pools' owners: a voluntary exit was accepted into the pool. */
  public void voluntaryExit(SignedVoluntaryExit exit) {
    publish(l -> l.onVoluntaryExit(exit));
  }

  void publish(Consumer<ChainEvents> event) {
    try {
      thread.execute(() -> {
        for (ChainEvents listener : listeners) {
          try {
            event.accept(listener);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "chain event listener " + listener + " failed", e);
          }
        }
      });
    } catch (RejectedExecutionException e) {
      if (dropped.getAndIncrement() % 1000 == 0) {
        LOG.log(Level.WARNING, "chain events dropped: listeners are too slow ({0} so far)", dropped.get());
      }
    }
  }

  /** Completes once every event published before this call has been delivered. */
  public CompletableFuture<Void> flushed() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      thread.execute(() -> done.complete(null));
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  /** Delivers the queued events (up to 5 s), then stops. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

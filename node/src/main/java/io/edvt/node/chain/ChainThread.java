package io.edvt.node.chain;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that owns fork choice and writes the chain's storage. The fork-choice store is
 * not thread-safe and every import reads and changes it, so instead of locks every change runs
 * here, in submission order; callers get a future. Code that must run on this thread checks it
 * with {@link #checkOnThread()}, so a wiring mistake fails loudly instead of racing.
 */
public final class ChainThread implements Executor, AutoCloseable {
  private final ExecutorService executor;
  private volatile Thread thread;

  public ChainThread(String name) {
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      thread = t;
      return t;
    });
  }

  /** Runs {@code task} on the chain thread. */
  @Override
  public void execute(Runnable task) {
    executor.execute(task);
  }

  /** Runs {@code task} on the chain thread; its result or exception completes the future. */
  public <T> CompletableFuture<T> submit(Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    executor.execute(() -> {
      try {
        result.complete(task.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  public boolean isOnThread() {
    return Thread.currentThread() == thread;
  }

  /** @throws IllegalStateException when called from any other thread */
  public void checkOnThread() {
    if (!isOnThread()) {
      throw new IllegalStateException("must run on the chain thread, not " + Thread.currentThread().getName());
    }
  }

  /** Stops taking tasks, lets the queued ones finish (up to 10 s). */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

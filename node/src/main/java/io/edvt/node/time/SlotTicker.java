package io.edvt.node.time;

import java.lang.System.Logger.Level;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Calls {@code onSlot} with the slot number at the start of every slot (the hook that runs fork
 * choice's {@code on_tick}), on {@code scheduler}. Each tick re-reads the clock and schedules the
 * next one from it, so ticks do not drift and a late tick (a paused JVM) is followed by one per
 * missed slot with the slot it belongs to, never a repeat.
 */
public final class SlotTicker implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SlotTicker.class.getName());

  private final SlotClock clock;
  private final ScheduledExecutorService scheduler;
  private final LongConsumer onSlot;
  private long lastTicked = -1;
  private volatile ScheduledFuture<?> next;
  private volatile boolean closed;

  private SlotTicker(SlotClock clock, ScheduledExecutorService scheduler, LongConsumer onSlot) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.onSlot = onSlot;
  }

  /** Starts ticking: {@code onSlot} runs at once for the current slot (after genesis), then at each slot start. */
  public static SlotTicker start(SlotClock clock, ScheduledExecutorService scheduler, LongConsumer onSlot) {
    SlotTicker ticker = new SlotTicker(clock, scheduler, onSlot);
    ticker.next = scheduler.schedule(ticker::tick, 0, TimeUnit.MILLISECONDS);
    return ticker;
  }

  private void tick() {
    if (closed) {
      return;
    }
    if (!clock.isBeforeGenesis()) {
      long slot = clock.currentSlot();
      for (long s = lastTicked < 0 ? slot : lastTicked + 1; s <= slot; s++) {
        try {
          onSlot.accept(s);
        } catch (RuntimeException e) {
          LOG.log(Level.ERROR, "slot tick " + s + " failed", e);
        }
      }
      lastTicked = Math.max(lastTicked, slot);
    }
    // a millisecond past the boundary, so the clock reads the new slot when the tick runs
    next = scheduler.schedule(this::tick, clock.millisToNextSlot() + 1, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    closed = true;
    ScheduledFuture<?> pending = next;
    if (pending != null) {
      pending.cancel(false);
    }
  }
}

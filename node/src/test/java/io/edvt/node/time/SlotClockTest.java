package io.edvt.node.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlotClockTest {
  private final AtomicLong now = new AtomicLong();
  private final InstantSource time = new InstantSource() {
    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now.get());
    }
  };

  @Test
  void readsSlotsEpochsAndTheTimeIntoTheSlotFromTheInjectedTime() {
    SlotClock clock = new SlotClock(1000, 6000, 8, time);
    now.set(999_000);
    assertThat(clock.isBeforeGenesis()).isTrue();
    assertThat(clock.currentSlot()).isZero();
    assertThat(clock.millisToNextSlot()).isEqualTo(1000);
    now.set(1_000_000 + 6000L * 17 + 2500);
    assertThat(clock.isBeforeGenesis()).isFalse();
    assertThat(clock.currentSlot()).isEqualTo(17);
    assertThat(clock.currentEpoch()).isEqualTo(2);
    assertThat(clock.millisIntoSlot()).isEqualTo(2500);
    assertThat(clock.millisToNextSlot()).isEqualTo(3500);
    assertThat(clock.slotStartMillis(18)).isEqualTo(1_000_000 + 6000L * 18);
    assertThat(clock.nowSeconds().longValue()).isEqualTo(1000 + 17 * 6 + 2);
  }

  @Test
  void theTickerFiresOncePerSlotIncludingSlotsItMissed() throws Exception {
    // real time, 50 ms slots: fast enough for a test, slow enough to see each slot
    SlotClock clock = new SlotClock(System.currentTimeMillis() / 1000, 50, 8, InstantSource.system());
    List<Long> ticks = new CopyOnWriteArrayList<>();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (SlotTicker ticker = SlotTicker.start(clock, scheduler, ticks::add)) {
      // until four slots have ticked (a loaded machine may take longer than 4 x 50 ms), at most 10 s
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (ticks.size() < 4 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } finally {
      scheduler.shutdownNow();
      scheduler.awaitTermination(1, TimeUnit.SECONDS);
    }
    assertThat(ticks).hasSizeGreaterThanOrEqualTo(4);
    for (int i = 1; i < ticks.size(); i++) {
      assertThat(ticks.get(i)).as("tick %d follows tick %d", i, i - 1).isEqualTo(ticks.get(i - 1) + 1);
    }
  }
}

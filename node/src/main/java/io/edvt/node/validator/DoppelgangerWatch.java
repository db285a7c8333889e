package io.edvt.node.validator;

import java.util.function.Consumer;

/**
 * A {@link DoppelgangerGuard} at work on a duty thread, for the beacon node's own validators and
 * for the validator client alike: asked before each slot's duties, it holds them while the guard
 * watches (one log line per epoch), releases them for good once the watched epochs pass with no
 * held key seen live ({@code onRelease}), and on a detection tells {@code fatal} once and never
 * lets a duty run. {@code onEnd} runs when the watch ends either way (the liveness source may
 * stop then).
 */
public final class DoppelgangerWatch {
  private static final System.Logger LOG = System.getLogger(DoppelgangerWatch.class.getName());

  private final DoppelgangerGuard guard;
  private final Runnable onRelease;
  private final Runnable onEnd;
  private final Consumer<String> fatal;
  private volatile boolean released;
  private volatile boolean detected;
  private long lastLoggedEpoch = -1;

  public DoppelgangerWatch(DoppelgangerGuard guard, Runnable onRelease, Runnable onEnd, Consumer<String> fatal) {
    this.guard = guard;
    this.onRelease = onRelease;
    this.onEnd = onEnd;
    this.fatal = fatal;
  }

  /** Whether the watch is over and found nothing: duties run from now on. */
  public boolean released() {
    return released;
  }

  public long releaseEpoch() {
    return guard.releaseEpoch();
  }

  /** Whether the duties of {@code slot} (in {@code epoch}) may run; on the duty thread. */
  public boolean allows(long slot, long epoch) {
    if (released) {
      return true;
    }
    if (detected) {
      return false;
    }
    switch (guard.check(epoch)) {
      case DoppelgangerGuard.Released r -> {
        released = true;
        onEnd.run();
        LOG.log(System.Logger.Level.INFO, "Doppelganger detection: no held key was seen live since epoch {0}; duties start at "
            + "slot {1}", Math.max(0, guard.releaseEpoch() - DoppelgangerGuard.EPOCHS - 1), slot);
        onRelease.run();
        return true;
      }
      case DoppelgangerGuard.Watching w -> {
        if (epoch != lastLoggedEpoch) {
          lastLoggedEpoch = epoch;
          LOG.log(System.Logger.Level.INFO, "Doppelganger detection: watching epoch {0}, no duties before epoch {1}", epoch,
              w.releaseEpoch());
        }
        return false;
      }
      case DoppelgangerGuard.Detected found -> {
        detected = true;
        onEnd.run();
        LOG.log(System.Logger.Level.ERROR, found.message());
        fatal.accept(found.message());
        return false;
      }
    }
  }
}

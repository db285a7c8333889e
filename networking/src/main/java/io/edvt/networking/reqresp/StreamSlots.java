package io.edvt.networking.reqresp;

import io.edvt.networking.transport.crypto.PeerId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts open streams per peer and method against {@code MAX_CONCURRENT_REQUESTS}: the requester
 * side queues a request until a slot is free ({@link #runWhenFree}); the responder side refuses
 * ({@link #tryAcquire}). Entries disappear when a key has nothing open or waiting.
 */
final class StreamSlots {
  private record Key(PeerId peer, String method) {}

  private static final class Slot {
    int open;
    final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  }

  private final int max;
  private final Map<Key, Slot> slots = new HashMap<>();

  StreamSlots(int max) {
    this.max = max;
  }

  /** Takes a slot if one is free. */
  synchronized boolean tryAcquire(PeerId peer, String method) {
    Slot s = slots.computeIfAbsent(new Key(peer, method), k -> new Slot());
    if (s.open >= max) {
      return false;
    }
    s.open++;
    return true;
  }

  /** Runs {@code start} now if a slot is free, else when one is released; it holds the slot. */
  void runWhenFree(PeerId peer, String method, Runnable start) {
    synchronized (this) {
      Slot s = slots.computeIfAbsent(new Key(peer, method), k -> new Slot());
      if (s.open >= max) {
        s.waiting.add(start);
        return;
      }
      s.open++;
    }
    start.run();
  }

  /** Frees a slot; the next waiting start, if any, takes it. */
  void release(PeerId peer, String method) {
    Runnable next;
    synchronized (this) {
      Key key = new Key(peer, method);
      Slot s = slots.get(key);
      if (s == null) {
        return;
      }
      next = s.waiting.poll();
      if (next == null) {
        s.open--;
        if (s.open <= 0) {
          slots.remove(key);
        }
        return;
      }
    }
    next.run();
  }

  synchronized int open(PeerId peer, String method) {
    Slot s = slots.get(new Key(peer, method));
    return s == null ? 0 : s.open;
  }
}

package io.edvt.node.api;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The {@link ChainEvents} the node publishes into: the chain calls {@link #publish} after an
 * import, the pools after accepting an operation. Subscribers are few (open event streams) and
 * publishing is frequent, hence a copy-on-write list.
 */
public final class EventHub implements ChainEvents {
  private final CopyOnWriteArrayList<Consumer<ApiEvent>> listeners = new CopyOnWriteArrayList<>();

  /** Hands {@code event} to every current subscriber, on this thread. */
  public void publish(ApiEvent event) {
    for (Consumer<ApiEvent> listener : listeners) {
      listener.accept(event);
    }
  }

  /** How many subscriptions are open (an open event stream holds one). */
  public int subscriberCount() {
    return listeners.size();
  }

  @Override
  public Subscription subscribe(Consumer<ApiEvent> listener) {
    // a distinct wrapper per subscription, so the same listener subscribed twice is removed once
    Consumer<ApiEvent> entry = listener::accept;
    listeners.add(entry);
    return () -> listeners.remove(entry);
  }
}

package io.edvt.node.api;

import java.util.function.Consumer;

/** Where the {@code events} endpoint listens. {@link EventHub} is the implementation the node uses. */
public interface ChainEvents {
  /**
   * Calls {@code listener} with every event published from now until the returned handle is
   * closed. The listener runs on the publisher's thread and must not block.
   */
  Subscription subscribe(Consumer<ApiEvent> listener);

  /** Ends a subscription; closing twice is harmless. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}

package io.edvt.networking.transport.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The protocols we accept streams for: protocol id to a factory of one {@link StreamHandler} per
 * inbound stream. Thread safe; protocols may be added or removed while connections are open (new
 * streams see the change). Identify lists {@link #protocols()}.
 */
public final class ProtocolRegistry {
  private final Map<String, Supplier<StreamHandler>> handlers = new ConcurrentHashMap<>();

  /** @throws IllegalArgumentException if the id is empty, has a newline, or is registered already */
  public void register(String protocol, Supplier<StreamHandler> handlerFactory) {
    if (protocol.isEmpty() || protocol.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("bad protocol id: '" + protocol + "'");
    }
    if (handlers.putIfAbsent(protocol, handlerFactory) != null) {
      throw new IllegalArgumentException("protocol already registered: " + protocol);
    }
  }

  public void unregister(String protocol) {
    handlers.remove(protocol);
  }

  public boolean supports(String protocol) {
    return handlers.containsKey(protocol);
  }

  /** A new handler for an inbound stream of {@code protocol}, or null when unsupported. */
  public StreamHandler newHandler(String protocol) {
    Supplier<StreamHandler> f = handlers.get(protocol);
    return f == null ? null : f.get();
  }

  public List<String> protocols() {
    return handlers.keySet().stream().sorted().toList();
  }
}

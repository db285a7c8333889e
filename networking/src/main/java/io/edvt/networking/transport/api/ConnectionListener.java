package io.edvt.networking.transport.api;

/** Connection events, on the connection's event loop. */
public interface ConnectionListener {
  default void onConnected(Connection connection) {}

  default void onDisconnected(Connection connection) {}
}

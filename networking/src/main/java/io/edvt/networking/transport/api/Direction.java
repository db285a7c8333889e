package io.edvt.networking.transport.api;

/** Who started a connection or a stream: we ({@code OUTBOUND}) or the remote ({@code INBOUND}). */
public enum Direction {
  INBOUND,
  OUTBOUND
}

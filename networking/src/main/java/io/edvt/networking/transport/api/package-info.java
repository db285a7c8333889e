/**
 * What the layers above the transport program against. A {@link io.edvt.networking.transport.api.Connection}
 * opens streams by protocol id; a {@link io.edvt.networking.transport.api.ProtocolRegistry} maps
 * protocol ids to a {@link io.edvt.networking.transport.api.StreamHandler} factory for inbound
 * streams; a {@link io.edvt.networking.transport.api.Stream} writes with backpressure
 * ({@code isWritable}, {@code onWritabilityChanged}), half-closes, resets and pauses reading;
 * {@link io.edvt.networking.transport.api.ConnectionListener} reports connections and
 * {@link io.edvt.networking.transport.api.ConnectionGate} is where connection limits go. Every
 * callback runs on the connection's event loop and must not block.
 */
package io.edvt.networking.transport.api;

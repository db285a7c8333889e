/**
 * The fork-agnostic libp2p transport: TCP on Netty, multistream-select 1.0, noise XX, yamux and
 * mplex, identify and ping, with no Ethereum knowledge. Layers above (gossip, req/resp, eth2) use
 * {@link io.edvt.networking.transport.host.Host} and the interfaces of
 * {@link io.edvt.networking.transport.api}; the other packages are the wire formats. Packages
 * depend one way: {@code encoding}, {@code crypto}, {@code multiaddr} at the bottom; then
 * {@code multistream}, {@code noise}, {@code api}; {@code mux} with {@code yamux} and
 * {@code mplex}; {@code identify}, {@code ping}, {@code tcp}; {@code host} on top.
 */
package io.edvt.networking.transport;

/**
 * The Ethereum protocols on top of the transport, for Fulu and EDVT: fork digests
 * ({@link io.edvt.networking.eth2.ForkDigests}); the req/resp methods, their responders over a
 * {@link io.edvt.networking.eth2.rpc.ChainDataSource} the node implements, and a client
 * ({@code rpc}); gossip topic names and types ({@code topics}); gossip validation, one class per
 * topic ({@code validation}, EDVT's in {@code edvt}).
 */
package io.edvt.networking.eth2;

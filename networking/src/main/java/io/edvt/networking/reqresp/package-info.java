/**
 * The req/resp domain of the consensus p2p spec, independent of any fork: one stream per request
 * on {@code /eth2/beacon_chain/req/<name>/<version>/ssz_snappy}; requests and response chunks
 * length-prefixed with an unsigned varint and compressed with the snappy framing format
 * ({@link io.edvt.networking.reqresp.SnappyFrames}, CRC32C-checked); result codes and error
 * messages; context bytes that select a chunk's type; size bounds per type capped at
 * {@code MAX_PAYLOAD_SIZE}; TTFB and response timeouts; {@code MAX_CONCURRENT_REQUESTS}; per-peer
 * token buckets per method. {@link io.edvt.networking.reqresp.ReqResp} is the engine,
 * {@link io.edvt.networking.reqresp.RpcMethod} describes a method; the Ethereum methods themselves
 * are in {@code io.edvt.networking.eth2}.
 */
package io.edvt.networking.reqresp;

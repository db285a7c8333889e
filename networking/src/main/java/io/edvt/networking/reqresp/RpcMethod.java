package io.edvt.networking.reqresp;

import io.edvt.infrastructure.ssz.SszType;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * One req/resp method, e.g. {@code beacon_blocks_by_range} version 2: its protocol id
 * {@code /eth2/beacon_chain/req/<name>/<version>/ssz_snappy}, its request type (none for
 * {@code metadata}), its response chunk types, how many chunks a request allows, whether the
 * response is exactly one chunk, and what a request costs in rate-limiter tokens.
 *
 * @param name the message name, e.g. {@code status}
 * @param version the schema version
 * @param requestType the request's SSZ type; empty when the request has no content
 * @param responseTypes the success chunks' types
 * @param maxChunks the most chunks the response to a request may have
 * @param singleChunk whether the response must be exactly one chunk (status, ping, metadata)
 * @param cost the rate-limiter tokens a request takes (1 for most, the block count for ranges)
 */
public record RpcMethod<Q, R>(
    String name,
    int version,
    Optional<SszType<Q>> requestType,
    ResponseTypes<R> responseTypes,
    ToLongFunction<Q> maxChunks,
    boolean singleChunk,
    ToLongFunction<Q> cost) {

  public static final String PREFIX = "/eth2/beacon_chain/req/";
  public static final String ENCODING = "ssz_snappy";

  public RpcMethod {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(requestType, "requestType");
    Objects.requireNonNull(responseTypes, "responseTypes");
    Objects.requireNonNull(maxChunks, "maxChunks");
    Objects.requireNonNull(cost, "cost");
    if (!name.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("method name must be letters, digits and '_': " + name);
    }
  }

  /** A method whose response is exactly one chunk and whose request costs one token. */
  public static <Q, R> RpcMethod<Q, R> singleChunk(String name, int version, Optional<SszType<Q>> requestType,
      ResponseTypes<R> responseTypes) {
    return new RpcMethod<>(name, version, requestType, responseTypes, q -> 1, true, q -> 1);
  }

  /** {@code /eth2/beacon_chain/req/<name>/<version>/ssz_snappy}. */
  public String protocolId() {
    return PREFIX + name + "/" + version + "/" + ENCODING;
  }

  /** The key rate limits and concurrency are counted under: name and version. */
  public String key() {
    return name + "/" + version;
  }

  @Override
  public String toString() {
    return protocolId();
  }
}

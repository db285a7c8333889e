package io.edvt.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.spec.SpecMilestone;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes the beacon-APIs response envelope: {@code version}, {@code execution_optimistic},
 * {@code finalized} where an endpoint has them, then {@code data}; and the
 * {@code Eth-Consensus-Version} header wherever a version is given.
 */
public final class Responses {
  public static final String CONSENSUS_VERSION = "Eth-Consensus-Version";

  private Responses() {}

  /** {@code {"data": data}}. */
  public static void data(Context ctx, JsonNode data) {
    json(ctx, 200, envelope(null, null, data));
  }

  /** The envelope of data read from the chain: {@code execution_optimistic}, {@code finalized}, {@code data}. */
  public static void chainData(Context ctx, Resolved<?> from, JsonNode data) {
    json(ctx, 200, envelope(null, from, data));
  }

  /** As {@link #chainData} with the fork's {@code version} (field and header). */
  public static void versioned(Context ctx, SpecMilestone version, Resolved<?> from, JsonNode data) {
    ctx.header(CONSENSUS_VERSION, version.forkName());
    json(ctx, 200, envelope(version, from, data));
  }

  /** An SSZ body with the fork in {@code Eth-Consensus-Version}. */
  public static void ssz(Context ctx, SpecMilestone version, byte[] bytes) {
    ctx.header(CONSENSUS_VERSION, version.forkName());
    ctx.status(200).contentType(MediaTypes.SSZ).result(bytes);
  }

  static ObjectNode envelope(SpecMilestone version, Resolved<?> from, JsonNode data) {
    ObjectNode out = ApiJson.object();
    if (version != null) {
      out.put("version", version.forkName());
    }
    if (from != null) {
      out.put("execution_optimistic", from.executionOptimistic());
      out.put("finalized", from.finalized());
    }
    out.set("data", data);
    return out;
  }

  /** Any JSON body with {@code status}. */
  public static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType(MediaTypes.JSON).result(ApiJson.bytes(body));
  }

  /** The standard error body. */
  public static void error(Context ctx, int status, String message) {
    ObjectNode body = ApiJson.object();
    body.put("code", status);
    body.put("message", message);
    json(ctx, status, body);
  }

  /**
   * A batch submission's answer (beacon-APIs' pool and validator POSTs): 200 when every item was
   * taken, else 400 with {@code failures}, one {@code {index, message}} per refused item.
   */
  public static <T> void submitted(Context ctx, List<T> items, Function<T, Optional<String>> submit) {
    ArrayNode failures = ApiJson.array();
    for (int i = 0; i < items.size(); i++) {
      Optional<String> refused = submit.apply(items.get(i));
      if (refused.isPresent()) {
        ObjectNode f = failures.addObject();
        f.put("index", i);
        f.put("message", refused.get());
      }
    }
    if (failures.isEmpty()) {
      ctx.status(200);
      return;
    }
    ObjectNode error = ApiJson.object();
    error.put("code", 400);
    error.put("message", "some items failed to publish; see failures");
    error.set("failures", failures);
    json(ctx, 400, error);
  }
}

package io.edvt.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.node.api.ApiEvent.Topic;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /eth/v1/events}: a server-sent event stream of the requested {@code topics}. The topics
 * are checked before the stream opens, so a bad one is an ordinary 400 response rather than a
 * stream that never sends anything.
 */
public final class EventsHandler {
  public static final String PATH = "/eth/v1/events";
  private static final String TAG = "Events";

  private final ChainEvents events;

  public EventsHandler(ChainEvents events) {
    this.events = events;
  }

  public void register(RouteTable routes) {
    routes.get(PATH, TAG, "server-sent events of the topics named in 'topics' ("
        + Arrays.stream(Topic.values()).map(Topic::apiName).collect(Collectors.joining(", ")) + ")", this::handle);
  }

  private void handle(Context ctx) throws Exception {
    Set<Topic> topics = topics(Params.list(ctx.queryParams("topics")));
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains(MediaTypes.EVENT_STREAM)) {
      throw new ApiException(406, "the event stream is served as " + MediaTypes.EVENT_STREAM
          + "; send Accept: " + MediaTypes.EVENT_STREAM);
    }
    new SseHandler(client -> stream(client, topics)).handle(ctx);
  }

  static Set<Topic> topics(List<String> names) {
    if (names.isEmpty()) {
      throw ApiException.badRequest("topics is required: one or more of "
          + Arrays.stream(Topic.values()).map(Topic::apiName).toList());
    }
    Set<Topic> out = EnumSet.noneOf(Topic.class);
    for (String name : names) {
      out.add(Topic.byApiName(name).orElseThrow(() -> ApiException.badRequest("topics '" + name
          + "' is not a topic this node streams: " + Arrays.stream(Topic.values()).map(Topic::apiName).toList())));
    }
    return out;
  }

  private void stream(SseClient client, Set<Topic> topics) {
    ChainEvents.Subscription subscription = events.subscribe(event -> {
      if (!topics.contains(event.topic())) {
        return;
      }
      // publishers may be several threads; one event's lines must not interleave with another's
      synchronized (client) {
        if (!client.terminated()) {
          client.sendEvent(event.topic().apiName(), new String(ApiJson.bytes(data(event)), StandardCharsets.UTF_8));
        }
      }
    });
    client.onClose(subscription::close);
    client.keepAlive();
  }

  /** The event's {@code data} object as the beacon-APIs define it per topic. */
  static JsonNode data(ApiEvent event) {
    ObjectNode o = ApiJson.object();
    switch (event) {
      case ApiEvent.Head h -> {
        o.put("slot", h.slot().toString());
        o.put("block", h.block().toHexString());
        o.put("state", h.state().toHexString());
        o.put("epoch_transition", h.epochTransition());
        o.put("previous_duty_dependent_root", h.previousDutyDependentRoot().toHexString());
        o.put("current_duty_dependent_root", h.currentDutyDependentRoot().toHexString());
        o.put("execution_optimistic", h.executionOptimistic());
      }
      case ApiEvent.Block b -> {
        o.put("slot", b.slot().toString());
        o.put("block", b.block().toHexString());
        o.put("execution_optimistic", b.executionOptimistic());
      }
      case ApiEvent.FinalizedCheckpoint f -> {
        o.put("block", f.block().toHexString());
        o.put("state", f.state().toHexString());
        o.put("epoch", f.epoch().toString());
        o.put("execution_optimistic", f.executionOptimistic());
      }
      case ApiEvent.ChainReorg r -> {
        o.put("slot", r.slot().toString());
        o.put("depth", r.depth().toString());
        o.put("old_head_block", r.oldHeadBlock().toHexString());
        o.put("new_head_block", r.newHeadBlock().toHexString());
        o.put("old_head_state", r.oldHeadState().toHexString());
        o.put("new_head_state", r.newHeadState().toHexString());
        o.put("epoch", r.epoch().toString());
        o.put("execution_optimistic", r.executionOptimistic());
      }
      case ApiEvent.AttestationReceived a -> {
        return ApiJson.of(a.attestation());
      }
      case ApiEvent.VoluntaryExitReceived v -> {
        return ApiJson.of(v.exit());
      }
    }
    return o;
  }
}

package io.edvt.node.api;

import static io.edvt.node.api.BeaconBlockApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.unsigned.UInt64;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class ServerPolicyTest {
  private final ApiFixture api = ApiFixture.get();

  @Test
  void aHeadEventPublishedThroughTheInterfaceReachesTheStream() throws Exception {
    EventHub hub = api.node.events();
    int before = hub.subscriberCount();
    HttpRequest request = HttpRequest.newBuilder(api.uri("/eth/v1/events?topics=head,finalized_checkpoint"))
        .header("Accept", "text/event-stream").GET().build();
    CompletableFuture<HttpResponse<java.io.InputStream>> response =
        api.client().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<java.io.InputStream> r = response.get(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = Thread.ofVirtual().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (Exception e) {
        lines.add("closed: " + e);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (hub.subscriberCount() == before && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(hub.subscriberCount()).isEqualTo(before + 1);
    Bytes32 block = Bytes32.repeat((byte) 0x11);
    // a block event is not subscribed to and must not arrive
    hub.publish(new ApiEvent.Block(UInt64.valueOf(41), block, false));
    hub.publish(new ApiEvent.Head(UInt64.valueOf(41), block, Bytes32.repeat((byte) 0x22), false, Bytes32.ZERO, Bytes32.ZERO, false));
    List<String> got = new ArrayList<>();
    String dataLine = null;
    while (dataLine == null) {
      String line = lines.poll(10, TimeUnit.SECONDS);
      assertThat(line).as("stream lines so far: " + got).isNotNull();
      got.add(line);
      if (line.startsWith("data:")) {
        dataLine = line;
      }
    }
    assertThat(got).contains("event: head").doesNotContain("event: block");
    JsonNode data = ApiJson.MAPPER.readTree(dataLine.substring("data:".length()).trim());
    assertThat(data.get("slot").asText()).isEqualTo("41");
    assertThat(data.get("block").asText()).isEqualTo(block.toHexString());
    assertThat(data.get("execution_optimistic").asBoolean()).isFalse();
    response.get().body().close();
    reader.interrupt();
  }

  @Test
  void unknownOrMissingTopicsAre400BeforeTheStreamOpens() {
    assertError(api.get("/eth/v1/events?topics=head,blobs", "Accept", "text/event-stream"), 400, "topics 'blobs'");
    assertError(api.get("/eth/v1/events", "Accept", "text/event-stream"), 400, "topics is required");
    assertError(api.get("/eth/v1/events?topics=head", "Accept", "application/json"), 406, "text/event-stream");
  }

  @Test
  void corsAllowsTheConfiguredOriginOnly() {
    HttpResponse<byte[]> allowed = api.get("/eth/v1/node/version", "Origin", ApiFixture.ORIGIN);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(ApiFixture.ORIGIN);
    HttpResponse<byte[]> other = api.get("/eth/v1/node/version", "Origin", "https://evil.example");
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void openApiDescriptionListsEveryServedRouteAndTheEdvtSchemas() {
    JsonNode doc = api.json(OpenApiDocument.PATH);
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    for (RouteTable.Route route : api.server.routes()) {
      assertThat(doc.get("paths").has(route.path())).as(route.path()).isTrue();
      assertThat(doc.get("paths").get(route.path()).has(route.method().name().toLowerCase())).as(route.toString()).isTrue();
    }
    assertThat(doc.get("paths").get("/edvt/v1/beacon/states/{state_id}/groups/{group_id}").get("get").get("operationId").asText())
        .isEqualTo("getStateGroup");
    assertThat(doc.get("components").get("schemas").has("Group")).isTrue();
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    try (ApiServer small = new ApiServer(ApiConfig.local(0).withMaxRequestBytes(1024), api.node).start()) {
      HttpResponse<byte[]> r = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + small.port()
          + "/eth/v1/beacon/pool/voluntary_exits")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"pad\":\"" + "x".repeat(4096) + "\"}")).build());
      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(ApiFixture.parse(r).get("code").asInt()).isEqualTo(413);
    }
  }

  @Test
  void hostsOffTheAllowlistAre403AndStarAllowsAny() throws Exception {
    try (ApiServer strict = new ApiServer(ApiConfig.local(0).withHostAllowlist(List.of("node.example")), api.node).start()) {
      HttpResponse<byte[]> r = api.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + strict.port() + "/eth/v1/node/version")).GET().build());
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(ApiFixture.parse(r).get("message").asText()).contains("host '127.0.0.1'");
    }
    try (ApiServer open = new ApiServer(ApiConfig.local(0).withHostAllowlist(List.of("*")), api.node).start()) {
      HttpResponse<byte[]> r = api.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + open.port() + "/eth/v1/node/version")).GET().build());
      assertThat(r.statusCode()).isEqualTo(200);
    }
    assertThat(HostAllowlist.hostPart("[::1]:5051")).isEqualTo("::1");
    assertThat(HostAllowlist.hostPart("localhost:5051")).isEqualTo("localhost");
  }

  @Test
  void docsAreNotServedWhenDisabledAndAStoppedServerRefusesConnections() {
    ApiServer plain = new ApiServer(ApiConfig.local(0), api.node).start();
    int port = plain.port();
    HttpResponse<byte[]> r = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + OpenApiDocument.PATH)).GET().build());
    assertThat(r.statusCode()).isEqualTo(404);
    plain.stop();
    plain.stop();
    HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fresh.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/eth/v1/node/version")).GET().build(),
        HttpResponse.BodyHandlers.discarding())).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void optimisticBlocksAreMarkedSo() {
    ApiTestChain chain = api.chain;
    StorageNodeData optimistic = StorageNodeData.of(chain, Set.of(chain.head().message().hashTreeRoot()));
    try (ApiServer s = new ApiServer(ApiConfig.local(0), optimistic).start()) {
      HttpResponse<byte[]> r = api.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + s.port() + "/eth/v1/beacon/blocks/head/root")).GET().build());
      assertThat(ApiFixture.parse(r).get("execution_optimistic").asBoolean()).isTrue();
    }
  }
}

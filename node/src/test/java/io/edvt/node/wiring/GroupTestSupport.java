package io.edvt.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.node.cli.EdvtCommand;
import io.edvt.node.config.BeaconNodeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the group operation tests share: a node's config parsed from its {@code edvt beacon-node}
 * flags, the node's API read over real HTTP, and keystore folders copied from a devnet node's keystores.
 */
final class GroupTestSupport {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String FAR_FUTURE_EPOCH = "18446744073709551615";

  private GroupTestSupport() {}

  /** The config {@code edvt beacon-node} would start with these flags. */
  static BeaconNodeConfig parse(String... args) {
    AtomicReference<BeaconNodeConfig> seen = new AtomicReference<>();
    var cli = EdvtCommand.commandLine((config, out, err) -> {
      seen.set(config);
      return 0;
    });
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).as(err.toString()).isZero();
    return seen.get();
  }

  /**
   * A folder pair ({@code keys}, {@code secrets}) under {@code dir} holding copies of the keystores
   * of {@code pubkeys} from {@code keys}/{@code secrets}, named so that file order is list order.
   */
  static Path keystoreFolder(Path keys, Path secrets, Path dir, List<String> pubkeys) throws Exception {
    Files.createDirectories(dir.resolve("keys"));
    Files.createDirectories(dir.resolve("secrets"));
    for (int i = 0; i < pubkeys.size(); i++) {
      String file = String.format("%02d", i);
      Files.copy(keys.resolve(pubkeys.get(i) + ".json"), dir.resolve("keys").resolve(file + ".json"));
      Files.copy(secrets.resolve(pubkeys.get(i) + ".txt"), dir.resolve("secrets").resolve(file + ".txt"));
    }
    return dir;
  }

  /** The {@code <keys>:<passwords>} flag value of a folder pair made by {@link #keystoreFolder}. */
  static String source(Path folder) {
    return folder.resolve("keys") + ":" + folder.resolve("secrets");
  }

  static long headSlot(int api) throws Exception {
    return json(api, "/eth/v1/beacon/headers/head").get("data").get("header").get("message").get("slot").asLong();
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(int port, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON of a 200 answer (anything else fails the test with the body). */
  static JsonNode json(int port, String path) throws Exception {
    HttpResponse<String> r = get(port, path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}

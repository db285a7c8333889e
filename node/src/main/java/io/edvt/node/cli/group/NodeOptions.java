package io.edvt.node.cli.group;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.node.api.ApiJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The flags every {@code edvt group} command shares: the node to talk to, and whether to submit at all. */
final class NodeOptions {
  @Option(names = "--beacon-node-api-endpoint", required = true, paramLabel = "<URL>",
      description = "The beacon node's REST API, e.g. http://127.0.0.1:5052.")
  String endpoint;

  @Option(names = "--dry-run", description = "Print what was signed without submitting it.")
  boolean dryRun;

  NodeApi api() {
    return new NodeApi(endpoint);
  }

  /**
   * Prints each item as JSON on {@code out} and, unless {@code --dry-run}, posts it to {@code path},
   * reporting each answer on {@code err} ({@code what} names an item); the number refused.
   */
  <T extends SszContainer> int submitEach(NodeApi api, String path, List<T> items, Function<T, String> what,
      PrintWriter out, PrintWriter err) {
    int refused = 0;
    for (T item : items) {
      JsonNode json = ApiJson.of(item);
      out.println(json.toPrettyString());
      if (dryRun) {
        continue;
      }
      NodeApi.Submitted r = api.post(path, json);
      if (r.ok()) {
        err.println("submitted " + what.apply(item));
      } else {
        err.println("the node refused " + what.apply(item) + " (" + r.status() + "): " + r.message());
        refused++;
      }
    }
    if (dryRun) {
      err.println("dry run: not submitted");
    }
    return refused;
  }
}

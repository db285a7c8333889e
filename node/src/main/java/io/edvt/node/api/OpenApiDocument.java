package io.edvt.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.node.api.RouteTable.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 description of what the server serves, built from the {@link RouteTable}: one
 * operation per registered route with its path parameters, the standard error responses, and the
 * JSON/SSZ alternatives. The standard endpoints refer to the beacon-APIs for their schemas;
 * EDVT's own are described in full by the fragment {@code edvt-openapi.json}, whose operations
 * replace the generated ones.
 */
public final class OpenApiDocument {
  /** Where the server serves the description when docs are enabled (Teku's path). */
  public static final String PATH = "/swagger-docs";
  static final String EDVT_FRAGMENT = "edvt-openapi.json";
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");

  private OpenApiDocument() {}

  public static JsonNode build(List<Route> routes, String version) {
    ObjectNode doc = ApiJson.object();
    doc.put("openapi", "3.0.3");
    ObjectNode info = doc.putObject("info");
    info.put("title", "EDVT Beacon Node API");
    info.put("version", version);
    info.put("description", "The standard Beacon API endpoints this node serves (schemas: "
        + "https://github.com/ethereum/beacon-APIs) and EDVT's own under /edvt/v1/.");
    ObjectNode paths = doc.putObject("paths");
    for (Route route : routes) {
      ObjectNode path = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
      path.set(route.method().name().toLowerCase(Locale.ROOT), operation(route));
    }
    JsonNode fragment = fragment();
    Iterator<Map.Entry<String, JsonNode>> it = fragment.get("paths").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      ObjectNode path = paths.has(e.getKey()) ? (ObjectNode) paths.get(e.getKey()) : paths.putObject(e.getKey());
      path.setAll((ObjectNode) e.getValue());
    }
    doc.set("components", fragment.get("components"));
    return doc;
  }

  private static ObjectNode operation(Route route) {
    ObjectNode op = ApiJson.object();
    op.putArray("tags").add(route.tag());
    op.put("summary", route.summary());
    op.put("operationId", route.method().name().toLowerCase(Locale.ROOT) + route.path().replaceAll("[^A-Za-z0-9]+", "_"));
    ArrayNode params = op.putArray("parameters");
    Matcher m = PATH_PARAM.matcher(route.path());
    while (m.find()) {
      ObjectNode p = params.addObject();
      p.put("name", m.group(1));
      p.put("in", "path");
      p.put("required", true);
      p.putObject("schema").put("type", "string");
    }
    ObjectNode responses = op.putObject("responses");
    ObjectNode ok = responses.putObject("200");
    ok.put("description", "success");
    ObjectNode content = ok.putObject("content");
    content.putObject(MediaTypes.JSON);
    if (route.sszResponse()) {
      content.putObject(MediaTypes.SSZ);
    }
    responses.putObject("400").put("description", "a parameter or the body is invalid; the message names it");
    if (route.path().contains("{")) {
      responses.putObject("404").put("description", "nothing with that id is known");
    }
    if (route.method().name().equals("POST")) {
      responses.putObject("415").put("description", "the body is not " + MediaTypes.JSON);
    }
    return op;
  }

  /** The EDVT fragment: its {@code paths} and {@code components.schemas}. */
  static JsonNode fragment() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(EDVT_FRAGMENT)) {
      if (in == null) {
        throw new IllegalStateException(EDVT_FRAGMENT + " is missing from the jar");
      }
      return ApiJson.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + EDVT_FRAGMENT, e);
    }
  }
}

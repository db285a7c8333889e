package io.edvt.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.node.cli.EdvtVersion;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Beacon API server: Javalin on one port, the endpoint groups' handlers, and the policies that
 * apply to every request (host allowlist, CORS, body size limit, the error shape). It only starts
 * and stops; what each endpoint does lives in its handler class.
 */
public final class ApiServer implements AutoCloseable {
  private final ApiConfig config;
  private final NodeData node;
  private final AtomicReference<List<RouteTable.Route>> routes = new AtomicReference<>(List.of());
  private Javalin app;

  public ApiServer(ApiConfig config, NodeData node) {
    this.config = config;
    this.node = node;
  }

  /**
   * Binds and starts serving.
   *
   * @throws IllegalStateException if already started
   */
  public synchronized ApiServer start() {
    if (app != null) {
      throw new IllegalStateException("the API server is already started");
    }
    app = Javalin.create(this::configure);
    app.start(config.networkInterface(), config.port());
    return this;
  }

  /** The bound port (the ephemeral one when {@link ApiConfig#port()} is 0). */
  public synchronized int port() {
    if (app == null) {
      throw new IllegalStateException("the API server is not started");
    }
    return app.port();
  }

  /** The routes served, for the description and for tests. */
  public List<RouteTable.Route> routes() {
    return routes.get();
  }

  /** Stops serving and closes open event streams; safe to call twice. */
  public synchronized void stop() {
    if (app != null) {
      app.stop();
      app = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void configure(JavalinConfig c) {
    c.startup.showJavalinBanner = false;
    c.startup.showOldJavalinVersionWarning = false;
    c.http.maxRequestSize = config.maxRequestBytes();
    c.http.defaultContentType = MediaTypes.JSON;
    if (!config.corsOrigins().isEmpty()) {
      List<String> origins = config.corsOrigins();
      c.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
        if (origins.contains("*")) {
          rule.anyHost();
        } else {
          rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
        }
      }));
    }
    HostAllowlist hosts = new HostAllowlist(config.hostAllowlist());
    c.routes.before(hosts::check);
    c.routes.exception(ApiException.class, (e, ctx) -> Responses.error(ctx, e.status(), e.getMessage()));
    c.routes.exception(HttpResponseException.class, (e, ctx) -> Responses.error(ctx, e.getStatus(), e.getMessage()));
    c.routes.exception(Exception.class, (e, ctx) -> Responses.error(ctx, 500, "internal error: " + e));
    c.routes.error(404, ctx -> unmatched(ctx, 404, "no endpoint " + ctx.method() + " " + ctx.path()));
    c.routes.error(405, ctx -> unmatched(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path()));

    RouteTable table = new RouteTable(c.routes);
    new NodeHandlers(node.network()).register(table);
    new ConfigHandlers(node.versions()).register(table);
    new BlockHandlers(node.chain(), node.versions()).register(table);
    new StateHandlers(node.chain(), node.versions()).register(table);
    new ValidatorHandlers(node.chain(), node.versions()).register(table);
    new PoolHandlers(node.pools(), node.chain(), node.versions()).register(table);
    new DebugHandlers(node.chain(), node.versions()).register(table);
    new RewardsHandlers(node.chain(), node.versions()).register(table);
    new EventsHandler(node.events()).register(table);
    new EdvtGroupHandlers(node.chain(), node.versions()).register(table);
    new ParticipationHandlers(node.chain(), node.versions()).register(table);
    node.validators().ifPresent(v -> {
      new ValidatorApiHandlers(v, node.versions()).register(table);
      new EdvtValidatorHandlers(v).register(table);
    });
    List<RouteTable.Route> served = table.routes();
    routes.set(served);
    if (config.docsEnabled()) {
      JsonNode doc = OpenApiDocument.build(served, EdvtVersion.version());
      c.routes.get(OpenApiDocument.PATH, ctx -> Responses.json(ctx, 200, doc));
    }
  }

  /** Javalin's own 404/405 (no route matched) in the standard error shape; handlers' errors are already JSON. */
  private static void unmatched(Context ctx, int status, String message) {
    String type = ctx.res().getContentType();
    if (type == null || !type.startsWith(MediaTypes.JSON)) {
      Responses.error(ctx, status, message);
    }
  }
}

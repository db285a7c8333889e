package io.edvt.node.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the handler classes register their endpoints: each goes to Javalin and into a list the
 * OpenAPI description is built from, so the description cannot name an endpoint the server does not
 * serve, nor miss one it does.
 */
public final class RouteTable {
  /**
   * One endpoint.
   *
   * @param method the HTTP method
   * @param path the path in Javalin's form ({@code {block_id}} for a path parameter)
   * @param tag the endpoint group ({@code Beacon}, {@code Node}, ...)
   * @param summary one line for the description
   * @param sszResponse whether it also answers {@code application/octet-stream}
   */
  public record Route(HandlerType method, String path, String tag, String summary, boolean sszResponse) {}

  private final RoutesConfig routes;
  private final List<Route> registered = new ArrayList<>();

  RouteTable(RoutesConfig routes) {
    this.routes = routes;
  }

  public void get(String path, String tag, String summary, Handler handler) {
    add(new Route(HandlerType.GET, path, tag, summary, false), handler);
  }

  /** A GET that can answer in SSZ too. */
  public void getWithSsz(String path, String tag, String summary, Handler handler) {
    add(new Route(HandlerType.GET, path, tag, summary, true), handler);
  }

  public void post(String path, String tag, String summary, Handler handler) {
    add(new Route(HandlerType.POST, path, tag, summary, false), handler);
  }

  /** A route served outside the table's handlers (the event stream); listed for the description only. */
  public void describe(Route route) {
    registered.add(route);
  }

  private void add(Route route, Handler handler) {
    routes.addHttpHandler(route.method(), route.path(), handler);
    registered.add(route);
  }

  public List<Route> routes() {
    return List.copyOf(registered);
  }
}

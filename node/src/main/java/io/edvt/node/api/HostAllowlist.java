package io.edvt.node.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code Host} header check (Teku's {@code --rest-api-host-allowlist}): a request naming a
 * host not on the list is refused with 403 before any handler runs. A browser page whose domain
 * an attacker re-points at 127.0.0.1 (DNS rebinding) still sends its own domain as the Host, so a
 * node bound to loopback stays out of its reach.
 */
public final class HostAllowlist {
  private final boolean any;
  private final Set<String> hosts;

  public HostAllowlist(List<String> allowed) {
    this.any = allowed.contains("*");
    this.hosts = allowed.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /** @throws ApiException 403 when the request's host is not allowed */
  public void check(Context ctx) {
    if (any) {
      return;
    }
    String header = ctx.header("Host");
    String host = header == null ? "" : hostPart(header).toLowerCase(Locale.ROOT);
    if (!hosts.contains(host)) {
      throw new ApiException(403, "host '" + host + "' is not in the API's host allowlist");
    }
  }

  /** The host of a {@code Host} header without its port ({@code [::1]:5051} is {@code ::1}). */
  static String hostPart(String header) {
    String h = header.trim();
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(1, end);
    }
    int colon = h.lastIndexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }
}

package io.edvt.node.api;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Content negotiation: which of JSON and SSZ a client accepts ({@code Accept}, 406 when neither),
 * and which body type it sent ({@code Content-Type}, 415 when the endpoint cannot read it).
 */
public final class MediaTypes {
  public static final String JSON = "application/json";
  public static final String SSZ = "application/octet-stream";
  public static final String EVENT_STREAM = "text/event-stream";

  private MediaTypes() {}

  /** What to answer in. */
  public enum Representation { JSON, SSZ }

  /**
   * The representation the {@code Accept} header prefers among JSON and (if {@code sszAllowed})
   * SSZ, by quality, JSON on a tie; JSON when there is no header.
   *
   * @throws ApiException 406 when the header accepts neither
   */
  public static Representation negotiate(Context ctx, boolean sszAllowed) {
    String accept = ctx.header("Accept");
    if (accept == null || accept.isBlank()) {
      return Representation.JSON;
    }
    double json = -1;
    double ssz = -1;
    for (String part : accept.split(",")) {
      String[] params = part.trim().split(";");
      String type = params[0].trim().toLowerCase(Locale.ROOT);
      double q = quality(params);
      if (type.equals(JSON) || type.equals("application/*") || type.equals("*/*")) {
        json = Math.max(json, q);
      }
      if (sszAllowed && (type.equals(SSZ) || type.equals("application/*") || type.equals("*/*"))) {
        ssz = Math.max(ssz, q);
      }
    }
    if (json <= 0 && ssz <= 0) {
      throw new ApiException(406, "cannot answer in any type of Accept: " + accept + " (this endpoint serves "
          + JSON + (sszAllowed ? " and " + SSZ : "") + ")");
    }
    return ssz > json ? Representation.SSZ : Representation.JSON;
  }

  private static double quality(String[] params) {
    for (int i = 1; i < params.length; i++) {
      String p = params[i].trim();
      if (p.startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  /**
   * Checks that a request body is JSON (no {@code Content-Type} is taken as JSON, as curl sends
   * none by default).
   *
   * @throws ApiException 415 for any other type
   */
  public static void requireJsonBody(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type == null || type.isBlank()) {
      return;
    }
    String base = type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!base.equals(JSON)) {
      throw new ApiException(415, "this endpoint reads " + JSON + ", not " + base);
    }
  }
}

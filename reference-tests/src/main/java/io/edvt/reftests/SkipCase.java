package io.edvt.reftests;

/** Thrown by an executor when a case cannot be run here; the reason is reported, never counted as a pass. */
public final class SkipCase extends RuntimeException {
  public SkipCase(String reason) {
    super(reason);
  }
}

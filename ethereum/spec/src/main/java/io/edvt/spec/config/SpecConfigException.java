package io.edvt.spec.config;

/**
 * A preset or config could not be loaded. The message names the file (or other source) and,
 * where one is at fault, the key; both are also available as fields.
 */
public final class SpecConfigException extends IllegalArgumentException {
  private final String source;
  private final String key;

  SpecConfigException(String source, String key, String message) {
    super(source + ": " + message);
    this.source = source;
    this.key = key;
  }

  SpecConfigException(String source, String key, String message, Throwable cause) {
    super(source + ": " + message, cause);
    this.source = source;
    this.key = key;
  }

  /** The file, resource or other origin of the offending input. */
  public String source() {
    return source;
  }

  /** The key at fault, or {@code null} if the problem is not about one key. */
  public String key() {
    return key;
  }
}

package io.edvt.node.config;

/**
 * A configuration the node cannot run with: a network config or genesis state that is not what
 * it must be. The message is one line naming the flag, the file and the problem.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.edvt.node.validator.keys;

import java.nio.file.Path;

/**
 * One {@code --validator-keys=<keystores>:<passwords>} value: a folder of keystores and the folder
 * (or single file) of their passwords.
 */
public record KeySource(Path keystores, Path passwords) {
  /** Parses {@code <keystores>:<passwords>}; the flag's value is named in the error. */
  public static KeySource parse(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException("--validator-keys '" + value + "' is not <keystores>:<passwords>");
    }
    return new KeySource(Path.of(value.substring(0, colon)), Path.of(value.substring(colon + 1)));
  }
}

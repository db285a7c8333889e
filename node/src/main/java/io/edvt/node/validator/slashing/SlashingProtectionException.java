package io.edvt.node.validator.slashing;

import java.nio.file.Path;

/**
 * The slashing-protection database or an interchange file cannot be used: one line starting with
 * the file, {@code <file>: <problem>}. Signing must not go on when this is thrown.
 */
public final class SlashingProtectionException extends RuntimeException {
  public SlashingProtectionException(Path file, String problem) {
    super(file + ": " + problem);
  }

  public SlashingProtectionException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}

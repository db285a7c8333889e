package io.edvt.node.validator.keys;

import java.nio.file.Path;

/**
 * A keystore or its password could not be used. The message is one line that starts with the file
 * at fault: {@code <file>: <problem>}.
 */
public final class KeystoreException extends RuntimeException {
  private final Path file;

  public KeystoreException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public KeystoreException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The file the problem is in (a keystore, or the password file of one). */
  public Path file() {
    return file;
  }
}

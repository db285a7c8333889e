package io.edvt.node.cli;

/**
 * The input of a command is not what it must be: a missing or unreadable file, bytes that are not
 * the SSZ type they should be, a malformed config. The message is one line that names the flag or
 * file and the problem; the command exits with {@link ExitCodes#USAGE} and no stack trace.
 */
public final class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}

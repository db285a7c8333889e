package io.edvt.node.cli;

/**
 * The exit codes of every {@code edvt} command, the same for all of them so scripts can rely on
 * them.
 */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;
  /**
   * The input was valid but the operation failed: a block was rejected by the state transition,
   * or (for {@code diff}) the values differ.
   */
  public static final int FAILED = 1;
  /** A usage error: an unknown or malformed flag, a missing file, input that is not what it should be. */
  public static final int USAGE = 2;
  /** A bug in the tool (an exception it did not expect); {@code --verbose} prints the stack trace. */
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}

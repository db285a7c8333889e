package io.edvt.node.cli;

import io.edvt.node.config.ConfigException;
import io.edvt.node.validator.keys.KeystoreException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * How every command reports a failure: one line on stderr, {@code edvt <command>: <problem>},
 * and an exit code from {@link ExitCodes}. Usage errors and bad input name the flag or file;
 * an unexpected exception is a bug and says so, with its stack trace under {@code --verbose}.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    String name = command.getCommandSpec().qualifiedName();
    err.println(name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')");
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    String name = command.getCommandSpec().qualifiedName();
    boolean verbose = isVerbose(parsed);
    // a keystore or password file that cannot be used (a missing folder, a wrong password) is bad input
    if (e instanceof InputException || e instanceof ConfigException || e instanceof KeystoreException) {
      err.println(name + ": " + oneLine(e.getMessage()));
      if (verbose && e.getCause() != null) {
        err.print(stackTrace(e));
      }
      return ExitCodes.USAGE;
    }
    err.println(name + ": internal error (a bug in edvt, please report it): " + oneLine(e.toString())
        + (verbose ? "" : " (run with --verbose for the stack trace)"));
    if (verbose) {
      err.print(stackTrace(e));
    }
    return ExitCodes.INTERNAL;
  }

  /** Whether {@code --verbose} was given at any level of the command line. */
  static boolean isVerbose(ParseResult parsed) {
    for (ParseResult r = parsed; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static String oneLine(String message) {
    return message == null ? "(no message)" : message.replace('\n', ' ').replace('\r', ' ').strip();
  }

  private static String stackTrace(Throwable e) {
    StringWriter s = new StringWriter();
    e.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}

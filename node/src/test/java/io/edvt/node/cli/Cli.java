package io.edvt.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

/** Runs {@code edvt} in-process as a user would, through picocli, with stdout and stderr captured. */
public final class Cli {
  /**
   * What one run printed and returned.
   *
   * @param exitCode the exit code
   * @param out everything printed on stdout
   * @param err everything printed on stderr
   */
  public record Result(int exitCode, String out, String err) {
    /** The non-empty lines of stderr. */
    public List<String> errLines() {
      return Arrays.stream(err.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    /** The non-empty lines of stdout. */
    public List<String> outLines() {
      return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    /** The same result with stdout dropped (for checks of stderr after progress lines). */
    public Result withoutStdout() {
      return new Result(exitCode, "", err);
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Cli() {}

  public static Result run(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] strings = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
    int code = EdvtMain.run(new PrintWriter(out), new PrintWriter(err), strings);
    return new Result(code, out.toString(), err.toString());
  }
}

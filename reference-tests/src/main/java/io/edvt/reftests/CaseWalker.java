package io.edvt.reftests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Lists the cases under {@code tests/<preset>/<fork>/<runner>/<handler>/<suite>/<case>/}, and what
 * does not fit that layout: a file where a folder level is expected, a folder with nothing in it, or
 * a case folder holding folders (a case one level too deep or too high would otherwise be dropped
 * or misnamed without a word).
 */
public final class CaseWalker {
  private static final int CASE_DEPTH = 6;

  private CaseWalker() {}

  /** Something under {@code tests} that is not where the layout puts it. */
  public record LayoutProblem(String path, String message) {
    /** The {@code preset/fork/runner/handler} group the problem belongs to (as far as the path goes). */
    public String group() {
      String[] parts = path.split("/");
      return String.join("/", java.util.Arrays.copyOf(parts, Math.min(parts.length, 4)));
    }
  }

  /** The cases and the layout problems found under one {@code tests} folder. */
  public record Walk(List<TestCase> cases, List<LayoutProblem> problems) {}

  /** The cases that {@code filter} keeps (problems are not filtered). */
  public static List<TestCase> cases(Path testsDir, Predicate<TestCase> filter) {
    return walk(testsDir, filter).cases();
  }

  /** Walks {@code testsDir}: the cases {@code filter} keeps, and every layout problem. */
  public static Walk walk(Path testsDir, Predicate<TestCase> filter) {
    List<TestCase> cases = new ArrayList<>();
    List<LayoutProblem> problems = new ArrayList<>();
    visit(testsDir, testsDir, 0, filter, cases, problems);
    return new Walk(cases, problems);
  }

  private static void visit(Path tests, Path dir, int depth, Predicate<TestCase> filter, List<TestCase> cases,
      List<LayoutProblem> problems) {
    List<Path> entries = list(dir);
    String rel = tests.relativize(dir).toString().replace('\\', '/');
    if (depth == CASE_DEPTH) {
      if (entries.stream().anyMatch(Files::isDirectory)) {
        problems.add(new LayoutProblem(rel, "case folder holds folders: a case nested one level too deep?"));
      }
      if (entries.stream().noneMatch(Files::isRegularFile)) {
        problems.add(new LayoutProblem(rel, "case folder has no files"));
        return;
      }
      Path[] p = new Path[CASE_DEPTH];
      Path at = dir;
      for (int i = CASE_DEPTH - 1; i >= 0; i--) {
        p[i] = at;
        at = at.getParent();
      }
      TestCase c = new TestCase(name(p[0]), name(p[1]), name(p[2]), name(p[3]), name(p[4]), name(p[5]), dir);
      if (filter.test(c)) {
        cases.add(c);
      }
      return;
    }
    List<Path> files = entries.stream().filter(Files::isRegularFile).filter(f -> !isNote(f, depth)).toList();
    if (!files.isEmpty()) {
      problems.add(new LayoutProblem(rel, files.size() + " file(s) where " + LEVELS[depth] + " folders belong (e.g. "
          + name(files.get(0)) + "): a case at the wrong depth?"));
    }
    List<Path> dirs = entries.stream().filter(Files::isDirectory).sorted().toList();
    if (dirs.isEmpty() && files.isEmpty() && depth > 0) {
      problems.add(new LayoutProblem(rel, "no " + LEVELS[depth] + " folders in it"));
    }
    for (Path d : dirs) {
      visit(tests, d, depth + 1, filter, cases, problems);
    }
  }

  private static final String[] LEVELS = {"preset", "fork", "runner", "handler", "suite", "case"};

  /** A hidden file anywhere, or a read-me beside the presets: files the layout allows. */
  private static boolean isNote(Path file, int depth) {
    String n = name(file);
    return n.startsWith(".") || depth == 0 && n.toLowerCase(java.util.Locale.ROOT).startsWith("readme");
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  private static List<Path> list(Path p) {
    try (Stream<Path> s = Files.list(p)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + p, e);
    }
  }
}

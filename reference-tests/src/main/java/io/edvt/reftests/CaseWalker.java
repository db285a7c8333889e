package io.edvt.reftests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Lists the cases under {@code tests/<preset>/<fork>/<runner>/<handler>/<suite>/<case>/}. */
public final class CaseWalker {
  private CaseWalker() {}

  public static List<TestCase> cases(Path testsDir, Predicate<TestCase> filter) {
    List<TestCase> out = new ArrayList<>();
    for (Path preset : dirs(testsDir)) {
      for (Path fork : dirs(preset)) {
        for (Path runner : dirs(fork)) {
          for (Path handler : dirs(runner)) {
            for (Path suite : dirs(handler)) {
              for (Path c : dirs(suite)) {
                TestCase tc = new TestCase(name(preset), name(fork), name(runner), name(handler), name(suite), name(c), c);
                if (filter.test(tc)) {
                  out.add(tc);
                }
              }
            }
          }
        }
      }
    }
    return out;
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  private static List<Path> dirs(Path p) {
    try (Stream<Path> s = Files.list(p)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + p, e);
    }
  }
}

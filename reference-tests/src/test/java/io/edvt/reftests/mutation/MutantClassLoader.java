package io.edvt.reftests.mutation;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the consensus code (the spec modules, group rules, fork choice, rewards and the
 * reference-test executors) afresh, with a directory of mutated classes ahead of the real ones;
 * everything else (the JDK, libraries, infrastructure with its native crypto) comes from the
 * parent, so native libraries stay loaded once. The spec's caches (container types shared per
 * layout, built-in configs) are static, so they too must be this loader's own. One loader per
 * mutant.
 */
final class MutantClassLoader extends URLClassLoader {
  private static final List<String> FRESH = List.of(
      "io.edvt.spec.", "io.edvt.groups.", "io.edvt.forkchoice.", "io.edvt.rewards.", "io.edvt.reftests.");

  MutantClassLoader(Path mutantClasses) throws MalformedURLException {
    super(urls(mutantClasses), MutantClassLoader.class.getClassLoader());
  }

  private static URL[] urls(Path mutantClasses) throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    urls.add(mutantClasses.toUri().toURL());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    return urls.toArray(URL[]::new);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (FRESH.stream().noneMatch(name::startsWith)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = findClass(name);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  /** {@link MutantRun#run} in this loader: its one line of verdict. */
  String runVectors(Path tests, String prefixes) throws IOException {
    try {
      // The one reflective call: MutantRun must be this loader's copy, not the test's.
      return (String) loadClass(MutantRun.class.getName())
          .getMethod("run", Path.class, String.class)
          .invoke(null, tests, prefixes);
    } catch (InvocationTargetException e) {
      throw new IOException("the mutant run failed outside any case", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot start the mutant run", e);
    }
  }
}

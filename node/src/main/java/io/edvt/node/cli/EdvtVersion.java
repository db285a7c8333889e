package io.edvt.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code edvt --version}: the build's version (from {@code version.properties}) and the Java runtime. */
public final class EdvtVersion implements IVersionProvider {
  /** The project version the jar was built from, or {@code unknown}. */
  public static String version() {
    try (InputStream in = EdvtVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "edvt " + version() + " (forks: fulu, edvt)",
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}

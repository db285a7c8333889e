package io.edvt.node.cli.beacon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --config-file}: a YAML mapping of flag names without their dashes to values, Teku's
 * format ({@code p2p-port: 9000}, {@code metrics-categories: [BEACON, JVM]} or
 * {@code "BEACON,JVM"}). Its values become the defaults of the flags, so a flag on the command
 * line wins over the file.
 *
 * <p>picocli asks for defaults after it has matched the command line, so {@code --config-file}
 * is already known when the first default is asked for; the file is read once, then.
 * Scalars are kept as written ({@code 0x8943...} stays text, not a YAML 1.1 hex number).
 */
final class ConfigFileDefaults implements IDefaultValueProvider {
  private static final YAMLFactory YAML = new YAMLFactory();

  private final CommandSpec command;
  private final Supplier<Path> file;
  private Map<String, String> values;

  /** Defaults for {@code command}'s options from the file {@code file} names when asked (none while it is null). */
  ConfigFileDefaults(CommandSpec command, Supplier<Path> file) {
    this.command = command;
    this.file = file;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    Path path = file.get();
    if (path == null || !(argSpec instanceof OptionSpec option)) {
      return null;
    }
    if (values == null) {
      values = read(path);
    }
    return values.get(option.longestName().replaceFirst("^-+", ""));
  }

  private Map<String, String> read(Path path) {
    String where = "--config-file " + path;
    Map<String, String> out = new LinkedHashMap<>();
    try (JsonParser p = YAML.createParser(Files.newInputStream(path))) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw fail(where + ": expected a mapping of flag names (without --) to values");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String key = p.currentName();
        String value = value(p, p.nextToken(), where + ": " + key);
        if (out.put(key, value) != null) {
          throw fail(where + ": " + key + " is given more than once");
        }
      }
    } catch (NoSuchFileException e) {
      throw fail(where + ": no such file");
    } catch (IOException e) {
      throw fail(where + ": not readable as YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return byOption(where, out);
  }

  /** A scalar as written, or a list of scalars joined with commas (the flags' own list form). */
  private String value(JsonParser p, JsonToken token, String where) throws IOException {
    if (token == JsonToken.START_ARRAY) {
      List<String> items = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
          throw fail(where + ": a list may hold only plain values");
        }
        items.add(p.getText());
      }
      if (items.isEmpty()) {
        // a flag's default value is text, and "" would be a list of one empty item
        throw fail(where + ": an empty list cannot be given; leave the key out for the flag's default");
      }
      return String.join(",", items);
    }
    if (token == JsonToken.START_OBJECT) {
      throw fail(where + ": expected a value or a list, not a mapping");
    }
    if (token == JsonToken.VALUE_NULL) {
      throw fail(where + ": no value");
    }
    return p.getText();
  }

  /** The file's values by their option's longest name (an alias such as data-base-path names the same option). */
  private Map<String, String> byOption(String where, Map<String, String> read) {
    TreeSet<String> unknown = new TreeSet<>();
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : read.entrySet()) {
      OptionSpec option = command.findOption("--" + e.getKey());
      if (option == null || !option.longestName().startsWith("--") || e.getKey().equals("config-file")) {
        unknown.add(e.getKey());
        continue;
      }
      if (out.put(option.longestName().substring(2), e.getValue()) != null) {
        throw fail(where + ": " + e.getKey() + " names a flag the file already set under another name");
      }
    }
    if (!unknown.isEmpty()) {
      throw fail(where + ": not a flag of " + command.qualifiedName() + ": " + String.join(", ", unknown)
          + " (keys are flag names without --, e.g. p2p-port)");
    }
    return out;
  }

  private ParameterException fail(String message) {
    return new ParameterException(command.commandLine(), message);
  }
}

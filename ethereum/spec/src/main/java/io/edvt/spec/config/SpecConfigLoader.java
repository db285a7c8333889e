package io.edvt.spec.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a {@link SpecConfig}: a network config file plus the preset its {@code PRESET_BASE}
 * names, with the keys of Fulu ({@link SpecConfigKey}) and of each {@link SpecConfigExtension}
 * asked for. Presets are always the built-in ones ({@code mainnet}, {@code minimal}) shipped as
 * resources under {@code io/edvt/spec/presets/<preset>/<fork>.yaml} (an extension's preset files
 * come from its own module); network configs are either built in
 * ({@code io/edvt/spec/configs/<network>.yaml}, plus each extension's own file of config keys) or
 * a file given by path.
 *
 * <p>Loading is strict. A key of no table is rejected, as is a preset key in a config file, a
 * config key in a preset file, or a preset key in the wrong fork's preset file. Every key must be
 * present, except that a custom config file may omit the {@linkplain ConfigKey#isLaterFork()
 * later-fork} keys, which then take the values of the built-in config of its preset base. Values
 * must have the form of their {@link ValueType}. Every failure is a {@link SpecConfigException}
 * naming the file and the key.
 */
public final class SpecConfigLoader {
  /** The presets that ship with EDVT, i.e. the valid values of {@code PRESET_BASE}. */
  public static final List<String> BUILT_IN_PRESETS = List.of("mainnet", "minimal");

  /** The network configs that ship with EDVT. */
  public static final List<String> BUILT_IN_NETWORKS = List.of("mainnet", "minimal");

  static final String OVERRIDES_SOURCE = "config overrides";
  private static final String CONFIG_RESOURCE_DIR = "io/edvt/spec/configs/";
  private static final String PRESET_RESOURCE_DIR = "io/edvt/spec/presets/";
  private static final Map<List<Object>, SpecConfig> BUILT_IN_CACHE = new ConcurrentHashMap<>();

  private SpecConfigLoader() {}

  /**
   * The built-in network {@code networkName} ({@code mainnet} or {@code minimal}) with its preset
   * and Fulu's keys only. Results are cached (configs are immutable).
   */
  public static SpecConfig load(String networkName) {
    return load(networkName, List.of());
  }

  /** The built-in network {@code networkName} with Fulu's keys and those of {@code extensions}. */
  public static SpecConfig load(String networkName, List<SpecConfigExtension> extensions) {
    if (!BUILT_IN_NETWORKS.contains(networkName)) {
      throw new SpecConfigException(
          "network '" + networkName + "'",
          null,
          "not a built-in network; known are " + BUILT_IN_NETWORKS + " (or load a config file by path)");
    }
    return BUILT_IN_CACHE.computeIfAbsent(List.of(networkName, List.copyOf(extensions)),
        k -> loadBuiltIn(networkName, extensions));
  }

  /** The built-in network {@code networkName} with {@code overrides} applied (see {@link SpecConfig#withOverrides}). */
  public static SpecConfig load(String networkName, Map<String, String> overrides) {
    return applyOverrides(load(networkName), overrides);
  }

  /**
   * A custom network config read from {@code configFile} with Fulu's keys only; its
   * {@code PRESET_BASE} selects the built-in preset.
   */
  public static SpecConfig load(Path configFile) {
    return load(configFile, List.of());
  }

  /** A custom network config read from {@code configFile}, with Fulu's keys and those of {@code extensions}. */
  public static SpecConfig load(Path configFile, List<SpecConfigExtension> extensions) {
    return build(List.of(readFile(configFile)), extensions, false, null);
  }

  /**
   * A network config file as other clients' tooling writes it, read with Fulu's keys and those of
   * {@code extensions}, and the keys of the file no table knows (in file order), which are
   * skipped. Devnet generators write one config for every client, so it carries keys of forks and
   * features this client does not have (a later fork's, a renamed key's old name); refusing them
   * would make every such devnet unusable. Everything else stays strict: a known key with a
   * malformed value, a preset key in the config, a missing key that is not a later fork's, and the
   * built-in preset files.
   */
  public static TolerantLoad loadTolerant(Path configFile, List<SpecConfigExtension> extensions) {
    List<String> unknown = new java.util.ArrayList<>();
    SpecConfig config = build(List.of(readFile(configFile)), extensions, false, unknown);
    return new TolerantLoad(config, List.copyOf(unknown));
  }

  /**
   * What {@link #loadTolerant} read.
   *
   * @param config the config, with the file's known keys and defaults for the later-fork keys it omits
   * @param unknownKeys the file's keys that no key table knows, in file order; they were skipped
   */
  public record TolerantLoad(SpecConfig config, List<String> unknownKeys) {}

  private static RawFile readFile(Path configFile) {
    String source = configFile.toString();
    try (InputStream in = Files.newInputStream(configFile)) {
      return new RawFile(RawYaml.readMapping(in, source), source);
    } catch (IOException e) {
      throw new SpecConfigException(source, null, "cannot read the file: " + e, e);
    }
  }

  /** A custom network config read from {@code configFile}, with {@code overrides} applied. */
  public static SpecConfig load(Path configFile, Map<String, String> overrides) {
    return applyOverrides(load(configFile), overrides);
  }

  /** A config file's keys as read, with where they came from. */
  private record RawFile(Map<String, Object> values, String source) {}

  private static SpecConfig loadBuiltIn(String networkName, List<SpecConfigExtension> extensions) {
    List<RawFile> files = new java.util.ArrayList<>();
    files.add(readResource(CONFIG_RESOURCE_DIR + networkName + ".yaml"));
    for (SpecConfigExtension extension : extensions) {
      files.add(readResource(extension.builtInConfigResource(networkName)));
    }
    return build(files, extensions, true, null);
  }

  private static RawFile readResource(String resource) {
    String source = "classpath:" + resource;
    try (InputStream in = SpecConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new SpecConfigException(source, null, "resource missing from the build");
      }
      return new RawFile(RawYaml.readMapping(in, source), source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  /** {@code unknownOut}: where a config file's unknown keys go, or null to reject them. */
  private static SpecConfig build(List<RawFile> configFiles, List<SpecConfigExtension> extensions, boolean builtIn,
      List<String> unknownOut) {
    List<ConfigKey> keys = SpecConfig.allKeys(extensions);
    Map<String, ConfigKey> byName = byName(keys);
    Map<ConfigKey, Object> values = new HashMap<>();
    for (RawFile file : configFiles) {
      readSection(file.values(), file.source(), Optional.empty(), byName, values, unknownOut);
    }
    String source = configFiles.get(0).source();

    String presetBase = (String) values.get(SpecConfigKey.PRESET_BASE);
    if (presetBase == null) {
      throw missing(source, SpecConfigKey.PRESET_BASE);
    }
    SpecConfig defaults = null;
    for (ConfigKey key : keys) {
      if (key.isPreset() || values.containsKey(key)) {
        continue;
      }
      if (builtIn || !key.isLaterFork()) {
        throw missing(source, key);
      }
      if (defaults == null) {
        defaults = load(presetBase, extensions);
      }
      values.put(key, defaults.get(key));
    }

    Set<String> presetFiles = new LinkedHashSet<>();
    keys.forEach(key -> key.presetFile().ifPresent(presetFiles::add));
    for (String presetFile : presetFiles) {
      RawFile preset = readResource(PRESET_RESOURCE_DIR + presetBase + "/" + presetFile);
      readSection(preset.values(), preset.source(), Optional.of(presetFile), byName, values, null);
      for (ConfigKey key : keys) {
        if (key.presetFile().equals(Optional.of(presetFile)) && !values.containsKey(key)) {
          throw missing(preset.source(), key);
        }
      }
    }
    return new SpecConfig(extensions, values);
  }

  private static Map<String, ConfigKey> byName(List<ConfigKey> keys) {
    Map<String, ConfigKey> byName = new HashMap<>();
    for (ConfigKey key : keys) {
      if (byName.put(key.name(), key) != null) {
        throw new IllegalArgumentException("two key tables define " + key.name());
      }
    }
    return byName;
  }

  /** {@link #readSection(Map, String, Optional, Map, Map, List)} rejecting unknown keys. */
  static void readSection(Map<String, Object> raw, String source, Optional<String> presetFile,
      Map<String, ConfigKey> byName, Map<ConfigKey, Object> out) {
    readSection(raw, source, presetFile, byName, out, null);
  }

  /**
   * Parses the keys of one file into {@code out}: a preset file ({@code presetFile} present) may
   * hold only that file's keys, a network config file only config keys. A key no table knows is
   * added to {@code unknownOut}, or rejected when it is null.
   */
  static void readSection(Map<String, Object> raw, String source, Optional<String> presetFile,
      Map<String, ConfigKey> byName, Map<ConfigKey, Object> out, List<String> unknownOut) {
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      String name = e.getKey();
      ConfigKey key = byName.get(name);
      if (key == null && unknownOut != null) {
        unknownOut.add(name);
        continue;
      }
      if (key == null) {
        throw new SpecConfigException(source, name, "unknown key '" + name + "'");
      }
      if (!key.presetFile().equals(presetFile)) {
        String problem;
        if (presetFile.isEmpty()) {
          problem = "is a preset key (" + key.describeSection() + ") and cannot be set in a network config";
        } else if (!key.isPreset()) {
          problem = "is a network config key and cannot be set in a preset file";
        } else {
          problem = "belongs to " + key.describeSection() + ", not the "
              + presetFile.get().replace(".yaml", "") + " preset";
        }
        throw new SpecConfigException(source, name, "key '" + name + "' " + problem);
      }
      out.put(key, parse(key, e.getValue(), source));
    }
  }

  private static Object parse(ConfigKey key, Object raw, String source) {
    try {
      return key.type().parse(raw);
    } catch (IllegalArgumentException e) {
      String shown = raw instanceof String s ? "'" + s + "'" : String.valueOf(raw);
      throw new SpecConfigException(
          source,
          key.name(),
          "malformed value for "
              + key.name()
              + ": "
              + shown
              + " ("
              + e.getMessage()
              + "); expected "
              + key.type().expectedForm());
    }
  }

  private static SpecConfigException missing(String source, ConfigKey key) {
    return new SpecConfigException(
        source, key.name(), "missing required key '" + key.name() + "' (" + key.describeSection() + ")");
  }

  static SpecConfig applyOverrides(SpecConfig base, Map<String, String> overrides) {
    if (overrides.isEmpty()) {
      return base;
    }
    Map<ConfigKey, Object> values = new HashMap<>();
    for (ConfigKey key : base.keys()) {
      values.put(key, base.get(key));
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String name = e.getKey();
      ConfigKey key = base.key(name).orElseThrow(
          () -> new SpecConfigException(OVERRIDES_SOURCE, name, "unknown key '" + name + "'"
              + (SpecConfigKey.byName(name).isEmpty() && base.extensions().isEmpty()
                  ? " (a later fork's key needs the config loaded with that fork's extension)" : "")));
      if (key == SpecConfigKey.PRESET_BASE) {
        throw new SpecConfigException(
            OVERRIDES_SOURCE,
            name,
            "PRESET_BASE cannot be overridden; load a config whose PRESET_BASE is the preset you want");
      }
      String text = e.getValue();
      Object raw = text == null ? null : RawYaml.readValue(text, OVERRIDES_SOURCE + " (" + name + ")");
      values.put(key, parse(key, raw, OVERRIDES_SOURCE));
    }
    return new SpecConfig(base.extensions(), values);
  }
}

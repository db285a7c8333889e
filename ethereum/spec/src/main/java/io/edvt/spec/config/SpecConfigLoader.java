package io.edvt.spec.config;

import io.edvt.spec.config.SpecConfigKey.Section;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a {@link SpecConfig}: a network config file plus the preset its {@code PRESET_BASE}
 * names. Presets are always the built-in ones ({@code mainnet}, {@code minimal}) shipped as
 * resources under {@code io/edvt/spec/presets/<preset>/<fork>.yaml}; network configs are either
 * built in ({@code io/edvt/spec/configs/<network>.yaml}) or a file given by path.
 *
 * <p>Loading is strict. A key not in {@link SpecConfigKey} is rejected, as is a preset key in a
 * config file, a config key in a preset file, or a preset key in the wrong fork's preset file.
 * Every key must be present, except that a custom config file may omit the
 * {@linkplain SpecConfigKey#isLaterFork() later-fork} keys, which then default to the built-in
 * config of its preset base. Values must have the form of their {@link ValueType}. Every failure
 * is a {@link SpecConfigException} naming the file and the key.
 */
public final class SpecConfigLoader {
  /** The presets that ship with EDVT, i.e. the valid values of {@code PRESET_BASE}. */
  public static final List<String> BUILT_IN_PRESETS = List.of("mainnet", "minimal");

  /** The network configs that ship with EDVT. */
  public static final List<String> BUILT_IN_NETWORKS = List.of("mainnet", "minimal");

  static final String OVERRIDES_SOURCE = "config overrides";
  private static final String CONFIG_RESOURCE_DIR = "io/edvt/spec/configs/";
  private static final String PRESET_RESOURCE_DIR = "io/edvt/spec/presets/";
  private static final Map<String, SpecConfig> BUILT_IN_CACHE = new ConcurrentHashMap<>();

  private SpecConfigLoader() {}

  /**
   * The built-in network {@code networkName} ({@code mainnet} or {@code minimal}) with its preset.
   * Results are cached (configs are immutable).
   */
  public static SpecConfig load(String networkName) {
    if (!BUILT_IN_NETWORKS.contains(networkName)) {
      throw new SpecConfigException(
          "network '" + networkName + "'",
          null,
          "not a built-in network; known are " + BUILT_IN_NETWORKS + " (or load a config file by path)");
    }
    return BUILT_IN_CACHE.computeIfAbsent(networkName, SpecConfigLoader::loadBuiltIn);
  }

  /** The built-in network {@code networkName} with {@code overrides} applied (see {@link SpecConfig#withOverrides}). */
  public static SpecConfig load(String networkName, Map<String, String> overrides) {
    return applyOverrides(load(networkName), overrides);
  }

  /**
   * A custom network config read from {@code configFile}; its {@code PRESET_BASE} selects the
   * built-in preset.
   */
  public static SpecConfig load(Path configFile) {
    String source = configFile.toString();
    Map<String, Object> raw;
    try (InputStream in = Files.newInputStream(configFile)) {
      raw = RawYaml.readMapping(in, source);
    } catch (IOException e) {
      throw new SpecConfigException(source, null, "cannot read the file: " + e, e);
    }
    return build(raw, source, false);
  }

  /** A custom network config read from {@code configFile}, with {@code overrides} applied. */
  public static SpecConfig load(Path configFile, Map<String, String> overrides) {
    return applyOverrides(load(configFile), overrides);
  }

  private static SpecConfig loadBuiltIn(String networkName) {
    String resource = CONFIG_RESOURCE_DIR + networkName + ".yaml";
    return build(readResource(resource), "classpath:" + resource, true);
  }

  private static Map<String, Object> readResource(String resource) {
    String source = "classpath:" + resource;
    try (InputStream in = SpecConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new SpecConfigException(source, null, "resource missing from the build");
      }
      return RawYaml.readMapping(in, source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  private static SpecConfig build(Map<String, Object> rawConfig, String source, boolean builtIn) {
    EnumMap<SpecConfigKey, Object> values = new EnumMap<>(SpecConfigKey.class);
    readSection(rawConfig, source, Section.CONFIG, values);

    String presetBase = (String) values.get(SpecConfigKey.PRESET_BASE);
    if (presetBase == null) {
      throw missing(source, SpecConfigKey.PRESET_BASE);
    }
    SpecConfig defaults = null;
    for (SpecConfigKey key : SpecConfigKey.values()) {
      if (key.section() != Section.CONFIG || values.containsKey(key)) {
        continue;
      }
      if (builtIn || !key.isLaterFork()) {
        throw missing(source, key);
      }
      if (defaults == null) {
        defaults = load(presetBase);
      }
      values.put(key, defaults.get(key));
    }

    for (Section section : Section.values()) {
      if (!section.isPreset()) {
        continue;
      }
      String resource = PRESET_RESOURCE_DIR + presetBase + "/" + section.presetFileName();
      String presetSource = "classpath:" + resource;
      readSection(readResource(resource), presetSource, section, values);
      for (SpecConfigKey key : SpecConfigKey.values()) {
        if (key.section() == section && !values.containsKey(key)) {
          throw missing(presetSource, key);
        }
      }
    }
    return new SpecConfig(values);
  }

  /** Parses the keys of one file, all of which must belong to {@code section}, into {@code out}. */
  static void readSection(
      Map<String, Object> raw, String source, Section section, Map<SpecConfigKey, Object> out) {
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      String name = e.getKey();
      SpecConfigKey key =
          SpecConfigKey.byName(name)
              .orElseThrow(() -> new SpecConfigException(source, name, "unknown key '" + name + "'"));
      if (key.section() != section) {
        String problem;
        if (section == Section.CONFIG) {
          problem = "is a preset key (" + key.section().describe() + ") and cannot be set in a network config";
        } else if (key.section() == Section.CONFIG) {
          problem = "is a network config key and cannot be set in a preset file";
        } else {
          problem = "belongs to " + key.section().describe() + ", not " + section.describe();
        }
        throw new SpecConfigException(source, name, "key '" + name + "' " + problem);
      }
      out.put(key, parse(key, e.getValue(), source));
    }
  }

  private static Object parse(SpecConfigKey key, Object raw, String source) {
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

  private static SpecConfigException missing(String source, SpecConfigKey key) {
    return new SpecConfigException(
        source, key.name(), "missing required key '" + key.name() + "' (" + key.section().describe() + ")");
  }

  static SpecConfig applyOverrides(SpecConfig base, Map<String, String> overrides) {
    if (overrides.isEmpty()) {
      return base;
    }
    EnumMap<SpecConfigKey, Object> values = new EnumMap<>(SpecConfigKey.class);
    for (SpecConfigKey key : SpecConfigKey.values()) {
      values.put(key, base.get(key));
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String name = e.getKey();
      SpecConfigKey key =
          SpecConfigKey.byName(name)
              .orElseThrow(
                  () -> new SpecConfigException(OVERRIDES_SOURCE, name, "unknown key '" + name + "'"));
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
    return new SpecConfig(values);
  }
}

package io.edvt.spec.edvt.config;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigExtension;
import io.edvt.spec.config.SpecConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * EDVT's config extension: its keys ({@link EdvtConfigKey}) and the files that hold their
 * built-in values, {@code ethereum/spec-extensions/presets/<preset>/edvt.yaml} and
 * {@code ethereum/spec-extensions/configs/<network>.yaml} (packaged as resources by the build).
 * The {@code load} methods give a config with Fulu's keys and EDVT's.
 */
public final class EdvtConfig implements SpecConfigExtension {
  /** The one instance. */
  public static final EdvtConfig EXTENSION = new EdvtConfig();

  private static final List<SpecConfigExtension> EXTENSIONS = List.of(EXTENSION);

  private EdvtConfig() {}

  @Override
  public String name() {
    return "edvt";
  }

  @Override
  public List<EdvtConfigKey> keys() {
    return List.of(EdvtConfigKey.values());
  }

  @Override
  public String builtInConfigResource(String network) {
    return "io/edvt/spec/edvt/configs/" + network + ".yaml";
  }

  /** The built-in network {@code network} with EDVT's keys. */
  public static SpecConfig load(String network) {
    return SpecConfigLoader.load(network, EXTENSIONS);
  }

  /** The built-in network {@code network} with EDVT's keys and {@code overrides} (Fulu's or EDVT's keys). */
  public static SpecConfig load(String network, Map<String, String> overrides) {
    return load(network).withOverrides(overrides);
  }

  /** A network config file with EDVT's keys (those it leaves out take the built-in values of its preset base). */
  public static SpecConfig load(Path configFile) {
    return SpecConfigLoader.load(configFile, EXTENSIONS);
  }

  /**
   * A network config file written for many clients (a devnet generator's), with EDVT's keys; the
   * keys no table knows are skipped and listed (see {@link SpecConfigLoader#loadTolerant}).
   */
  public static SpecConfigLoader.TolerantLoad loadTolerant(Path configFile) {
    return SpecConfigLoader.loadTolerant(configFile, EXTENSIONS);
  }
}

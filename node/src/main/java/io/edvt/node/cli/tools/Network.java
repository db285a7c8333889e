package io.edvt.node.cli.tools;

import io.edvt.node.cli.InputException;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigException;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One network an input may belong to: a config (a built-in preset, or a config file) and the fork
 * the input is of. The config, schemas and logic are built on first use, so trying an input
 * against several networks costs only the schemas it is decoded with.
 *
 * <p>A built-in preset schedules no fork after Fulu, so for an EDVT input it is used with
 * {@code EDVT_FORK_EPOCH = 0}, as the consensus-spec-tests of a fork assume; a config file's
 * schedule is used as written.
 */
final class Network {
  private final SpecMilestone fork;
  private final String name;
  private final String label;
  private final Supplier<SpecConfig> configSource;
  private SpecConfig config;
  private SchemaDefinitionsFulu schemas;
  private SpecVersions versions;

  private Network(SpecMilestone fork, String name, String label, Supplier<SpecConfig> configSource) {
    this.fork = fork;
    this.name = name;
    this.label = label;
    this.configSource = configSource;
  }

  /** {@code fork} on the built-in network {@code preset}. */
  static Network builtIn(String preset, SpecMilestone fork) {
    return new Network(fork, preset, fork.forkName() + "/" + preset, () -> fork == SpecMilestone.EDVT
        ? EdvtConfig.load(preset, Map.of("EDVT_FORK_EPOCH", "0"))
        : EdvtConfig.load(preset));
  }

  /** {@code fork} on the network of config file {@code file} (shared: one file is read once). */
  static Network configFile(Path file, Supplier<SpecConfig> loaded, SpecMilestone fork) {
    return new Network(fork, "config " + file, fork.forkName() + " (config " + file + ")", loaded);
  }

  /** Reads a network config file, with EDVT's keys. */
  static SpecConfig loadConfigFile(Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new InputException("--config " + file + ": no such file");
    }
    try {
      return EdvtConfig.load(file);
    } catch (SpecConfigException e) {
      throw new InputException("--config " + e.getMessage(), e);
    }
  }

  SpecMilestone fork() {
    return fork;
  }

  /** The network alone: {@code minimal}, or {@code config my.yaml}. */
  String name() {
    return name;
  }

  /** How messages name it: {@code edvt/minimal}, or {@code edvt (config my.yaml)}. */
  String label() {
    return label;
  }

  synchronized SpecConfig config() {
    if (config == null) {
      config = configSource.get();
    }
    return config;
  }

  /** The SSZ types of the fork on this network. */
  synchronized SchemaDefinitionsFulu schemas() {
    if (schemas == null) {
      schemas = switch (fork) {
        case FULU -> new SchemaDefinitionsFulu(config());
        case EDVT -> new SchemaDefinitionsEdvt(config());
      };
    }
    return schemas;
  }

  /** Every milestone's logic on this network. */
  synchronized SpecVersions versions() {
    if (versions == null) {
      versions = new SpecVersions(config());
    }
    return versions;
  }

  @Override
  public String toString() {
    return label;
  }
}

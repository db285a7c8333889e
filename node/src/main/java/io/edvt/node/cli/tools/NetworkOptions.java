package io.edvt.node.cli.tools;

import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --preset}, {@code --config} and {@code --fork}: which networks and forks an input may
 * be of. What is not given is detected by trying each candidate ({@link #candidates()}).
 */
public final class NetworkOptions {
  @Spec(Spec.Target.MIXEE) private CommandSpec mixee;

  @Option(names = "--preset", paramLabel = "PRESET", converter = PresetConverter.class,
      description = "Built-in preset and network: minimal or mainnet (default: detected from the input).")
  private String preset;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A network config.yaml (consensus-specs layout; its PRESET_BASE names the preset, "
          + "EDVT keys it leaves out take their built-in values, and its fork schedule is used as written).")
  private Path config;

  @Option(names = "--fork", paramLabel = "FORK", converter = ForkConverter.class,
      description = "Fork of the input: fulu or edvt (default: detected from the input).")
  private SpecMilestone fork;

  private List<Network> candidates;

  /**
   * The networks to try, most likely first: the given fork or EDVT then Fulu, on the given preset
   * or config, or on minimal then mainnet.
   */
  List<Network> candidates() {
    if (candidates == null) {
      candidates = List.copyOf(build());
    }
    return candidates;
  }

  /**
   * The networks {@code --fork} and {@code --preset} ruled out (all of them minus
   * {@link #candidates()}): tried only to tell the user what an input that fits none of the
   * candidates is instead.
   */
  List<Network> alternatives() {
    List<String> tried = candidates().stream().map(Network::label).toList();
    List<Network> out = new ArrayList<>();
    if (config != null) {
      for (SpecMilestone f : SpecMilestone.values()) {
        Network n = Network.configFile(config, () -> candidates().get(0).config(), f);
        if (!tried.contains(n.label())) {
          out.add(n);
        }
      }
      return out;
    }
    for (String p : SpecConfigLoader.BUILT_IN_PRESETS.reversed()) {
      for (SpecMilestone f : List.of(SpecMilestone.EDVT, SpecMilestone.FULU)) {
        Network n = Network.builtIn(p, f);
        if (!tried.contains(n.label())) {
          out.add(n);
        }
      }
    }
    return out;
  }

  private List<Network> build() {
    if (preset != null && config != null) {
      throw new ParameterException(mixee.commandLine(),
          "--preset and --config cannot be combined: the config file's PRESET_BASE names the preset");
    }
    List<SpecMilestone> forks = fork != null ? List.of(fork) : List.of(SpecMilestone.EDVT, SpecMilestone.FULU);
    List<Network> out = new ArrayList<>();
    if (config != null) {
      Supplier<SpecConfig> loaded = memoize(() -> Network.loadConfigFile(config));
      loaded.get(); // a malformed config is reported before any input is read
      for (SpecMilestone f : forks) {
        out.add(Network.configFile(config, loaded, f));
      }
      return out;
    }
    List<String> presets = preset != null ? List.of(preset) : SpecConfigLoader.BUILT_IN_PRESETS.reversed();
    for (String p : presets) {
      for (SpecMilestone f : forks) {
        out.add(Network.builtIn(p, f));
      }
    }
    return out;
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }

  /** {@code --preset}: a built-in preset name. */
  static final class PresetConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!SpecConfigLoader.BUILT_IN_PRESETS.contains(value)) {
        throw new TypeConversionException("'" + value + "' is not a built-in preset (" + String.join(", ",
            SpecConfigLoader.BUILT_IN_PRESETS) + "; use --config FILE for another network)");
      }
      return value;
    }
  }

  /** {@code --fork}: a fork this client runs, by its consensus-specs name. */
  static final class ForkConverter implements ITypeConverter<SpecMilestone> {
    @Override
    public SpecMilestone convert(String value) {
      return SpecMilestone.byForkName(value).orElseThrow(() -> new TypeConversionException("'" + value
          + "' is not a fork this client runs (" + String.join(", ",
              Arrays.stream(SpecMilestone.values()).map(SpecMilestone::forkName).toList()) + ")"));
    }
  }
}

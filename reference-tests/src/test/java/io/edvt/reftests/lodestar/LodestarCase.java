package io.edvt.reftests.lodestar;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigKey;
import io.edvt.spec.config.SpecConfigLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The input of one Lodestar run: the chain's config, a Fulu pre-state and the signed blocks to
 * apply in order (all as SSZ bytes), and optionally a slot to process empty slots up to after the
 * last block.
 *
 * <p>Lodestar gets the preset of {@code config} and, over its built-in chain config for that
 * preset, our fork schedule and config changes ({@link #chainConfigOverrides}); {@link LodestarRunner} then checks that every
 * other preset and config value Lodestar ran with equals ours, so a disagreement can never come
 * from a config difference.
 *
 * @param name a short name, used for the case folder under {@code target/lodestar-cases/}
 * @param config our config of the chain (its preset and fork schedule are passed on)
 * @param preState SSZ bytes of a Fulu {@code BeaconState}
 * @param blocks SSZ bytes of Fulu {@code SignedBeaconBlock}s
 * @param targetSlot if present, process empty slots up to this slot after the last block
 * @param dumpSteps root steps (0-based count of the epoch, block and slots lines) after which
 *     Lodestar also writes its state to {@code state_step_<k>.ssz} in the case folder
 */
public record LodestarCase(
    String name,
    SpecConfig config,
    byte[] preState,
    List<byte[]> blocks,
    OptionalLong targetSlot,
    List<Integer> dumpSteps) {

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

  /** The forks whose version and epoch Lodestar's config is given (all that Lodestar 1.46 knows). */
  private static final List<String> FORKS =
      List.of("ALTAIR", "BELLATRIX", "CAPELLA", "DENEB", "ELECTRA", "FULU", "GLOAS", "HEZE");

  /** Network-config keys Lodestar 1.46 does not know (networking only, no effect on the state transition). */
  private static final Set<String> NOT_IN_LODESTAR = Set.of("ATTESTATION_SUBNET_COUNT", "ATTESTATION_SUBNET_EXTRA_BITS");

  public LodestarCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(preState, "preState");
    Objects.requireNonNull(targetSlot, "targetSlot");
    if (!SAFE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("case name must match " + SAFE_NAME + ": " + name);
    }
    blocks = List.copyOf(blocks);
    dumpSteps = List.copyOf(dumpSteps);
  }

  public LodestarCase(String name, SpecConfig config, byte[] preState, List<byte[]> blocks) {
    this(name, config, preState, blocks, OptionalLong.empty(), List.of());
  }

  /** This case with empty slots processed up to {@code slot} after the last block. */
  public LodestarCase withTargetSlot(long slot) {
    return new LodestarCase(name, config, preState, blocks, OptionalLong.of(slot), dumpSteps);
  }

  /** This case, also writing Lodestar's state after the given root steps (see {@link #dumpSteps}). */
  public LodestarCase withDumpSteps(List<Integer> steps) {
    return new LodestarCase(name, config, preState, blocks, targetSlot, steps);
  }

  /** The preset name ({@code minimal}, {@code mainnet}). */
  public String preset() {
    return config.presetBase();
  }

  /**
   * The chain-config overrides written to {@code config.json}, in the consensus-specs JSON form
   * ({@link SpecConfig#toYamlMap()}): always the fork schedule (genesis fork version, every fork's
   * version and epoch, the blob schedule of Fulu's blob-parameter-only forks), plus every other
   * network-config value in which {@code config} differs from the built-in config of its preset
   * (a chain builder may shorten, say, {@code SHARD_COMMITTEE_PERIOD}). Preset values cannot be
   * passed (Lodestar compiles its presets in); {@link LodestarRunner} reports any that differ.
   */
  public static Map<String, Object> chainConfigOverrides(SpecConfig config) {
    Map<String, Object> all = config.toYamlMap();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("GENESIS_FORK_VERSION", all.get("GENESIS_FORK_VERSION"));
    for (String fork : FORKS) {
      out.put(fork + "_FORK_VERSION", all.get(fork + "_FORK_VERSION"));
      out.put(fork + "_FORK_EPOCH", all.get(fork + "_FORK_EPOCH"));
    }
    out.put("BLOB_SCHEDULE", all.get("BLOB_SCHEDULE"));
    Map<String, Object> builtIn = SpecConfigLoader.load(config.presetBase()).toYamlMap();
    for (SpecConfigKey key : SpecConfigKey.values()) {
      String k = key.name();
      if (key.section() == SpecConfigKey.Section.CONFIG
          && !NOT_IN_LODESTAR.contains(k)
          && !out.containsKey(k)
          && !all.get(k).equals(builtIn.get(k))) {
        out.put(k, all.get(k));
      }
    }
    return out;
  }
}

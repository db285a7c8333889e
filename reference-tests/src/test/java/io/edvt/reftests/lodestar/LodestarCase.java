package io.edvt.reftests.lodestar;

import io.edvt.spec.config.SpecConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The input of one Lodestar run: the chain's config, a Fulu pre-state and the signed blocks to
 * apply in order (all as SSZ bytes), and optionally a slot to process empty slots up to after the
 * last block.
 *
 * <p>Lodestar gets the preset of {@code config} and, over its built-in chain config for that
 * preset, our fork schedule ({@link #forkSchedule}); {@link LodestarRunner} then checks that every
 * other preset and config value Lodestar ran with equals ours, so a disagreement can never come
 * from a config difference.
 *
 * @param name a short name, used for the case folder under {@code target/lodestar-cases/}
 * @param config our config of the chain (its preset and fork schedule are passed on)
 * @param preState SSZ bytes of a Fulu {@code BeaconState}
 * @param blocks SSZ bytes of Fulu {@code SignedBeaconBlock}s
 * @param targetSlot if present, process empty slots up to this slot after the last block
 */
public record LodestarCase(
    String name, SpecConfig config, byte[] preState, List<byte[]> blocks, OptionalLong targetSlot) {

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

  /** The forks whose version and epoch Lodestar's config is given (all that Lodestar 1.46 knows). */
  private static final List<String> FORKS =
      List.of("ALTAIR", "BELLATRIX", "CAPELLA", "DENEB", "ELECTRA", "FULU", "GLOAS", "HEZE");

  public LodestarCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(preState, "preState");
    Objects.requireNonNull(targetSlot, "targetSlot");
    if (!SAFE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("case name must match " + SAFE_NAME + ": " + name);
    }
    blocks = List.copyOf(blocks);
  }

  public LodestarCase(String name, SpecConfig config, byte[] preState, List<byte[]> blocks) {
    this(name, config, preState, blocks, OptionalLong.empty());
  }

  /** This case with empty slots processed up to {@code slot} after the last block. */
  public LodestarCase withTargetSlot(long slot) {
    return new LodestarCase(name, config, preState, blocks, OptionalLong.of(slot));
  }

  /** The preset name ({@code minimal}, {@code mainnet}). */
  public String preset() {
    return config.presetBase();
  }

  /**
   * The chain-config overrides written to {@code config.json}: the genesis fork version, every
   * fork's version and epoch, and the blob schedule (Fulu's blob-parameter-only forks), in the
   * consensus-specs JSON form ({@link SpecConfig#toYamlMap()}).
   */
  public static Map<String, Object> forkSchedule(SpecConfig config) {
    Map<String, Object> all = config.toYamlMap();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("GENESIS_FORK_VERSION", all.get("GENESIS_FORK_VERSION"));
    for (String fork : FORKS) {
      out.put(fork + "_FORK_VERSION", all.get(fork + "_FORK_VERSION"));
      out.put(fork + "_FORK_EPOCH", all.get(fork + "_FORK_EPOCH"));
    }
    out.put("BLOB_SCHEDULE", all.get("BLOB_SCHEDULE"));
    return out;
  }
}

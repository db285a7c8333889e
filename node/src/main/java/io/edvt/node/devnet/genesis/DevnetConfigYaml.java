package io.edvt.node.devnet.genesis;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The devnet's {@code config.yaml}: the built-in minimal config (its text, comments included)
 * with every fork up to Fulu at epoch 0, the devnet's slot time, genesis time and validator count,
 * and EDVT's keys appended ({@code EDVT_FORK_EPOCH} 0 or the chosen epoch). The node's
 * {@code --network <config.yaml>} reads it strictly: no key is unknown.
 */
public final class DevnetConfigYaml {
  private static final String MINIMAL = "/io/edvt/spec/configs/minimal.yaml";

  private DevnetConfigYaml() {}

  public static String text(DevnetParameters p) {
    String base;
    try (InputStream in = SpecConfig.class.getResourceAsStream(MINIMAL)) {
      if (in == null) {
        throw new IllegalStateException("the built-in config " + MINIMAL + " is not on the classpath");
      }
      base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    values.put("CONFIG_NAME", "'edvt-devnet'");
    values.put("TERMINAL_TOTAL_DIFFICULTY", "0");
    values.put("MIN_GENESIS_ACTIVE_VALIDATOR_COUNT", Integer.toString(p.validators()));
    values.put("MIN_GENESIS_TIME", Long.toString(p.genesisTime()));
    values.put("GENESIS_DELAY", "0");
    for (String fork : new String[] {"ALTAIR", "BELLATRIX", "CAPELLA", "DENEB", "ELECTRA", "FULU"}) {
      values.put(fork + "_FORK_EPOCH", "0");
    }
    values.put("SLOT_DURATION_MS", Integer.toString(p.slotMs()));
    String text = base;
    for (Map.Entry<String, String> e : values.entrySet()) {
      Matcher m = Pattern.compile("(?m)^" + e.getKey() + ": .*$").matcher(text);
      if (!m.find()) {
        throw new IllegalStateException("the built-in minimal config has no " + e.getKey());
      }
      text = m.replaceFirst(Matcher.quoteReplacement(e.getKey() + ": " + e.getValue()));
    }
    SpecConfigEdvt edvt = SpecConfigEdvt.of(EdvtConfig.load("minimal"));
    return "# An EDVT devnet, written by `edvt genesis`: the minimal preset, every fork up to Fulu at\n"
        + "# genesis, " + p.slotMs() + " ms slots, EDVT from epoch " + p.edvtForkEpoch() + ".\n"
        + text
        + "\n# EDVT\n# ---------------------------------------------------------------\n"
        + "EDVT_FORK_VERSION: " + edvt.edvtForkVersion().toHexString() + "\n"
        + "EDVT_FORK_EPOCH: " + p.edvtForkEpoch() + "\n"
        + "GROUP_LEADER_TIMEOUT_BPS: " + edvt.groupLeaderTimeoutBps() + "\n";
  }
}

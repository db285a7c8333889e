package io.edvt.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.ConfigKey;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.SpecVersions;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/** {@code /eth/v1/config/*}: the spec values, the fork schedule and the deposit contract. */
public final class ConfigHandlers {
  private static final String TAG = "Config";

  /**
   * One scheduled fork.
   *
   * @param name the fork's config prefix ({@code GENESIS}, {@code FULU}, {@code EDVT})
   * @param version its fork version
   * @param epoch its activation epoch
   */
  record ScheduledFork(String name, Bytes version, UInt64 epoch) {}

  private final SpecVersions versions;

  public ConfigHandlers(SpecVersions versions) {
    this.versions = versions;
  }

  public void register(RouteTable routes) {
    routes.get("/eth/v1/config/spec", TAG, "every preset and config value, as text", this::spec);
    routes.get("/eth/v1/config/fork_schedule", TAG, "the scheduled forks, oldest first", this::forkSchedule);
    routes.get("/eth/v1/config/deposit_contract", TAG, "the deposit contract's chain id and address", this::depositContract);
  }

  private void spec(Context ctx) {
    Responses.data(ctx, ApiJson.tree(versions.config().toYamlMap()));
  }

  /**
   * The forks whose epoch is scheduled, by epoch: every {@code <NAME>_FORK_VERSION} with a
   * {@code <NAME>_FORK_EPOCH} short of {@code FAR_FUTURE_EPOCH}, and genesis at epoch 0. Read from
   * the config keys rather than {@code SpecMilestone}, because the schedule includes the forks
   * before Fulu, which this client does not run but whose versions a Fulu network went through.
   */
  static List<ScheduledFork> schedule(SpecConfig config) {
    List<ScheduledFork> out = new ArrayList<>();
    for (ConfigKey key : config.keys()) {
      String name = key.name();
      if (!name.endsWith("_FORK_VERSION")) {
        continue;
      }
      String fork = name.substring(0, name.length() - "_FORK_VERSION".length());
      Bytes version = (Bytes) config.get(key);
      if (fork.equals("GENESIS")) {
        out.add(new ScheduledFork(fork, version, UInt64.ZERO));
        continue;
      }
      config.key(fork + "_FORK_EPOCH").map(k -> (UInt64) config.get(k))
          .filter(epoch -> !epoch.equals(UInt64.MAX_VALUE))
          .ifPresent(epoch -> out.add(new ScheduledFork(fork, version, epoch)));
    }
    // a stable sort: forks at the same epoch keep the config's (chronological) order
    out.sort(Comparator.comparing(ScheduledFork::epoch));
    return out;
  }

  private void forkSchedule(Context ctx) {
    ArrayNode data = ApiJson.array();
    Bytes previous = null;
    for (ScheduledFork f : schedule(versions.config())) {
      ObjectNode o = data.addObject();
      o.put("previous_version", (previous == null ? f.version() : previous).toHexString());
      o.put("current_version", f.version().toHexString());
      o.put("epoch", f.epoch().toString());
      previous = f.version();
    }
    Responses.data(ctx, data);
  }

  private void depositContract(Context ctx) {
    SpecConfig config = versions.config();
    ObjectNode data = ApiJson.object();
    data.put("chain_id", config.depositChainId().toString());
    data.put("address", config.depositContractAddress().toHexString());
    Responses.data(ctx, data);
  }
}

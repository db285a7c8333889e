package io.edvt.node.cli.group;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.InputException;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * What {@code edvt group} needs to know about the node's chain to sign for it, read from the node:
 * the preset (for the SSZ types), the genesis validators root and the head state's fork version
 * (for {@code get_domain}), and the head's epoch. The head must be at or after the EDVT fork: no
 * earlier block can carry a group operation.
 */
record NodeChain(SpecVersions versions, Bytes32 genesisValidatorsRoot, Bytes forkVersion, UInt64 headEpoch) {

  static NodeChain read(NodeApi api) {
    JsonNode spec = api.data("/eth/v1/config/spec");
    String preset = spec.path("PRESET_BASE").asText("").replace("'", "");
    if (!preset.equals("minimal") && !preset.equals("mainnet")) {
      throw new InputException("the node's PRESET_BASE is '" + preset + "': only minimal and mainnet are known");
    }
    SpecVersions versions = new SpecVersions(EdvtConfig.load(preset));
    Bytes32 gvr = Bytes32.fromHexString(api.data("/eth/v1/beacon/genesis").get("genesis_validators_root").asText());
    Bytes forkVersion = Bytes.fromHexString(api.data("/eth/v1/beacon/states/head/fork").get("current_version").asText());
    String edvtVersion = spec.path("EDVT_FORK_VERSION").asText("");
    if (edvtVersion.isEmpty() || !Bytes.fromHexString(edvtVersion).equals(forkVersion)) {
      throw new InputException("the node's head is not at the EDVT fork (head fork version " + forkVersion
          + ", EDVT_FORK_VERSION " + (edvtVersion.isEmpty() ? "not configured" : edvtVersion)
          + "): group operations can be included only after it");
    }
    long slot = api.data("/eth/v1/beacon/headers/head").get("header").get("message").get("slot").asLong();
    UInt64 epoch = UInt64.valueOf(slot / versions.config().slotsPerEpoch());
    return new NodeChain(versions, gvr, forkVersion, epoch);
  }

  /** The index of the validator whose own key is {@code pubkey}, in the node's head state. */
  static UInt64 validatorIndex(NodeApi api, Bytes48 pubkey) {
    return UInt64.valueOf(api.data("/eth/v1/beacon/states/head/validators/" + pubkey.toHexString()).get("index").asText());
  }
}

package io.edvt.node.validator.slashing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.unsigned.UInt64;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The EIP-3076 interchange format (version 5): the genesis validators root and, per public key, the
 * signed blocks and attestations. The same type holds the complete form (every signed message) and
 * the minimal form (per key the highest block and one attestation with the highest source and
 * target).
 */
public record Interchange(Bytes32 genesisValidatorsRoot, List<KeyData> data) {
  public static final String FORMAT_VERSION = "5";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One key's signed messages. */
  public record KeyData(Bytes48 pubkey, List<SignedBlockRecord> signedBlocks, List<SignedAttestationRecord> signedAttestations) {}

  /** Reads an interchange file; every malformed field is one line naming the file and the field. */
  public static Interchange read(Path file) {
    try {
      return parse(file, JSON.readTree(Files.readString(file)));
    } catch (IOException e) {
      throw new SlashingProtectionException(file, "cannot read the interchange file: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  /** Parses interchange JSON; {@code file} names it in errors. */
  public static Interchange parse(Path file, JsonNode root) {
    Reader r = new Reader(file);
    JsonNode metadata = r.object(root, "metadata", "metadata");
    String version = r.text(metadata, "interchange_format_version", "metadata.interchange_format_version");
    if (!version.equals(FORMAT_VERSION)) {
      throw new SlashingProtectionException(file, "metadata.interchange_format_version '" + version + "' is not supported (5)");
    }
    Bytes32 gvr = Bytes32.wrap(r.hex(metadata, "genesis_validators_root", "metadata.genesis_validators_root", 32));
    JsonNode data = root.get("data");
    if (data == null || !data.isArray()) {
      throw new SlashingProtectionException(file, "data is missing or not a list");
    }
    List<KeyData> keys = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      String at = "data[" + i + "]";
      JsonNode entry = data.get(i);
      Bytes48 pubkey = Bytes48.wrap(r.hex(entry, "pubkey", at + ".pubkey", 48));
      List<SignedBlockRecord> blocks = new ArrayList<>();
      JsonNode signedBlocks = r.array(entry, "signed_blocks", at);
      for (int j = 0; j < signedBlocks.size(); j++) {
        String path = at + ".signed_blocks[" + j + "]";
        JsonNode b = signedBlocks.get(j);
        blocks.add(new SignedBlockRecord(r.uint64(b, "slot", path + ".slot"), r.optionalRoot(b, path)));
      }
      List<SignedAttestationRecord> attestations = new ArrayList<>();
      JsonNode signedAttestations = r.array(entry, "signed_attestations", at);
      for (int j = 0; j < signedAttestations.size(); j++) {
        String path = at + ".signed_attestations[" + j + "]";
        JsonNode a = signedAttestations.get(j);
        attestations.add(new SignedAttestationRecord(r.uint64(a, "source_epoch", path + ".source_epoch"),
            r.uint64(a, "target_epoch", path + ".target_epoch"), r.optionalRoot(a, path)));
      }
      keys.add(new KeyData(pubkey, blocks, attestations));
    }
    return new Interchange(gvr, keys);
  }

  /** The interchange as JSON (integers as decimal strings, bytes as 0x hex). */
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("interchange_format_version", FORMAT_VERSION);
    metadata.put("genesis_validators_root", genesisValidatorsRoot.toHexString());
    ArrayNode array = root.putArray("data");
    for (KeyData key : data) {
      ObjectNode entry = array.addObject();
      entry.put("pubkey", key.pubkey().toHexString());
      ArrayNode blocks = entry.putArray("signed_blocks");
      for (SignedBlockRecord b : key.signedBlocks()) {
        ObjectNode node = blocks.addObject().put("slot", b.slot().toString());
        b.signingRoot().ifPresent(root32 -> node.put("signing_root", root32.toHexString()));
      }
      ArrayNode attestations = entry.putArray("signed_attestations");
      for (SignedAttestationRecord a : key.signedAttestations()) {
        ObjectNode node = attestations.addObject()
            .put("source_epoch", a.sourceEpoch().toString())
            .put("target_epoch", a.targetEpoch().toString());
        a.signingRoot().ifPresent(root32 -> node.put("signing_root", root32.toHexString()));
      }
    }
    return root;
  }

  /** Writes the JSON to {@code file}. */
  public void write(Path file) {
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
    } catch (IOException e) {
      throw new SlashingProtectionException(file, "cannot write the interchange file: " + e.getMessage(), e);
    }
  }

  private record Reader(Path file) {
    JsonNode object(JsonNode parent, String name, String path) {
      JsonNode node = parent == null ? null : parent.get(name);
      if (node == null || !node.isObject()) {
        throw new SlashingProtectionException(file, path + " is missing or not an object");
      }
      return node;
    }

    JsonNode array(JsonNode parent, String name, String at) {
      JsonNode node = parent.get(name);
      if (node == null || node.isNull()) {
        return JSON.createArrayNode(); // both lists are optional in practice
      }
      if (!node.isArray()) {
        throw new SlashingProtectionException(file, at + "." + name + " is not a list");
      }
      return node;
    }

    String text(JsonNode parent, String name, String path) {
      JsonNode node = parent.get(name);
      if (node == null || !node.isTextual()) {
        throw new SlashingProtectionException(file, path + " is missing or not a string");
      }
      return node.asText();
    }

    Bytes hex(JsonNode parent, String name, String path, int size) {
      String text = text(parent, name, path);
      Bytes bytes;
      try {
        bytes = Bytes.fromHexString(text);
      } catch (IllegalArgumentException e) {
        throw new SlashingProtectionException(file, path + " '" + text + "' is not hex");
      }
      if (bytes.size() != size) {
        throw new SlashingProtectionException(file, path + " has " + bytes.size() + " bytes, expected " + size);
      }
      return bytes;
    }

    UInt64 uint64(JsonNode parent, String name, String path) {
      JsonNode node = parent.get(name);
      if (node == null || !(node.isTextual() || node.isIntegralNumber())) {
        throw new SlashingProtectionException(file, path + " is missing or not a decimal string");
      }
      try {
        return UInt64.valueOf(node.asText());
      } catch (RuntimeException e) {
        throw new SlashingProtectionException(file, path + " '" + node.asText() + "' is not a uint64");
      }
    }

    Optional<Bytes32> optionalRoot(JsonNode parent, String path) {
      JsonNode node = parent.get("signing_root");
      if (node == null || node.isNull()) {
        return Optional.empty();
      }
      return Optional.of(Bytes32.wrap(hex(parent, "signing_root", path + ".signing_root", 32)));
    }
  }
}

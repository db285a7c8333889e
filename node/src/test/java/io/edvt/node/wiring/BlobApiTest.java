package io.edvt.node.wiring;

import static io.edvt.node.wiring.GroupTestSupport.JSON;
import static io.edvt.node.wiring.GroupTestSupport.json;
import static io.edvt.node.wiring.GroupTestSupport.parse;
import static io.edvt.node.wiring.GroupTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.api.ApiJson;
import io.edvt.node.validator.SignedBlocks;
import io.edvt.node.validator.Signer;
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Beacon API's block path with blobs, over real HTTP to a node in this JVM (no keys, no p2p,
 * embedded engine with one blob per payload, 4-second slots): {@code GET /eth/v3/validator/blocks}
 * gives the block with its commitment, its blob and 128 cell proofs; the test signs it as the slot's
 * proposer; {@code POST /eth/v2/beacon/blocks} refuses the contents with two cell proofs swapped and
 * with a short blob (one line each, the blob never echoed), and takes the right ones: the block is
 * the head and its 128 columns are held.
 */
class BlobApiTest {
  private static final int VALIDATORS = 64;
  private static final long SLOT_MS = 4000;

  @TempDir Path tmp;

  @Test
  void aBlockWithBlobsIsProducedAndPublishedWithItsBlobsThroughTheApi() throws Exception {
    long genesisTime = System.currentTimeMillis() / 1000 + 3;
    ValidatorDevnet net = ValidatorDevnet.write(tmp.resolve("net"), VALIDATORS, SLOT_MS, genesisTime);
    try (BeaconNode node = BeaconNode.start(parse("beacon-node", "--network=" + net.configYaml,
        "--genesis-state=" + net.genesisSsz, "--data-path=" + tmp.resolve("data"), "--rest-api-enabled=true",
        "--rest-api-port=0", "--rest-api-host-allowlist=*", "--Xembedded-engine-blobs-per-block=1"), InstantSource.system());
        SlashingProtection protection = SlashingProtection.open(tmp.resolve("signer"), net.genesis.genesisValidatorsRoot())) {
      int api = node.apiPort().orElseThrow();
      SpecVersions versions = node.versions();
      Deadline.await("slot 1", () -> System.currentTimeMillis() >= genesisTime * 1000 + SLOT_MS, 20);
      long slot = (System.currentTimeMillis() - genesisTime * 1000) / SLOT_MS;
      assertThat(slot).as("a slot of epoch 0 (Fulu)").isBetween(1L, 7L);
      long proposer = -1;
      for (JsonNode duty : json(api, "/eth/v1/validator/duties/proposer/0").get("data")) {
        if (duty.get("slot").asLong() == slot) {
          proposer = duty.get("validator_index").asLong();
        }
      }
      BlsSecretKey key = BlsSecretKey.interop((int) proposer);
      Signer signer = new Signer(versions, protection, List.of(key));
      Bytes32 head = node.chain().head().root();
      BeaconState state = node.chain().readForkChoice(f -> f.block(head).state()).get(10, TimeUnit.SECONDS);
      Bytes randao = signer.randaoReveal(key.publicKey(), state, UInt64.ZERO);

      JsonNode produced = json(api, "/eth/v3/validator/blocks/" + slot + "?randao_reveal=" + randao.toHexString());
      JsonNode data = produced.get("data");
      BeaconBlock block = ApiJson.read(data.get("block"), versions.forSlot(UInt64.valueOf(slot)).schemas().beaconBlock(), "block");
      assertThat(block.body().blobKzgCommitments().size()).isEqualTo(1);
      assertThat(data.get("blobs")).hasSize(1);
      assertThat(data.get("kzg_proofs")).hasSize(128);
      Bytes signature = signer.block(key.publicKey(), state, block).orElseThrow();
      SignedBeaconBlock signed = SignedBlocks.plain(versions, state, block, signature);

      ArrayNode swapped = ((ArrayNode) data.get("kzg_proofs")).deepCopy();
      JsonNode first = swapped.get(0);
      swapped.set(0, swapped.get(1));
      swapped.set(1, first);
      HttpResponse<String> refused = post(api, "/eth/v2/beacon/blocks", contents(signed, swapped, data.get("blobs")));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("the cell proofs of blob 0 do not verify");
      ArrayNode shortBlob = JSON.createArrayNode().add("0x0102");
      HttpResponse<String> malformed = post(api, "/eth/v2/beacon/blocks", contents(signed, data.get("kzg_proofs"), shortBlob));
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(malformed.body()).contains("'blobs'[0] must be 0x-prefixed hex of 131072 bytes").hasSizeLessThan(500);
      assertThat(node.chain().head().root()).isEqualTo(head);

      HttpResponse<String> published = post(api, "/eth/v2/beacon/blocks", contents(signed, data.get("kzg_proofs"), data.get("blobs")));
      assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
      Bytes32 root = block.hashTreeRoot();
      assertThat(node.chain().head().root()).isEqualTo(root);
      assertThat(node.storage().dataColumns().columns(root)).hasSize(128);
    }
  }

  private static String contents(SignedBeaconBlock block, JsonNode proofs, JsonNode blobs) {
    ObjectNode body = JSON.createObjectNode();
    body.set("signed_block", ApiJson.of(block));
    body.set("kzg_proofs", proofs);
    body.set("blobs", blobs);
    return body.toString();
  }
}

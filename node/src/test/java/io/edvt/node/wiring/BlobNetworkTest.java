package io.edvt.node.wiring;

import static io.edvt.node.wiring.GroupTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.GossipValidation;
import io.edvt.networking.eth2.topics.GossipTopics;
import io.edvt.networking.eth2.validation.DataColumnChecks;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.networking.transport.api.Connection;
import io.edvt.node.devnet.genesis.DevnetGenesisWriter;
import io.edvt.node.devnet.genesis.DevnetKeys;
import io.edvt.node.devnet.genesis.DevnetParameters;
import io.edvt.node.network.ForkChoiceChainView;
import io.edvt.node.network.NodeNetwork;
import io.edvt.node.storage.DataColumnStore;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.datacolumns.DataColumnsByRootIdentifier;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blobs between two beacon nodes in this JVM (embedded engines with one blob per payload, minimal
 * preset, 2-second slots, EDVT at genesis, real libp2p on loopback, every custody subnet): A and B
 * each run half the devnet's keys, so of each 3-of-4 group each holds 2 members and a group block
 * needs the other node's sign-off. Every block carries a blob commitment; its 128 data column
 * sidecars are built by whoever publishes it (a plain proposer, a group's leader or backup
 * publisher), and both nodes end up holding every column of every block, verified (KZG cell
 * proofs, inclusion proof). A group block's sidecars carry its threshold signature and
 * {@code signer_bits} and pass EDVT's {@code data_column_sidecar} gossip validation on the other
 * node, and fail it with other signer bits. B serves A the columns by root and by range. A third
 * node started later syncs the chain with every column (columns by range before each batch's
 * import, by root for a block that waits for its columns).
 */
class BlobNetworkTest {
  private static final int VALIDATORS = 32;
  private static final int GROUPS = 2;
  private static final int MEMBERS = 4;
  private static final int THRESHOLD = 3;
  private static final long GWEI_PER_ETH = 1_000_000_000L;
  private static final int SLOT_MS = 2000;
  private static final int COLUMNS = 128;

  @TempDir Path tmp;
  private final List<BeaconNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(BeaconNode::close);
  }

  @Test
  void everyBlocksColumnsReachEveryNodeAndAGroupBlocksSidecarsPassEdvtValidation() throws Exception {
    long genesisTime = System.currentTimeMillis() / 1000 + 8;
    // the groups hold 1024 ETH each, so that they propose about half the slots
    DevnetParameters parameters = new DevnetParameters(VALIDATORS, 2, GROUPS, MEMBERS, THRESHOLD, 1024 * GWEI_PER_ETH,
        SLOT_MS, 0, genesisTime, 16);
    DevnetGenesisWriter.Written net = DevnetGenesisWriter.write(tmp.resolve("net"), parameters);
    DevnetKeys keys = new DevnetKeys(parameters);
    Set<Long> groupValidators = Set.of((long) keys.groupValidator(0), (long) keys.groupValidator(1));
    BeaconNode a = start(net, "a", 0, List.of());
    String enrA = a.network().orElseThrow().localEnr().orElseThrow();
    BeaconNode b = start(net, "b", 1, List.of("--p2p-discovery-bootnodes=" + enrA));

    // a plain block and a group block, each with all its columns on both nodes
    Deadline.await("a plain and a group block with blobs, every column on both nodes", () -> {
      List<SignedBeaconBlock> complete = blobBlocks(a).stream().filter(block -> complete(a, block) && complete(b, block)).toList();
      return complete.stream().anyMatch(block -> groupValidators.contains(block.message().proposerIndex().longValue()))
          && complete.stream().anyMatch(block -> !groupValidators.contains(block.message().proposerIndex().longValue()));
    }, 90);

    // every block on A's chain but the newest two carries a commitment and has every column on both nodes
    long head = a.chain().head().slot();
    List<SignedBeaconBlock> canonical = a.storage().canonicalBlocks(UInt64.ONE, head).stream()
        .filter(block -> block.message().slot().longValue() <= head - 2).toList();
    assertThat(canonical).isNotEmpty();
    for (SignedBeaconBlock block : canonical) {
      assertThat(block.message().body().blobKzgCommitments().size()).as("commitments in slot %s", block.message().slot())
          .isEqualTo(1);
      Bytes32 root = block.message().hashTreeRoot();
      assertThat(a.storage().dataColumns().columns(root)).as("A's columns of slot %s", block.message().slot()).hasSize(COLUMNS);
      assertThat(b.storage().dataColumns().columns(root)).as("B's columns of slot %s", block.message().slot()).hasSize(COLUMNS);
    }

    SpecVersions versions = b.versions();
    List<SignedBeaconBlock> complete = blobBlocks(a).stream().filter(block -> complete(a, block) && complete(b, block)).toList();
    SignedBeaconBlock groupBlock = complete.stream()
        .filter(block -> groupValidators.contains(block.message().proposerIndex().longValue())).findFirst().orElseThrow();
    SignedBeaconBlock plainBlock = complete.stream()
        .filter(block -> !groupValidators.contains(block.message().proposerIndex().longValue())).findFirst().orElseThrow();
    for (SignedBeaconBlock block : List.of(plainBlock, groupBlock)) {
      Bytes32 root = block.message().hashTreeRoot();
      SpecFulu spec = versions.forSlot(block.message().slot());
      DataColumnChecks checks = new DataColumnChecks(spec);
      for (int column = 0; column < COLUMNS; column++) {
        DataColumnSidecar sidecar = b.storage().dataColumns().sidecar(root, UInt64.valueOf(column)).orElseThrow();
        assertThat(DataColumnStore.blockRoot(sidecar)).isEqualTo(root);
        assertThat(sidecar.kzgCommitments()).isEqualTo(block.message().body().blobKzgCommitments());
        assertThat(checks.verifyDataColumnSidecarInclusionProof(sidecar)).as("inclusion proof of column %d", column).isTrue();
        assertThat(checks.verifyDataColumnSidecarKzgProofs(sidecar)).as("cell proof of column %d", column).isTrue();
      }
    }

    // the group block's sidecar header: the block's threshold signature and signer bits
    DataColumnSidecar groupSidecar = b.storage().dataColumns().sidecar(groupBlock.message().hashTreeRoot(), UInt64.valueOf(5))
        .orElseThrow();
    SignedBeaconBlockHeaderEdvt header = SignedBeaconBlockHeaderEdvt.toVersionEdvt(groupSidecar.signedBlockHeader()).orElseThrow();
    SszBits signers = header.signerBits();
    assertThat(signers.count()).isGreaterThanOrEqualTo(THRESHOLD);
    // (its signature may be another assembly's than the block A holds: a leader and a backup publisher can
    // assemble different sets of m or more sign-offs of the same block; either passes the threshold check)
    assertThat(header.message().hashTreeRoot()).isEqualTo(groupBlock.message().hashTreeRoot());
    assertThat(validateOn(b, groupSidecar)).isEqualTo(ValidationResult.ACCEPT);
    // the same sidecar claiming other signers: EDVT's threshold check refuses it
    SszBits otherSigners = signers.count() == MEMBERS ? SszBits.withSet(signers.length(), 0, 1, 2)
        : SszBits.withSet(signers.length(), IntStream.range(0, MEMBERS).toArray());
    DataColumnSidecar forged = DataColumnSidecar.create(versions.edvt().schemas().dataColumnSidecar(), groupSidecar.index(),
        groupSidecar.column(), groupSidecar.kzgCommitments(), groupSidecar.kzgProofs(), header.withSignerBits(otherSigners),
        groupSidecar.kzgCommitmentsInclusionProof());
    assertThat(validateOn(b, forged)).isInstanceOfSatisfying(ValidationResult.Reject.class,
        r -> assertThat(r.reason()).contains("invalid proposer threshold signature"));

    // B serves A the columns: by root, and by range
    NodeNetwork network = a.network().orElseThrow();
    Connection toB = network.statuses().ready().stream()
        .filter(p -> p.connection().remotePeerId().equals(b.network().orElseThrow().peerId())).findFirst().orElseThrow()
        .connection();
    Bytes32 groupRoot = groupBlock.message().hashTreeRoot();
    var idType = versions.edvt().schemas().dataColumnsByRootIdentifier();
    var id = DataColumnsByRootIdentifier.create(idType, groupRoot, columnList(idType.fields().get(1).type(), 0, 77, 127));
    List<DataColumnSidecar> byRoot = network.client().dataColumnSidecarsByRoot(toB, List.of(id)).get(10, TimeUnit.SECONDS);
    assertThat(byRoot).extracting(s -> s.index().longValue()).containsExactlyInAnyOrder(0L, 77L, 127L);
    assertThat(byRoot).allSatisfy(s -> assertThat(s).isEqualTo(b.storage().dataColumns().sidecar(groupRoot, s.index()).orElseThrow()));
    UInt64 slot = plainBlock.message().slot();
    List<DataColumnSidecar> byRange = network.client().dataColumnSidecarsByRange(toB, slot, 1, List.of(UInt64.valueOf(3),
        UInt64.valueOf(64))).get(10, TimeUnit.SECONDS);
    assertThat(byRange).hasSize(2).allSatisfy(s -> assertThat(s.signedBlockHeader().message().slot()).isEqualTo(slot));
    assertThat(byRange).extracting(s -> s.index().longValue()).containsExactly(3L, 64L);

    // a node that joins late syncs the chain: each batch's columns by range, or by root for a block that waits
    long target = a.chain().head().slot();
    BeaconNode c = start(net, "c", -1, List.of("--p2p-discovery-bootnodes=" + enrA));
    Deadline.await("C synced to slot " + target, () -> c.chain().head().slot() >= target, 60);
    for (SignedBeaconBlock block : blobBlocks(c)) {
      if (block.message().slot().longValue() <= target) {
        assertThat(c.storage().dataColumns().columns(block.message().hashTreeRoot()))
            .as("C's columns of slot %s", block.message().slot()).hasSize(COLUMNS);
      }
    }
    assertThat(blobBlocks(c).stream().filter(block -> block.message().slot().longValue() <= target).count())
        .isEqualTo(blobBlocks(a).stream().filter(block -> block.message().slot().longValue() <= target).count());
  }

  @SuppressWarnings("unchecked")
  private static SszList<UInt64> columnList(Object listType, long... columns) {
    return ((ListType<UInt64>) listType).of(Arrays.stream(columns).mapToObj(UInt64::valueOf).toList());
  }

  /** {@code sidecar} through {@code node}'s gossip validation of its subnet's topic, with nothing seen yet. */
  private static ValidationResult validateOn(BeaconNode node, DataColumnSidecar sidecar) {
    SpecVersions versions = node.versions();
    ForkDigests digests = node.network().orElseThrow().digests();
    ForkChoiceChainView view = new ForkChoiceChainView(node.chain());
    GossipValidation validation = new GossipValidation(digests, new GossipContext(versions, view, new SeenCaches()));
    UInt64 slot = sidecar.signedBlockHeader().message().slot();
    long subnet = sidecar.index().longValue() % versions.config().dataColumnSidecarSubnetCount();
    String topic = GossipTopics.topic(digests.digestAtSlot(slot), GossipTopics.DATA_COLUMN_SIDECAR_PREFIX + subnet);
    return validation.validate(topic, sidecar.serialize(), view.headState(), System.currentTimeMillis());
  }

  /** The blocks on {@code node}'s canonical chain that carry blob commitments. */
  private static List<SignedBeaconBlock> blobBlocks(BeaconNode node) {
    long head = node.chain().head().slot();
    return node.storage().canonicalBlocks(UInt64.ONE, head).stream()
        .filter(block -> !block.message().body().blobKzgCommitments().isEmpty()).toList();
  }

  private static boolean complete(BeaconNode node, SignedBeaconBlock block) {
    return node.storage().dataColumns().columns(block.message().hashTreeRoot()).size() == COLUMNS;
  }

  /** A node with the keys of devnet node {@code keysOf}, none if negative. */
  private BeaconNode start(DevnetGenesisWriter.Written net, String name, int keysOf, List<String> extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("beacon-node", "--network=" + net.configYaml(),
        "--genesis-state=" + net.genesisSsz(), "--data-path=" + tmp.resolve(name),
        "--p2p-enabled=true", "--p2p-interface=127.0.0.1", "--p2p-port=" + freePort(), "--p2p-advertised-ip=127.0.0.1",
        "--p2p-discovery-site-local-addresses-enabled=true", "--p2p-peer-lower-bound=1", "--p2p-peer-upper-bound=8",
        "--p2p-subscribe-all-custody-subnets-enabled=true", "--Xembedded-engine-blobs-per-block=1"));
    if (keysOf >= 0) {
      args.add("--validator-keys=" + net.keys(keysOf) + ":" + net.secrets(keysOf));
    }
    args.addAll(extra);
    BeaconNode node = BeaconNode.start(parse(args.toArray(String[]::new)), InstantSource.system());
    nodes.add(node);
    return node;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

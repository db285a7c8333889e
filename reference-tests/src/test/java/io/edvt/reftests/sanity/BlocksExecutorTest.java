package io.edvt.reftests.sanity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.io.SnappyFiles;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.reftests.ExecutorRegistry;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.TestCase;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.ChainBuilder;
import io.edvt.spec.testing.Signer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block-sequence executor on cases written from a built chain, in the {@code random} runner's
 * layout (no such vectors ship with the minimal Fulu set): valid sequences pass, a wrong
 * {@code post} or an accepted sequence without {@code post} fail, {@code bls_setting} decides
 * whether a forged signature is noticed, and a rejection by the state root alone counts only for a
 * case about the state root.
 */
class BlocksExecutorTest {
  private static final SpecFulu SPEC = ReferenceSpecs.spec("minimal", SpecMilestone.FULU);
  private static final ExecutorRegistry REGISTRY = new ExecutorRegistry();
  private static BeaconState genesis;
  private static List<SignedBeaconBlock> blocks;
  private static BeaconState head;
  private static Signer signer;

  @TempDir Path tmp;

  @BeforeAll
  static void buildChain() {
    ChainBuilder chain = ChainBuilder.interop(SPEC, 64);
    genesis = chain.headState();
    chain.addBlocksUpTo(UInt64.valueOf(SPEC.config().slotsPerEpoch() + 2));
    blocks = chain.blocks();
    head = chain.headState();
    signer = chain.signer();
  }

  private TestCase writeCase(String name, List<SignedBeaconBlock> caseBlocks, BeaconState post, int blsSetting)
      throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("meta.yaml"), "{blocks_count: " + caseBlocks.size() + ", bls_setting: " + blsSetting + "}\n");
    write(dir.resolve("pre.ssz_snappy"), genesis.serialize());
    for (int i = 0; i < caseBlocks.size(); i++) {
      write(dir.resolve("blocks_" + i + ".ssz_snappy"), caseBlocks.get(i).serialize());
    }
    if (post != null) {
      write(dir.resolve("post.ssz_snappy"), post.serialize());
    }
    return new TestCase("minimal", "fulu", "random", "random", "random", name, dir);
  }

  private static void write(Path file, byte[] ssz) throws IOException {
    Files.write(file, SnappyFiles.compressBlock(ssz));
  }

  private static void run(TestCase c) throws Exception {
    REGISTRY.executorFor(c).run(c);
  }

  /** The blocks with the last one's proposer signature replaced by another validator's. */
  private static List<SignedBeaconBlock> withForgedLastSignature() {
    List<SignedBeaconBlock> out = new ArrayList<>(blocks);
    SignedBeaconBlock last = out.getLast();
    BlsSecretKey other = BlsSecretKey.interop((last.message().proposerIndex().intValue() + 1) % 64);
    out.set(out.size() - 1, SignedBeaconBlock.create(SPEC.schemas().signedBeaconBlock(), last.message(),
        Bls.sign(other, last.message().hashTreeRoot()).toBytes()));
    return out;
  }

  /** The blocks with the last one's state root wrong and its signature made over that block, so only the root is wrong. */
  private static List<SignedBeaconBlock> withWrongLastStateRoot() {
    List<SignedBeaconBlock> out = new ArrayList<>(blocks);
    BeaconBlock wrong = out.getLast().message().withStateRoot(Bytes32.repeat((byte) 0x77));
    out.set(out.size() - 1, SignedBeaconBlock.create(SPEC.schemas().signedBeaconBlock(), wrong,
        signer.block(new MutableBeaconState(head), wrong)));
    return out;
  }

  @Test
  void aRejectionOnlyByTheStateRootFailsACaseNotAboutTheStateRoot() throws Exception {
    List<SignedBeaconBlock> wrongRoot = withWrongLastStateRoot();
    TestCase elsewhere = writeCase("invalid_proposer_index", wrongRoot, null, 1);
    assertThatThrownBy(() -> run(elsewhere)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("only by the state-root check");
    run(writeCase("invalid_incorrect_state_root", wrongRoot, null, 1));
  }

  @Test
  void aValidSequenceMatchesItsPost() throws Exception {
    run(writeCase("valid", blocks, head, 1));
    run(writeCase("valid_bls_default", blocks, head, 0));
  }

  @Test
  void aWrongPostFailsNamingTheField() throws Exception {
    BeaconState wrong = head.withSlot(head.slot().plus(1));
    TestCase c = writeCase("wrong_post", blocks, wrong, 1);
    assertThatThrownBy(() -> run(c)).isInstanceOf(AssertionError.class).hasMessageContaining("slot");
  }

  @Test
  void aForgedSignatureIsRejectedWithBlsOnAndIgnoredWithBlsOff() throws Exception {
    List<SignedBeaconBlock> forged = withForgedLastSignature();
    run(writeCase("forged_invalid", forged, null, 1));
    run(writeCase("forged_ignored", forged, head, 2));
    TestCase expectsRejection = writeCase("forged_expected_rejection_bls_off", forged, null, 2);
    assertThatThrownBy(() -> run(expectsRejection)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("expects a rejection");
    TestCase expectsValid = writeCase("forged_expected_valid_bls_on", forged, head, 1);
    assertThatThrownBy(() -> run(expectsValid)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("was rejected");
    assertThat(forged.getLast().message()).isEqualTo(blocks.getLast().message());
  }
}

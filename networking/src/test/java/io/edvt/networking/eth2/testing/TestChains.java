package io.edvt.networking.eth2.testing;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongPredicate;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * Networks and synthetic chains for the req/resp tests: the minimal preset with every fork up to
 * Fulu at genesis and EDVT at a chosen epoch, and chains of correctly linked (but unsigned, not
 * state-transitioned) blocks, Fulu's type before the EDVT fork and EDVT's after, whose bodies carry
 * some random bytes so blocks differ in size and content.
 */
public final class TestChains {
  private TestChains() {}

  /** Minimal preset, all forks through Fulu at epoch 0, EDVT at {@code edvtForkEpoch}. */
  public static SpecVersions versions(long edvtForkEpoch, Map<String, String> more) {
    Map<String, String> o = new HashMap<>();
    for (String fork : List.of("ALTAIR", "BELLATRIX", "CAPELLA", "DENEB", "ELECTRA", "FULU")) {
      o.put(fork + "_FORK_EPOCH", "0");
    }
    o.put("EDVT_FORK_EPOCH", String.valueOf(edvtForkEpoch));
    o.putAll(more);
    SpecConfig config = EdvtConfig.load("minimal", o);
    return new SpecVersions(config);
  }

  public static SpecVersions versions(long edvtForkEpoch) {
    return versions(edvtForkEpoch, Map.of());
  }

  /** A block at {@code slot} on {@code parent}, of the type of the milestone in force at the slot. */
  public static SignedBeaconBlock block(SpecVersions versions, UInt64 slot, Bytes32 parent, Random random, int extraBytes) {
    return block(versions, slot, parent, random, extraBytes, 0);
  }

  /**
   * A block at {@code slot} on {@code parent} whose payload has one transaction of
   * {@code randomBytes} random bytes followed by {@code zeroBytes} zeros (so it compresses about as
   * much as the zeros make up).
   */
  public static SignedBeaconBlock block(SpecVersions versions, UInt64 slot, Bytes32 parent, Random random, int randomBytes,
      int zeroBytes) {
    int extraBytes = randomBytes + zeroBytes;
    SpecFulu spec = versions.forSlot(slot);
    SchemaDefinitionsFulu schemas = spec.schemas();
    byte[] graffiti = new byte[32];
    random.nextBytes(graffiti);
    var body = schemas.beaconBlockBody().defaultValue();
    body = body.withGraffiti(Bytes32.wrap(graffiti));
    if (extraBytes > 0) {
      body = body.withExecutionPayload(payloadWithTransaction(body.executionPayload(), schemas, random, randomBytes,
          zeroBytes));
    }
    BeaconBlock message = BeaconBlock.create(schemas.beaconBlock(), slot, UInt64.valueOf(random.nextInt(64)), parent,
        Bytes32.random(random), body);
    byte[] signature = new byte[96];
    random.nextBytes(signature);
    return switch (versions.milestoneAtSlot(slot)) {
      case FULU -> SignedBeaconBlock.create(schemas.signedBeaconBlock(), message, Bytes.wrap(signature));
      case EDVT -> SignedBeaconBlockEdvt.create(versions.edvt().schemas().signedBeaconBlock(), message,
          Bytes.wrap(signature), SszBits.withSet(versions.edvt().schemas().signerBits().length(), 0, 1));
    };
  }

  private static io.edvt.spec.datastructures.execution.ExecutionPayload payloadWithTransaction(
      io.edvt.spec.datastructures.execution.ExecutionPayload payload, SchemaDefinitionsFulu schemas, Random random,
      int randomBytes, int zeroBytes) {
    byte[] tx = new byte[randomBytes + zeroBytes];
    byte[] noise = new byte[randomBytes];
    random.nextBytes(noise);
    System.arraycopy(noise, 0, tx, 0, randomBytes);
    @SuppressWarnings("unchecked")
    ContainerType<io.edvt.spec.datastructures.execution.ExecutionPayload> type =
        (ContainerType<io.edvt.spec.datastructures.execution.ExecutionPayload>) payload.type();
    int txField = type.fieldIndex("transactions");
    @SuppressWarnings("unchecked")
    var txType = (io.edvt.infrastructure.ssz.types.ListType<Bytes>) type.fields().get(txField).type();
    Object[] values = payload.values().clone();
    values[txField] = txType.of(List.of(Bytes.wrap(tx)));
    return type.create(values);
  }

  /**
   * A chain from a genesis-like first block at slot 0 through {@code lastSlot}, skipping the slots
   * {@code skip} accepts; each block carries {@code extraBytes} of random transaction data.
   */
  public static List<SignedBeaconBlock> chain(SpecVersions versions, long lastSlot, LongPredicate skip, long seed,
      int extraBytes) {
    return chain(versions, lastSlot, skip, seed, extraBytes, 0);
  }

  /** {@link #chain(SpecVersions, long, LongPredicate, long, int)} with {@code zeroBytes} zeros after the random bytes. */
  public static List<SignedBeaconBlock> chain(SpecVersions versions, long lastSlot, LongPredicate skip, long seed,
      int randomBytes, int zeroBytes) {
    Random random = new Random(seed);
    List<SignedBeaconBlock> out = new ArrayList<>();
    Bytes32 parent = Bytes32.ZERO;
    for (long s = 0; s <= lastSlot; s++) {
      if (s > 0 && skip.test(s)) {
        continue;
      }
      SignedBeaconBlock b = block(versions, UInt64.valueOf(s), parent, random, randomBytes, zeroBytes);
      out.add(b);
      parent = b.message().hashTreeRoot();
    }
    return out;
  }

  /** A sidecar of {@code column} for {@code block} (its header from the block, one made-up cell). */
  public static DataColumnSidecar sidecar(SpecVersions versions, SignedBeaconBlock block, long column) {
    SpecFulu spec = versions.forSlot(block.message().slot());
    SchemaDefinitionsFulu schemas = spec.schemas();
    SignedBeaconBlockHeader header = spec.dataColumnSidecars().computeSignedBlockHeader(block);
    ContainerType<DataColumnSidecar> type = schemas.dataColumnSidecar();
    DataColumnSidecar d = type.defaultValue();
    @SuppressWarnings("unchecked")
    var cells = (io.edvt.infrastructure.ssz.types.ListType<Bytes>) type.fields().get(1).type();
    byte[] cell = new byte[(int) schemas.cell().fixedSize()];
    cell[0] = (byte) column;
    SszList<Bytes> column1 = cells.of(List.of(Bytes.wrap(cell)));
    return DataColumnSidecar.create(type, UInt64.valueOf(column), column1, d.kzgCommitments(), d.kzgProofs(), header,
        d.kzgCommitmentsInclusionProof());
  }

  public static SpecMilestone milestone(SpecVersions versions, SignedBeaconBlock block) {
    return versions.milestoneAtSlot(block.message().slot());
  }
}

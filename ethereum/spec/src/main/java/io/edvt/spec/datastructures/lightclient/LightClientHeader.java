package io.edvt.spec.datastructures.lightclient;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A block header for light clients, with the execution payload header and its proof (Capella
 * {@code LightClientHeader}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class LightClientHeader extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<LightClientHeader> FACTORY = LightClientHeader::new;

  private LightClientHeader(ContainerType<LightClientHeader> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code LightClientHeader} type) from its fields. */
  public static LightClientHeader create(
      ContainerType<LightClientHeader> type,
      BeaconBlockHeader beacon,
      ExecutionPayloadHeader execution,
      SszList<Bytes32> executionBranch) {
    return type.create(beacon, execution, executionBranch);
  }

  /** {@code beacon}: {@code BeaconBlockHeader}. */
  public BeaconBlockHeader beacon() {
    return (BeaconBlockHeader) get(0);
  }

  /** {@code execution}: {@code ExecutionPayloadHeader}. */
  public ExecutionPayloadHeader execution() {
    return (ExecutionPayloadHeader) get(1);
  }

  /** {@code execution_branch}: {@code Vector[Bytes32, floorlog2(EXECUTION_PAYLOAD_GINDEX)]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes32> executionBranch() {
    return (SszList<Bytes32>) get(2);
  }
}

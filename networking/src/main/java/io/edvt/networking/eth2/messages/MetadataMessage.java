package io.edvt.networking.eth2.messages;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.SpecTypes;
import java.util.Optional;

/**
 * {@code MetaData}: v2 (Altair: {@code seq_number}, {@code attnets}, {@code syncnets}) and v3
 * (Fulu: and {@code custody_group_count}). {@code attnets} has {@code ATTESTATION_SUBNET_COUNT}
 * bits, so the types are per config: {@link #v2Type} and {@link #v3Type}.
 */
public final class MetadataMessage extends SszContainer {
  private MetadataMessage(ContainerType<MetadataMessage> type, Object[] values) {
    super(type, values);
  }

  public static ContainerType<MetadataMessage> v2Type(int attestationSubnetCount) {
    return ContainerType.of("MetaDataV2", MetadataMessage::new,
        field("seq_number", SszTypes.UINT64),
        field("attnets", SszTypes.bitvector(attestationSubnetCount)),
        field("syncnets", SszTypes.bitvector(SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT)));
  }

  public static ContainerType<MetadataMessage> v3Type(int attestationSubnetCount) {
    return ContainerType.of("MetaDataV3", MetadataMessage::new,
        field("seq_number", SszTypes.UINT64),
        field("attnets", SszTypes.bitvector(attestationSubnetCount)),
        field("syncnets", SszTypes.bitvector(SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT)),
        field("custody_group_count", SszTypes.UINT64));
  }

  public UInt64 seqNumber() {
    return (UInt64) get(0);
  }

  public SszBits attnets() {
    return (SszBits) get(1);
  }

  public SszBits syncnets() {
    return (SszBits) get(2);
  }

  /** v3's {@code custody_group_count}; empty for v2. */
  public Optional<UInt64> custodyGroupCount() {
    return type().fieldCount() == 4 ? Optional.of((UInt64) get(3)) : Optional.empty();
  }

  /** This metadata in {@code type}'s layout (v2 drops the custody group count; v3 needs one). */
  public MetadataMessage as(ContainerType<MetadataMessage> target) {
    if (type() == target) {
      return this;
    }
    return target.fieldCount() == 3 ? target.create(seqNumber(), attnets(), syncnets())
        : target.create(seqNumber(), attnets(), syncnets(), custodyGroupCount().orElse(UInt64.ZERO));
  }
}

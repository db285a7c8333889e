package io.edvt.networking.eth2.rpc;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.reqresp.ResponseTypes;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.edvt.spec.SpecMilestone;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;

/**
 * Chunk types chosen by {@code ForkDigest} context bytes: the context of a value is
 * {@code compute_fork_digest(genesis_validators_root, compute_epoch_at_slot(slot))} of its slot,
 * and a digest maps to the type of the milestone in force there (Fulu's types, EDVT's from
 * {@code EDVT_FORK_EPOCH}, as EDVT's p2p-interface.md tabulates). A digest of another network or
 * of a fork before Fulu is refused, as is a value whose slot is outside its digest's fork.
 */
public final class ForkContextTypes<T extends SszContainer> implements ResponseTypes<T> {
  private final ForkDigests digests;
  private final Function<SpecMilestone, SszType<? extends T>> typeOf;
  private final Function<T, UInt64> slotOf;

  public ForkContextTypes(ForkDigests digests, Function<SpecMilestone, SszType<? extends T>> typeOf,
      Function<T, UInt64> slotOf) {
    this.digests = digests;
    this.typeOf = typeOf;
    this.slotOf = slotOf;
  }

  @Override
  public int contextLength() {
    return 4;
  }

  @Override
  public SszType<? extends T> typeFor(Bytes context) {
    ForkDigests.Entry e = digests.lookup(context).orElseThrow(() -> new WireFormatException("unknown fork digest "
        + context + " (this network's: " + digests.schedule().stream().map(x -> x.digest().toHexString()).toList() + ")"));
    return typeOf.apply(e.milestone());
  }

  @Override
  public Bytes contextOf(T value) {
    return digests.digestAtSlot(slotOf.apply(value));
  }

  @Override
  public byte[] serialize(T value) {
    return value.serialize();
  }

  @Override
  public void checkContext(Bytes context, T value) {
    Bytes expected = contextOf(value);
    if (!expected.equals(context)) {
      throw new WireFormatException("slot " + slotOf.apply(value) + " has fork digest " + expected + ", the chunk's context is "
          + context);
    }
  }
}

package io.edvt.node.api;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Validator ids of the {@code id} parameters and bodies (an index or a {@code 0x} public key)
 * resolved to indices in a state. Malformed ids are 400s naming the id; well-formed ids of no
 * validator in the state are left out, as the beacon-APIs ask.
 */
public final class ValidatorIds {
  private final SpecVersions versions;

  public ValidatorIds(SpecVersions versions) {
    this.versions = versions;
  }

  /** The indices {@code ids} name in {@code state}, in the order given, without duplicates. */
  public List<Integer> resolve(BeaconState state, List<String> ids, String paramName) {
    Set<Integer> out = new LinkedHashSet<>();
    int count = state.validators().size();
    MutableBeaconState view = null;
    for (String id : ids) {
      if (Params.isHex(id)) {
        Bytes48 pubkey = Params.pubkey(paramName, id);
        if (view == null) {
          view = new MutableBeaconState(state);
        }
        versions.forState(state).accessors().getValidatorIndex(view, pubkey).ifPresent(out::add);
      } else {
        UInt64 index = Params.uint64(paramName, id);
        if (index.isLessThan(UInt64.valueOf(count))) {
          out.add(index.intValue());
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** One id that must name a validator of {@code state}. */
  public Optional<Integer> resolveOne(BeaconState state, String id, String paramName) {
    List<Integer> r = resolve(state, List.of(id), paramName);
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
  }
}

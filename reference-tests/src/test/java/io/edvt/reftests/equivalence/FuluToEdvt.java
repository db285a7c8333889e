package io.edvt.reftests.equivalence;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Fulu objects as the EDVT objects a validator without a group would make: the same content,
 * with member 0 as the one signer ({@code signer_bits} with bit 0) wherever EDVT added signer bits,
 * member 0 as the RANDAO member, and no group operations. Types whose layout EDVT keeps (only list
 * limits grow) are read again as EDVT's types from their Fulu bytes. Signatures are kept: with the
 * same fork version a validator's own key signs the same message the same way, except a block's
 * (its root changes), which the caller signs again.
 */
final class FuluToEdvt {
  private final SpecFulu fulu;
  private final SpecEdvt edvt;

  FuluToEdvt(SpecFulu fulu, SpecEdvt edvt) {
    this.fulu = fulu;
    this.edvt = edvt;
  }

  /** {@code SignerBits} naming member 0: the validator's own key. */
  SszBits memberZero() {
    return edvt.forkUpgrade().computeOwnKeySignerBits();
  }

  SignedBeaconBlockHeaderEdvt header(SignedBeaconBlockHeader header) {
    return SignedBeaconBlockHeaderEdvt.create(edvt.schemas().signedBeaconBlockHeader(), header.message(),
        header.signature(), memberZero());
  }

  ProposerSlashing proposerSlashing(ProposerSlashing slashing) {
    return ProposerSlashing.create(edvt.schemas().proposerSlashing(), header(slashing.signedHeader1()),
        header(slashing.signedHeader2()));
  }

  SignedVoluntaryExitEdvt voluntaryExit(SignedVoluntaryExit exit) {
    return SignedVoluntaryExitEdvt.create(edvt.schemas().signedVoluntaryExit(), exit.message(), exit.signature(),
        memberZero());
  }

  /** A value of a type whose layout EDVT keeps, read as EDVT's type. */
  @SuppressWarnings("unchecked")
  static <T> T reread(SszType<T> edvtType, SszType<?> fuluType, Object fuluValue) {
    return edvtType.deserialize(((SszType<Object>) fuluType).serialize(fuluValue));
  }

  /**
   * How a block's attestations and sync aggregate are carried over: as they are (they sign roots
   * EDVT shares), or with the roots they vote for translated and signed again (see
   * {@link BlockSequenceEquivalence}).
   */
  record Translation(UnaryOperator<Attestation> attestation, UnaryOperator<SyncAggregate> syncAggregate) {}

  /** The body with its attestations and sync aggregate as they are. */
  BeaconBlockBodyEdvt body(BeaconBlockBody body) {
    return body(body, new Translation(a -> reread(edvt.schemas().attestation(), fulu.schemas().attestation(), a),
        s -> reread(edvt.schemas().syncAggregate(), fulu.schemas().syncAggregate(), s)));
  }

  /**
   * The body with every Fulu field (proposer slashings and exits given signer bits, attestations
   * and the sync aggregate through {@code translation}, the rest read as EDVT's types) and EDVT's
   * own fields at their defaults: RANDAO member 0, no group operations.
   */
  BeaconBlockBodyEdvt body(BeaconBlockBody body, Translation translation) {
    ContainerType<?> fuluType = body.type();
    ContainerType<BeaconBlockBodyEdvt> edvtType = edvt.schemas().beaconBlockBody();
    Object[] values = new Object[edvtType.fieldCount()];
    for (int i = 0; i < values.length; i++) {
      String name = edvtType.fieldName(i);
      SszType<?> type = edvtType.fields().get(i).type();
      int j = fuluType.fieldNames().indexOf(name);
      if (j < 0) {
        values[i] = type.defaultValue();
      } else if (name.equals("proposer_slashings")) {
        values[i] = mapList(type, body.proposerSlashings(), this::proposerSlashing);
      } else if (name.equals("voluntary_exits")) {
        values[i] = mapList(type, body.voluntaryExits(), this::voluntaryExit);
      } else if (name.equals("attestations")) {
        values[i] = mapList(type, body.attestations(), translation.attestation());
      } else if (name.equals("sync_aggregate")) {
        values[i] = translation.syncAggregate().apply(body.syncAggregate());
      } else {
        values[i] = reread(type, fuluType.fields().get(j).type(), body.get(j));
      }
    }
    return edvtType.create(values);
  }

  @SuppressWarnings("unchecked")
  private static <F, E> SszList<E> mapList(SszType<?> edvtListType, SszList<F> fuluList,
      java.util.function.Function<F, E> convert) {
    List<E> out = new ArrayList<>();
    for (F element : fuluList) {
      out.add(convert.apply(element));
    }
    return ((ListType<E>) edvtListType).of(out);
  }

  /** The block with its body converted, and the given parent and state roots. */
  BeaconBlock block(BeaconBlock block, Bytes32 parentRoot, Bytes32 stateRoot) {
    return block(block, parentRoot, stateRoot, body(block.body()));
  }

  /** The block with {@code body} (converted), and the given parent and state roots. */
  BeaconBlock block(BeaconBlock block, Bytes32 parentRoot, Bytes32 stateRoot, BeaconBlockBodyEdvt body) {
    return BeaconBlock.create(edvt.schemas().beaconBlock(), block.slot(), block.proposerIndex(), parentRoot, stateRoot,
        body);
  }

  /** The Fulu input of an operations handler as EDVT's input of the same handler. */
  Object operationInput(String handler, SszType<?> edvtType, SszContainer fuluInput) {
    return switch (handler) {
      case "proposer_slashing" -> proposerSlashing((ProposerSlashing) fuluInput);
      case "voluntary_exit" -> voluntaryExit((SignedVoluntaryExit) fuluInput);
      case "execution_payload" -> body((BeaconBlockBody) fuluInput);
      case "block_header" -> {
        BeaconBlock b = (BeaconBlock) fuluInput;
        yield block(b, b.parentRoot(), b.stateRoot());
      }
      default -> reread(edvtType, fuluInput.type(), fuluInput);
    };
  }

  SpecFulu fulu() {
    return fulu;
  }

  SpecEdvt edvt() {
    return edvt;
  }
}

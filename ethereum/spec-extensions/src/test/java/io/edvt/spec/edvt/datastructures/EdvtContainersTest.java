package io.edvt.spec.edvt.datastructures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.TransientCaches;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.datastructures.state.MutableBeaconStateEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import io.edvt.spec.testing.RandomValues;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every new or modified EDVT container, in both presets: random values (several seeds) and the
 * default value survive serialize / deserialize with the same bytes and root; and its typed class
 * matches its type (an accessor per field returning that field, no accessor without a field,
 * {@code withX} replacing exactly {@code x} and keeping the class, {@code create} taking the
 * fields in order, a fixed layout's {@code TYPE} being the registered type).
 */
class EdvtContainersTest {
  private static final int SEEDS = 4;

  /** The new and modified types of EDVT, by "preset/name". */
  private static Map<String, ContainerType<?>> edvtTypes() {
    Map<String, ContainerType<?>> out = new LinkedHashMap<>();
    for (String preset : List.of("minimal", "mainnet")) {
      var config = EdvtConfig.load(preset);
      Map<String, SszType<?>> fulu = new SchemaDefinitionsFulu(config).typesByName();
      new SchemaDefinitionsEdvt(config).typesByName().forEach((name, type) -> {
        if (fulu.get(name) != type) {
          out.put(preset + "/" + name, (ContainerType<?>) type);
        }
      });
    }
    return out;
  }

  @Test
  void theNewAndModifiedTypesAreThoseOfTheSpec() {
    Map<String, ContainerType<?>> types = edvtTypes();
    // 11 new + 15 modified, in each preset
    assertThat(types).hasSize(2 * 26);
    assertThat(types.keySet().stream().filter(k -> k.startsWith("minimal/")).map(k -> k.substring(8)))
        .containsExactlyInAnyOrder(
            "Group", "GroupBlockProposal", "GroupBlockSignoff", "GroupExitSignature", "GroupKeyChange",
            "GroupKeyChangeSignature", "GroupKeyProof", "GroupKeySet",
            "GroupRegistration", "SignedGroupKeyChange", "SignedGroupRegistration",
            "AggregateAndProof", "Attestation", "AttesterSlashing", "BeaconBlock", "BeaconBlockBody", "BeaconState",
            "DataColumnSidecar", "IndexedAttestation", "PartialDataColumnHeader", "PartialDataColumnSidecar",
            "ProposerSlashing", "SignedAggregateAndProof", "SignedBeaconBlock", "SignedBeaconBlockHeader",
            "SignedVoluntaryExit");
  }

  @TestFactory
  Stream<DynamicTest> everyNewOrModifiedTypeRoundTrips() {
    return edvtTypes().entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> roundTrips(e.getKey(), e.getValue())));
  }

  @TestFactory
  Stream<DynamicTest> everyNewOrModifiedClassMatchesItsType() {
    return edvtTypes().entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> checkAccessors(e.getKey(), e.getValue())));
  }

  @Test
  void narrowingToEdvtIsAnOptional() {
    var config = EdvtConfig.load("minimal");
    SchemaDefinitionsEdvt edvt = new SchemaDefinitionsEdvt(config);
    SchemaDefinitionsFulu fulu = new SchemaDefinitionsFulu(config);
    assertThat(BeaconStateEdvt.toVersionEdvt(edvt.beaconState().defaultValue())).isPresent();
    assertThat(BeaconStateEdvt.toVersionEdvt(fulu.beaconState().defaultValue())).isEmpty();
    assertThat(BeaconBlockBodyEdvt.toVersionEdvt(edvt.beaconBlockBody().defaultValue())).isPresent();
    assertThat(BeaconBlockBodyEdvt.toVersionEdvt(fulu.beaconBlockBody().defaultValue())).isEmpty();
    assertThat(SignedBeaconBlockEdvt.toVersionEdvt(edvt.signedBeaconBlock().defaultValue())).isPresent();
    assertThat(SignedBeaconBlockEdvt.toVersionEdvt(fulu.signedBeaconBlock().defaultValue())).isEmpty();
    assertThat(SignedBeaconBlockHeaderEdvt.toVersionEdvt(edvt.signedBeaconBlockHeader().defaultValue())).isPresent();
    assertThat(SignedBeaconBlockHeaderEdvt.toVersionEdvt(fulu.signedBeaconBlockHeader().defaultValue())).isEmpty();
    assertThat(SignedVoluntaryExitEdvt.toVersionEdvt(edvt.signedVoluntaryExit().defaultValue())).isPresent();
    assertThat(SignedVoluntaryExitEdvt.toVersionEdvt(fulu.signedVoluntaryExit().defaultValue())).isEmpty();
    // the header inside an EDVT proposer slashing and data column sidecar is the EDVT one
    assertThat(SignedBeaconBlockHeaderEdvt.toVersionEdvt(edvt.proposerSlashing().defaultValue().signedHeader1()))
        .isPresent();
    assertThat(SignedBeaconBlockHeaderEdvt.toVersionEdvt(edvt.dataColumnSidecar().defaultValue().signedBlockHeader()))
        .isPresent();
    assertThat(MutableBeaconStateEdvt.toVersionEdvt(new MutableBeaconState(edvt.beaconState().defaultValue())))
        .isPresent();
    assertThat(MutableBeaconStateEdvt.toVersionEdvt(new MutableBeaconState(fulu.beaconState().defaultValue())))
        .isEmpty();
  }

  @Test
  void theMutableViewEditsTheWorkingCopy() {
    var config = EdvtConfig.load("minimal");
    SchemaDefinitionsEdvt edvt = new SchemaDefinitionsEdvt(config);
    BeaconStateEdvt state = new RandomValues(5).of(edvt.beaconState());
    MutableBeaconState working = new MutableBeaconState(state);
    MutableBeaconStateEdvt view = MutableBeaconStateEdvt.toVersionEdvt(working).orElseThrow();
    assertThat(view.state()).isSameAs(working);
    view.groups().append(edvt.group().defaultValue());
    view.currentEpochMemberParticipation().append(7);
    view.previousEpochMemberParticipation().set(0, 3);
    BeaconStateEdvt committed = BeaconStateEdvt.toVersionEdvt(working.commit()).orElseThrow();
    assertThat(committed.groups().size()).isEqualTo(state.groups().size() + 1);
    assertThat(committed.groups().get(committed.groups().size() - 1)).isEqualTo(edvt.group().defaultValue());
    assertThat(committed.currentEpochMemberParticipation().get(state.currentEpochMemberParticipation().size()))
        .isEqualTo(7);
    assertThat(committed.previousEpochMemberParticipation().get(0)).isEqualTo(3);
    assertThat(committed.slot()).isEqualTo(state.slot());
  }

  // ---------------------------------------------------------------- round trips

  private static void roundTrips(String name, ContainerType<?> type) {
    List<SszContainer> values = new ArrayList<>();
    values.add(type.defaultValue());
    for (int seed = 0; seed < SEEDS; seed++) {
      values.add(new RandomValues(Objects.hash(name, seed)).of(type));
    }
    for (SszContainer value : values) {
      byte[] bytes = value.serialize();
      SszContainer back = type.deserialize(bytes);
      assertThat(back).as(name).isEqualTo(value);
      assertThat(back.getClass()).isSameAs(value.getClass());
      assertThat(back.type()).isSameAs(type);
      assertThat(back.serialize()).isEqualTo(bytes);
      assertThat(back.hashTreeRoot()).isEqualTo(value.hashTreeRoot());
      // the root is that of the fields: a copy made from the field values has it too
      assertThat(type.create(back.values()).hashTreeRoot()).isEqualTo(value.hashTreeRoot());
    }
    // different random values have different roots and encodings
    assertThat(values.get(1).hashTreeRoot()).isNotEqualTo(values.get(2).hashTreeRoot());
    assertThat(values.get(1).serialize()).isNotEqualTo(values.get(2).serialize());
  }

  // ---------------------------------------------------------------- typed classes

  private static void checkAccessors(String name, ContainerType<?> type) throws Exception {
    SszContainer value = new RandomValues(name.hashCode()).of(type);
    SszContainer other = new RandomValues(~name.hashCode()).of(type);
    Class<?> cls = value.getClass();
    List<String> fields = type.fieldNames();
    List<String> accessorNames = fields.stream().map(EdvtContainersTest::camel).toList();

    for (int i = 0; i < fields.size(); i++) {
      Method m = cls.getMethod(camel(fields.get(i)));
      assertThat(Objects.equals(m.invoke(value), value.get(i)))
          .as("%s.%s() returns field %d", cls.getSimpleName(), m.getName(), i)
          .isTrue();
    }
    for (Method m : cls.getMethods()) {
      if (isSpecMethod(m) && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())) {
        assertThat(accessorNames).as("%s.%s() names a field", cls.getSimpleName(), m.getName())
            .contains(m.getName());
      }
    }

    for (Method m : cls.getMethods()) {
      if (!isSpecMethod(m) || !m.getName().startsWith("with") || m.getParameterCount() != 1) {
        continue;
      }
      String accessor = m.getName().substring(4, 5).toLowerCase() + m.getName().substring(5);
      int index = accessorNames.indexOf(accessor);
      assertThat(index).as("%s.%s names a field", cls.getSimpleName(), m.getName()).isNotNegative();
      SszContainer copy = (SszContainer) m.invoke(value, other.get(index));
      assertThat(copy).isExactlyInstanceOf(cls);
      assertThat(copy.type()).isSameAs(type);
      for (int i = 0; i < fields.size(); i++) {
        assertThat(copy.get(i)).isEqualTo(i == index ? other.get(index) : value.get(i));
      }
    }

    // create: the type first (preset-dependent layouts), then the fields in order
    Method create = Stream.of(cls.getDeclaredMethods())
        .filter(m -> m.getName().equals("create") && Modifier.isStatic(m.getModifiers()))
        .filter(m -> m.getParameterCount() == fields.size() + 1
            || (m.getParameterCount() == fields.size() && fixedType(cls) == type))
        .findFirst()
        .orElse(null);
    if (create == null) {
      assertThat(value).as("%s has a create method", cls.getSimpleName()).isInstanceOf(BeaconState.class);
    } else {
      List<Object> args = new ArrayList<>();
      if (create.getParameterCount() == fields.size() + 1) {
        args.add(type);
      }
      args.addAll(List.of(value.values()));
      try {
        assertThat(create.invoke(null, args.toArray())).isEqualTo(value);
      } catch (InvocationTargetException e) {
        fail(cls.getSimpleName() + ".create failed", e.getCause());
      }
    }

    // A class of EDVT with a fixed layout registers its own TYPE.
    if (cls.getPackageName().startsWith("io.edvt.spec.edvt") && fixedType(cls) != null) {
      assertThat(fixedType(cls)).isSameAs(type);
    }
  }

  /** The class's {@code TYPE} constant, or null for a class whose types the schemas build. */
  private static Object fixedType(Class<?> cls) {
    for (Field f : cls.getDeclaredFields()) {
      if (f.getName().equals("TYPE") && Modifier.isStatic(f.getModifiers())) {
        try {
          return f.get(null);
        } catch (IllegalAccessException e) {
          throw new AssertionError(cls.getSimpleName() + ".TYPE is not public", e);
        }
      }
    }
    return null;
  }

  private static final Set<String> CACHE_METHODS = Set.of("caches");

  private static boolean isSpecMethod(Method m) {
    Class<?> d = m.getDeclaringClass();
    return d != Object.class && d != SszContainer.class && !d.isInterface()
        // BeaconState's derived-data caches sit beside its SSZ content and name no field
        && !(CACHE_METHODS.contains(m.getName()) && m.getReturnType() == TransientCaches.class);
  }

  private static String camel(String snake) {
    StringBuilder out = new StringBuilder();
    boolean up = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return out.toString();
  }
}

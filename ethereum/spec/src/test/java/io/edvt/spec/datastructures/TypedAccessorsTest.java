package io.edvt.spec.datastructures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.state.TransientCaches;
import io.edvt.spec.schemas.SchemaDefinitionsElectra;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks every typed container class against its SSZ type, by reflection on random values: each
 * field has an accessor named after it that returns that field (so an accessor reading the wrong
 * index fails), there are no accessors for fields that do not exist, every {@code withX} replaces
 * exactly field {@code x} and keeps the class, {@code create} takes the fields in order, and
 * fixed-layout classes register their own {@code TYPE}.
 */
class TypedAccessorsTest {

  private static Map<String, ContainerType<?>> allTypes() {
    Map<String, ContainerType<?>> types = new LinkedHashMap<>();
    var minimal = SpecConfigLoader.load("minimal");
    new SchemaDefinitionsFulu(minimal)
        .typesByName()
        .forEach((k, v) -> types.put(k, (ContainerType<?>) v));
    types.put("BeaconState (Electra)", new SchemaDefinitionsElectra(minimal).beaconState());
    return types;
  }

  @TestFactory
  Stream<DynamicTest> everyClassMatchesItsType() {
    return allTypes().entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
  }

  private static void check(String name, ContainerType<?> type) throws Exception {
    SszContainer value = new RandomValues(name.hashCode()).of(type);
    SszContainer other = new RandomValues(~name.hashCode()).of(type);
    Class<?> cls = value.getClass();
    List<String> fields = type.fieldNames();
    List<String> accessorNames = fields.stream().map(TypedAccessorsTest::camel).toList();

    // Accessors.
    for (int i = 0; i < fields.size(); i++) {
      Method m = cls.getMethod(camel(fields.get(i)));
      assertThat(m.getParameterCount()).isZero();
      assertThat(Objects.equals(m.invoke(value), value.get(i)))
          .as("%s.%s() returns field %d", cls.getSimpleName(), m.getName(), i)
          .isTrue();
    }
    for (Method m : cls.getMethods()) {
      if (isSpecMethod(m) && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
          && !isTransientCacheAccessor(m)) {
        assertThat(accessorNames).as("%s.%s() names a field", cls.getSimpleName(), m.getName())
            .contains(m.getName());
      }
    }

    // withX: replaces its field only, and keeps the class.
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

    // create: the fields in order, with the type first for preset-dependent classes.
    Method create = Stream.of(cls.getDeclaredMethods())
        .filter(m -> m.getName().equals("create") && Modifier.isStatic(m.getModifiers()))
        .findFirst()
        .orElse(null);
    boolean isState = value instanceof io.edvt.spec.datastructures.state.BeaconState;
    if (create == null) {
      assertThat(isState).as("%s has a create method", cls.getSimpleName()).isTrue();
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

    // Fixed layouts: the class's TYPE is the registered type.
    Field typeField = Stream.of(cls.getDeclaredFields())
        .filter(f -> f.getName().equals("TYPE"))
        .findFirst()
        .orElse(null);
    if (typeField != null) {
      assertThat(typeField.get(null)).isSameAs(type);
    }
  }

  /** Methods of the typed classes, not those of SszContainer or Object. */
  /** {@code BeaconState.caches()}: derived data kept beside the SSZ content, not a field. */
  private static boolean isTransientCacheAccessor(Method m) {
    return m.getName().equals("caches") && m.getReturnType() == TransientCaches.class;
  }

  private static boolean isSpecMethod(Method m) {
    Class<?> d = m.getDeclaringClass();
    return d != Object.class && d != SszContainer.class && !d.isInterface()
        // BeaconState's derived-data caches sit beside its SSZ content and name no field
        && !(d == BeaconState.class && m.getName().equals("caches"));
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

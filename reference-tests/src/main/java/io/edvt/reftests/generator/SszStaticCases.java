package io.edvt.reftests.generator;

import io.edvt.infrastructure.ssz.SszType;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import io.edvt.spec.testing.RandomValues;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@code ssz_static}: seeded random values of the EDVT types, {@code serialized}, {@code roots.yaml}
 * and {@code value.yaml} each.
 */
final class SszStaticCases {
  private final CaseWriter out;

  SszStaticCases(CaseWriter out) {
    this.out = out;
  }

  /**
   * {@code ssz_static} for every EDVT type that is new or differs from Fulu's ({@code onlyNew}:
   * the new group types only), {@code perType} random cases each.
   */
  void write(String preset, SpecConfig config, int perType, boolean onlyNew) {
    Map<String, SszType<?>> fulu = new SchemaDefinitionsFulu(config).typesByName();
    Map<String, SszType<?>> edvt = new SchemaDefinitionsEdvt(config).typesByName();
    for (String name : new TreeSet<>(edvt.keySet())) {
      SszType<?> type = edvt.get(name);
      boolean isNew = !fulu.containsKey(name);
      if (onlyNew ? !isNew : !(isNew || differs(type, fulu.get(name), name))) {
        continue;
      }
      for (int i = 0; i < perType; i++) {
        RandomValues random = new RandomValues(seed(preset + "/" + name + "/" + i));
        Path dir = out.caseDir(preset, "ssz_static", name, "ssz_random", "case_" + i);
        writeStatic(dir, type, random);
      }
    }
  }

  private static long seed(String s) {
    long h = 1125899906842597L;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + s.charAt(i);
    }
    return h;
  }

  /** Whether a random EDVT value of {@code name} reads differently (or not at all) as Fulu's type. */
  private static boolean differs(SszType<?> edvt, SszType<?> fulu, String name) {
    for (int i = 0; i < 3; i++) {
      byte[] bytes = serialize(edvt, new RandomValues(seed("differs/" + name + "/" + i)));
      try {
        if (!Arrays.equals(rootOf(fulu, bytes), rootOf(edvt, bytes))) {
          return true;
        }
      } catch (RuntimeException e) {
        return true;
      }
    }
    return false;
  }

  private static <T> byte[] serialize(SszType<T> type, RandomValues random) {
    return type.serialize(random.of(type));
  }

  private static <T> byte[] rootOf(SszType<T> type, byte[] bytes) {
    return type.hashTreeRoot(type.deserialize(bytes));
  }

  private <T> void writeStatic(Path dir, SszType<T> type, RandomValues random) {
    T value = random.of(type);
    byte[] serialized = type.serialize(value);
    byte[] root = type.hashTreeRoot(value);
    Object plain = type.toPlain(value);
    // what an ssz_static case promises: the bytes, the root and the YAML form are of one value
    T decoded = type.deserialize(serialized);
    GroupChains.check(Arrays.equals(type.serialize(decoded), serialized) && Arrays.equals(type.hashTreeRoot(decoded), root)
            && Arrays.equals(type.serialize(type.fromPlain(plain)), serialized),
        dir.getFileName() + " of " + type.name() + ": serialized, roots.yaml and value.yaml describe the same value");
    out.ssz(dir, "serialized", serialized);
    out.yaml(dir, "roots.yaml", Map.of("root", Bytes.wrap(root).toHexString()));
    out.yaml(dir, "value.yaml", plain);
  }
}

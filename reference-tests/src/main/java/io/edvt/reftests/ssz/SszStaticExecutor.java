package io.edvt.reftests.ssz;

import io.edvt.infrastructure.ssz.PlainForm;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.SkipCase;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes;

/**
 * The {@code ssz_static} runner: deserialise {@code serialized.ssz_snappy}, check the root in
 * {@code roots.yaml}, re-serialise to the same bytes, and compare with {@code value.yaml} both
 * ways (value to YAML form, and YAML form back to the same value).
 */
public final class SszStaticExecutor implements TestExecutor {

  @Override
  public void run(TestCase c) {
    SszType<?> type = ReferenceSpecs.sszTypes(c.preset(), c.milestone()).get(c.handler());
    if (type == null) {
      throw new SkipCase("no SSZ type '" + c.handler() + "' in fork " + c.fork());
    }
    check(type, c);
  }

  private static <T> void check(SszType<T> type, TestCase c) {
    byte[] serialized = c.ssz("serialized");
    T value = type.deserialize(serialized);

    String expectedRoot = c.yaml("roots.yaml").get("root").asText();
    String actualRoot = Bytes.wrap(type.hashTreeRoot(value)).toHexString();
    if (!expectedRoot.equalsIgnoreCase(actualRoot)) {
      throw new AssertionError("hash_tree_root: expected " + expectedRoot + " got " + actualRoot);
    }

    byte[] again = type.serialize(value);
    if (!Arrays.equals(serialized, again)) {
      throw new AssertionError("re-serialisation differs: " + serialized.length + " bytes in, " + again.length + " out");
    }

    Object expectedPlain = PlainForm.of(c.yaml("value.yaml"));
    String diff = PlainForm.firstDifference(expectedPlain, type.toPlain(value), type.name());
    if (diff != null) {
      throw new AssertionError("value.yaml differs: " + diff);
    }
    T fromYaml = type.fromPlain(expectedPlain);
    if (!Arrays.equals(type.serialize(fromYaml), serialized)) {
      throw new AssertionError("value.yaml read back does not serialise to serialized.ssz_snappy");
    }
  }
}

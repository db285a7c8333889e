package io.edvt.infrastructure.ssz;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.infrastructure.ssz.types.SszTypes.UINT64;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Large containers re-hash only changed fields' paths; the roots must equal a fresh merkleisation. */
class IncrementalContainerRootTest {
  static final class Wide extends SszContainer {
    static final ContainerType.Field[] FIELDS = new ContainerType.Field[37];

    static {
      for (int i = 0; i < FIELDS.length; i++) {
        FIELDS[i] = field("f" + i, UINT64);
      }
    }

    static final ContainerType<Wide> TYPE = ContainerType.of("Wide", Wide::new, FIELDS);

    private Wide(ContainerType<Wide> type, Object[] values) {
      super(type, values);
    }

    Wide withField(int i, long v) {
      return with(i, UInt64.valueOf(v));
    }
  }

  @Test
  void chainsOfUpdatesWithAndWithoutHashingInBetweenMatchFreshRoots() {
    Random random = new Random(3);
    Object[] values = new Object[37];
    for (int i = 0; i < values.length; i++) {
      values[i] = UInt64.valueOf(random.nextInt(1000));
    }
    Wide w = Wide.TYPE.create(values);
    w.hash();
    for (int step = 0; step < 300; step++) {
      int i = random.nextInt(37);
      long v = random.nextInt(1_000_000);
      w = w.withField(i, v);
      values[i] = UInt64.valueOf(v);
      if (random.nextInt(3) > 0) { // sometimes several updates before the next root
        assertThat(w.hash()).isEqualTo(Wide.TYPE.create(values.clone()).hash());
      }
    }
    assertThat(w.hash()).isEqualTo(Wide.TYPE.create(values.clone()).hash());
    assertThat(Wide.TYPE.deserialize(w.serialize()).hash()).isEqualTo(w.hash());
  }
}

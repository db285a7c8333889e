package io.edvt.networking.peers;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.discovery.EnrForkId;
import io.edvt.networking.discovery.LocalEnrFields;
import java.util.HexFormat;

/** The ENR fields test nodes advertise (fork digest {@link TestNode#DIGEST}). */
public final class TestNodeFields {
  private TestNodeFields() {}

  public static LocalEnrFields fields() {
    return LocalEnrFields.of(new EnrForkId(TestNode.DIGEST, HexFormat.of().parseHex("06000000"), UInt64.MAX_VALUE));
  }
}

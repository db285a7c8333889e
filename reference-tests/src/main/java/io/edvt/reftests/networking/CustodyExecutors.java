package io.edvt.reftests.networking;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.Custody;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code networking/get_custody_groups} and {@code compute_columns_for_custody_group}
 * handlers: the function of {@link Custody} on the case's arguments must give {@code result}.
 */
public final class CustodyExecutors {
  private CustodyExecutors() {}

  public static TestExecutor getCustodyGroups() {
    return c -> {
      JsonNode meta = c.yaml("meta.yaml");
      Custody custody = new Custody(ReferenceSpecs.config(c.preset()));
      List<UInt64> got = custody.getCustodyGroups(new BigInteger(meta.path("node_id").asText()),
          meta.path("custody_group_count").asLong());
      check(c, meta, got);
    };
  }

  public static TestExecutor computeColumnsForCustodyGroup() {
    return c -> {
      JsonNode meta = c.yaml("meta.yaml");
      Custody custody = new Custody(ReferenceSpecs.config(c.preset()));
      check(c, meta, custody.computeColumnsForCustodyGroup(meta.path("custody_group").asLong()));
    };
  }

  private static void check(TestCase c, JsonNode meta, List<UInt64> got) {
    List<UInt64> expected = new ArrayList<>();
    meta.path("result").forEach(n -> expected.add(UInt64.valueOf(n.asText())));
    if (!expected.equals(got)) {
      throw new AssertionError("expected " + expected + ", got " + got);
    }
  }
}

package io.edvt.networking.discovery;

import io.edvt.infrastructure.crypto.Sha256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which custody groups a node serves, from its node id and {@code cgc}: Fulu's
 * {@code get_custody_groups} (das-core). With the Fulu preset (128 groups, 128 columns, 128 data
 * column subnets) group {@code g} is column {@code g} and subnet {@code g}.
 */
public final class CustodyGroups {
  private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private CustodyGroups() {}

  /** get_custody_groups (Fulu das-core), sorted ascending. */
  public static List<Integer> of(BigInteger nodeId, int custodyGroupCount, int numberOfCustodyGroups) {
    if (custodyGroupCount > numberOfCustodyGroups) {
      throw new IllegalArgumentException("custody_group_count " + custodyGroupCount + " > " + numberOfCustodyGroups);
    }
    List<Integer> out = new ArrayList<>();
    if (custodyGroupCount == numberOfCustodyGroups) {
      for (int i = 0; i < numberOfCustodyGroups; i++) {
        out.add(i);
      }
      return out;
    }
    Set<Integer> groups = new LinkedHashSet<>();
    BigInteger current = nodeId;
    while (groups.size() < custodyGroupCount) {
      byte[] le = toLittleEndian32(current);
      byte[] h = Sha256.hash(le);
      long first8 = 0;
      for (int i = 7; i >= 0; i--) {
        first8 = (first8 << 8) | (h[i] & 0xFF);
      }
      groups.add((int) Long.remainderUnsigned(first8, numberOfCustodyGroups));
      current = current.equals(UINT256_MAX) ? BigInteger.ZERO : current.add(BigInteger.ONE);
    }
    out.addAll(groups);
    out.sort(null);
    return out;
  }

  private static byte[] toLittleEndian32(BigInteger v) {
    byte[] be = v.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < 32 && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }
}

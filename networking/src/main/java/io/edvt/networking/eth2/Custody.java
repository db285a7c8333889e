package io.edvt.networking.eth2;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fulu's custody functions (das-core.md): which custody groups a node keeps, from its node id
 * ({@code get_custody_groups}), and which columns a group holds
 * ({@code compute_columns_for_custody_group}). A node subscribes to the
 * {@code data_column_sidecar_{subnet_id}} topics of its columns.
 */
public final class Custody {
  private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private final SpecConfig config;

  public Custody(SpecConfig config) {
    this.config = config;
  }

  /**
   * {@code get_custody_groups(node_id, custody_group_count)}: ascending.
   *
   * @throws IllegalArgumentException if the count exceeds {@code NUMBER_OF_CUSTODY_GROUPS} or the id is not a uint256
   */
  public List<UInt64> getCustodyGroups(BigInteger nodeId, long custodyGroupCount) {
    int groups = config.numberOfCustodyGroups();
    if (custodyGroupCount < 0 || custodyGroupCount > groups) {
      throw new IllegalArgumentException("custody_group_count " + custodyGroupCount + " > NUMBER_OF_CUSTODY_GROUPS " + groups);
    }
    if (nodeId.signum() < 0 || nodeId.compareTo(UINT256_MAX) > 0) {
      throw new IllegalArgumentException("node id is not a uint256: " + nodeId);
    }
    List<UInt64> out = new ArrayList<>();
    if (custodyGroupCount == groups) {
      for (int i = 0; i < groups; i++) {
        out.add(UInt64.valueOf(i));
      }
      return out;
    }
    Set<Long> chosen = new LinkedHashSet<>();
    BigInteger current = nodeId;
    while (chosen.size() < custodyGroupCount) {
      byte[] hash = Sha256.hash(uint256LittleEndian(current));
      long group = Long.remainderUnsigned(MiscHelpersFulu.bytesToUint64(hash, 0, 8), groups);
      chosen.add(group);
      current = current.equals(UINT256_MAX) ? BigInteger.ZERO : current.add(BigInteger.ONE);
    }
    chosen.stream().sorted().forEach(g -> out.add(UInt64.valueOf(g)));
    return out;
  }

  /** {@code compute_columns_for_custody_group(custody_group)}. */
  public List<UInt64> computeColumnsForCustodyGroup(long custodyGroup) {
    int groups = config.numberOfCustodyGroups();
    if (custodyGroup < 0 || custodyGroup >= groups) {
      throw new IllegalArgumentException("custody group " + custodyGroup + " >= NUMBER_OF_CUSTODY_GROUPS " + groups);
    }
    int perGroup = config.numberOfColumns() / groups;
    List<UInt64> out = new ArrayList<>(perGroup);
    for (int i = 0; i < perGroup; i++) {
      out.add(UInt64.valueOf((long) groups * i + custodyGroup));
    }
    return out;
  }

  /** {@code uint_to_bytes(Uint256)}: 32 bytes, little-endian. */
  private static byte[] uint256LittleEndian(BigInteger v) {
    byte[] be = v.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < 32 && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }
}

package io.edvt.networking.discovery;

import io.edvt.networking.transport.crypto.Secp256k1PublicKey;
import io.edvt.networking.transport.encoding.WireFormatException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.BitSet;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.schema.EnrField;
import org.ethereum.beacon.discovery.schema.IdentitySchema;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordFactory;

/**
 * Decoding ENRs from strangers (bootnode flags, discv5 answers) with bounds and reasons: the text
 * form ({@code enr:} + unpadded base64url of the RLP), at most {@value #MAX_ENR_BYTES} bytes (EIP-778),
 * the {@code v4} identity scheme, a valid signature; then the eth2 fields ({@link #toPeer}).
 */
public final class Enrs {
  /** EIP-778: a record is at most 300 bytes. */
  public static final int MAX_ENR_BYTES = 300;

  private Enrs() {}

  /** Decodes {@code enr:...} text. @throws InvalidEnrException naming what is wrong */
  public static NodeRecord decode(String text) {
    String t = text.strip();
    if (!t.startsWith("enr:")) {
      throw new InvalidEnrException("ENR text must start with 'enr:': '" + abbreviate(t) + "'");
    }
    if (t.length() > 4 + (MAX_ENR_BYTES * 4 + 2) / 3) {
      throw new InvalidEnrException("ENR text of " + t.length() + " characters is longer than a " + MAX_ENR_BYTES
          + "-byte record");
    }
    byte[] rlp;
    try {
      rlp = Base64.getUrlDecoder().decode(t.substring(4));
    } catch (IllegalArgumentException e) {
      throw new InvalidEnrException("ENR text is not base64url: " + e.getMessage());
    }
    return decode(rlp);
  }

  /** Decodes the RLP form. @throws InvalidEnrException naming what is wrong */
  public static NodeRecord decode(byte[] rlp) {
    if (rlp.length > MAX_ENR_BYTES) {
      throw new InvalidEnrException("ENR of " + rlp.length + " bytes exceeds " + MAX_ENR_BYTES);
    }
    NodeRecord record;
    try {
      record = NodeRecordFactory.DEFAULT.fromBytes(rlp);
    } catch (RuntimeException e) {
      throw new InvalidEnrException("ENR is not a v4 record: " + e.getMessage(), e);
    }
    if (record.getIdentityScheme() != IdentitySchema.V4) {
      throw new InvalidEnrException("ENR identity scheme " + record.getIdentityScheme() + " is not v4");
    }
    boolean valid;
    try {
      valid = record.isValid();
    } catch (RuntimeException e) {
      throw new InvalidEnrException("ENR signature check failed: " + e.getMessage(), e);
    }
    if (!valid) {
      throw new InvalidEnrException("ENR signature does not verify (seq " + record.getSeq() + ")");
    }
    return record;
  }

  /**
   * Reads the eth2 fields and addresses of a (valid) record. Absent fields are empty; present but
   * malformed ones reject the record.
   *
   * @throws InvalidEnrException naming the field
   */
  public static DiscoveredPeer toPeer(NodeRecord record) {
    Secp256k1PublicKey key;
    try {
      key = Secp256k1PublicKey.fromRaw(bytes(record, EnrField.PKEY_SECP256K1)
          .orElseThrow(() -> new InvalidEnrException("no secp256k1 key")));
    } catch (WireFormatException e) {
      throw new InvalidEnrException("secp256k1: " + e.getMessage(), e);
    }
    Optional<EnrForkId> eth2 = bytes(record, Eth2EnrFields.ETH2).map(EnrForkId::fromSsz);
    BitSet attnets = bytes(record, Eth2EnrFields.ATTNETS)
        .map(b -> Eth2EnrFields.bitvector(Eth2EnrFields.ATTNETS, b, Eth2EnrFields.ATTESTATION_SUBNET_COUNT))
        .orElseGet(BitSet::new);
    BitSet syncnets = bytes(record, Eth2EnrFields.SYNCNETS)
        .map(b -> Eth2EnrFields.bitvector(Eth2EnrFields.SYNCNETS, b, Eth2EnrFields.SYNC_COMMITTEE_SUBNET_COUNT))
        .orElseGet(BitSet::new);
    Optional<byte[]> cgcBytes = bytes(record, Eth2EnrFields.CGC);
    OptionalInt cgc = cgcBytes.isPresent() ? OptionalInt.of(Eth2EnrFields.cgc(cgcBytes.get())) : OptionalInt.empty();
    Optional<byte[]> nfd = bytes(record, Eth2EnrFields.NFD).map(Eth2EnrFields::nfd);
    boolean gmember = bytes(record, Eth2EnrFields.GMEMBER).map(Eth2EnrFields::gmember).orElse(false);
    BigInteger nodeId = new BigInteger(1, record.getNodeId().toArrayUnsafe());
    return new DiscoveredPeer(nodeId, key, address(() -> record.getTcpAddress()), address(() -> record.getQuicAddress()),
        eth2, attnets, syncnets, cgc, nfd, gmember, record.getSeq().toLong(), record.asEnr());
  }

  private static Optional<java.net.InetSocketAddress> address(
      java.util.function.Supplier<Optional<java.net.InetSocketAddress>> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      throw new InvalidEnrException("address fields: " + e.getMessage(), e);
    }
  }

  private static Optional<byte[]> bytes(NodeRecord record, String key) {
    Object v = record.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Bytes b) {
      return Optional.of(b.toArray());
    }
    throw new InvalidEnrException(key + ": expected a byte string, got " + v.getClass().getSimpleName());
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}

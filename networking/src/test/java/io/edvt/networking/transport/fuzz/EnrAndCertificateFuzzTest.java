package io.edvt.networking.transport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.discovery.EnrForkId;
import io.edvt.networking.discovery.Enrs;
import io.edvt.networking.discovery.InvalidEnrException;
import io.edvt.networking.discovery.LocalEnrFields;
import io.edvt.networking.transport.crypto.Ed25519PrivateKey;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.quic.Libp2pCertificateException;
import io.edvt.networking.transport.quic.Libp2pTls;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.ethereum.beacon.discovery.crypto.DefaultSigner;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordBuilder;
import org.ethereum.beacon.discovery.util.Functions;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes what discovery and QUIC read from strangers: ENRs (RLP and text; decoded, signature
 * checked, eth2 fields read, re-encoded) must decode or fail with {@link InvalidEnrException}, and
 * peer TLS certificates must verify or fail with {@link Libp2pCertificateException}. Same
 * {@link Fuzzer} and long-run switch as {@link DecoderFuzzTest}; fewer inputs in the normal build
 * (1 000 and 2 000) since most mutated records and certificates cost a signature check (about 2 ms
 * and 1 ms).
 */
class EnrAndCertificateFuzzTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Instant NOW = Instant.now();

  private static NodeRecord record(Secp256k1PrivateKey key, long seq, LocalEnrFields fields, Optional<Integer> quic) {
    NodeRecordBuilder b = new NodeRecordBuilder()
        .signer(new DefaultSigner(Functions.createSecretKey(Bytes32.wrap(key.raw()))))
        .seq(org.apache.tuweni.units.bigints.UInt64.valueOf(seq)).address("127.0.0.1", 9000, 9000, quic);
    fields.encode().forEach((k, v) -> b.customField(k, Bytes.wrap(v)));
    return b.build();
  }

  private static List<byte[]> enrCorpus() {
    Secp256k1PrivateKey k = Secp256k1PrivateKey.fromRaw(HEX.parseHex(
        "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291"));
    BitSet att = new BitSet();
    att.set(1);
    att.set(63);
    LocalEnrFields full = LocalEnrFields.of(new EnrForkId(HEX.parseHex("edf70001"), HEX.parseHex("06000000"),
        UInt64.valueOf(77))).withAttnets(att).withCustodyGroupCount(8).withNextForkDigest(HEX.parseHex("01020304"))
        .withGroupMember(true);
    List<byte[]> corpus = new ArrayList<>();
    corpus.add(record(k, 1, full, Optional.of(9001)).serialize().toArrayUnsafe());
    corpus.add(record(k, 7, LocalEnrFields.of(new EnrForkId(new byte[4], new byte[4], UInt64.MAX_VALUE)), Optional.empty())
        .serialize().toArrayUnsafe());
    // The EIP-778 example record.
    corpus.add(Base64.getUrlDecoder().decode("-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZntXNFrdvJjX04jRzjzCBOonrkTfj499SZuOh8R33Ls8RRcy5wBgmlkgnY0gmlwhH8AAAGJc2VjcDI1NmsxoQPKY0yuDUmstAHYpMa2_oxVtw0RW_QAdpzBQA8yWM0xOIN1ZHCCdl8"));
    return corpus;
  }

  @Test
  void enrRlp() {
    for (byte[] valid : enrCorpus()) {
      Enrs.toPeer(Enrs.decode(valid)); // the corpus itself decodes; mutations of it rarely do (the signature)
    }
    Fuzzer.Result r = Fuzzer.run("enr rlp", 1_000, enrCorpus(), input -> {
      NodeRecord rec = Enrs.decode(input);
      Enrs.toPeer(rec);
      NodeRecord again = Enrs.decode(rec.serialize().toArrayUnsafe());
      assertThat(again.asEnr()).isEqualTo(rec.asEnr());
    }, InvalidEnrException.class);
    assertThat(r.rejected()).isPositive();
  }

  @Test
  void enrText() {
    List<byte[]> corpus = enrCorpus().stream()
        .map(b -> ("enr:" + Base64.getUrlEncoder().withoutPadding().encodeToString(b)).getBytes(StandardCharsets.US_ASCII))
        .toList();
    Fuzzer.Result r = Fuzzer.run("enr text", 2_000, corpus,
        input -> Enrs.toPeer(Enrs.decode(new String(input, StandardCharsets.ISO_8859_1))), InvalidEnrException.class);
    assertThat(r.rejected()).isPositive();
  }

  @Test
  void tlsCertificate() throws Exception {
    SecureRandom random = new SecureRandom();
    List<byte[]> corpus = List.of(
        Libp2pTls.generate(Secp256k1PrivateKey.generate(random), random).certificate().getEncoded(),
        Libp2pTls.generate(Ed25519PrivateKey.generate(random), random).certificate().getEncoded(),
        HEX.parseHex(io.edvt.networking.transport.quic.RustLibp2pCertificateTestVector.CERT));
    Fuzzer.Result r = Fuzzer.run("tls certificate", 2_000, corpus, input -> {
      try {
        Libp2pTls.verify(input, NOW);
      } catch (Libp2pCertificateException e) {
        throw new IllegalArgumentException(e); // checked: rethrown for the fuzzer, unwrapped by its cause check
      }
    }, Libp2pCertificateException.class);
    assertThat(r.rejected()).isPositive();
    for (byte[] valid : corpus) {
      assertThat(Libp2pTls.verify(valid, NOW)).isNotNull();
    }
  }
}

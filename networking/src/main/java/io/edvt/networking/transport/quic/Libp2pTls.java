package io.edvt.networking.transport.quic;

import io.edvt.networking.transport.crypto.PrivateKey;
import io.edvt.networking.transport.crypto.PublicKey;
import io.edvt.networking.transport.encoding.WireFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/**
 * The libp2p TLS handshake's certificates (libp2p specs, {@code tls/tls.md}), used by QUIC.
 *
 * <p>Each side presents one self-signed certificate on a fresh P-256 key that has nothing to do
 * with its host key. The host key is carried in the libp2p Public Key Extension (OID
 * {@value #EXTENSION_OID}, marked critical): {@code SignedKey ::= SEQUENCE { publicKey OCTET
 * STRING, signature OCTET STRING }}, where {@code publicKey} is the peer-id spec's
 * {@code PublicKey} protobuf and {@code signature} is the host key's signature of
 * {@value #SIGNATURE_PREFIX} followed by the certificate's DER SubjectPublicKeyInfo. The peer id
 * comes from that host key.
 */
public final class Libp2pTls {
  public static final String EXTENSION_OID = "1.3.6.1.4.1.53594.1.1";
  public static final String SIGNATURE_PREFIX = "libp2p-tls-handshake:";
  /** The ALPN protocol id both sides must agree on. */
  public static final String ALPN = "libp2p";
  /** Largest certificate we parse; ours are about 450 bytes, an RSA-4096 one under 2 KiB. */
  public static final int MAX_CERTIFICATE_BYTES = 16 * 1024;

  private static final ASN1ObjectIdentifier EXTENSION = new ASN1ObjectIdentifier(EXTENSION_OID);
  private static final ASN1ObjectIdentifier ECDSA_WITH_SHA256 = new ASN1ObjectIdentifier("1.2.840.10045.4.3.2");
  /** Extensions a certificate may mark critical besides ours (the usual constraints). */
  private static final Set<String> KNOWN_CRITICAL = Set.of(EXTENSION_OID, "2.5.29.19", "2.5.29.15", "2.5.29.37");
  /** Certificate signature algorithms we verify (what libp2p implementations use), OID to JCA name. */
  private static final java.util.Map<String, String> SIGNATURE_ALGORITHMS = java.util.Map.of(
      "1.2.840.10045.4.3.2", "SHA256withECDSA", "1.2.840.10045.4.3.3", "SHA384withECDSA",
      "1.2.840.10045.4.3.4", "SHA512withECDSA", "1.3.101.112", "Ed25519",
      "1.2.840.113549.1.1.11", "SHA256withRSA", "1.2.840.113549.1.1.12", "SHA384withRSA",
      "1.2.840.113549.1.1.13", "SHA512withRSA");
  /** Certificate key algorithms, OID to JCA key factory name. */
  private static final java.util.Map<String, String> KEY_ALGORITHMS = java.util.Map.of(
      "1.2.840.10045.2.1", "EC", "1.3.101.112", "Ed25519", "1.2.840.113549.1.1.1", "RSA");
  /** Certificates are valid from an hour ago (clock skew) for this long. */
  private static final Duration VALIDITY = Duration.ofDays(365);

  private Libp2pTls() {}

  /** A certificate and the private key of its (P-256) subject key, for one host. */
  public record CertifiedKey(X509Certificate certificate, java.security.PrivateKey certificateKey) {}

  /** Makes a fresh self-signed certificate carrying {@code identity}'s signed public key. */
  public static CertifiedKey generate(PrivateKey identity, SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair certKey = g.generateKeyPair();
      byte[] spki = certKey.getPublic().getEncoded();
      byte[] signed = identity.sign(signedData(spki));
      ASN1EncodableVector signedKey = new ASN1EncodableVector();
      signedKey.add(new DEROctetString(identity.publicKey().toProtobuf()));
      signedKey.add(new DEROctetString(signed));
      Extension ext = new Extension(EXTENSION, true, new DERSequence(signedKey).getEncoded(ASN1Encoding.DER));

      byte[] serial = new byte[16];
      random.nextBytes(serial);
      serial[0] &= 0x7f;
      Instant now = Instant.now();
      X500Name name = new X500Name("SN=libp2p,CN=" + identity.publicKey().peerId());
      AlgorithmIdentifier algorithm = new AlgorithmIdentifier(ECDSA_WITH_SHA256);
      V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
      tbs.setSerialNumber(new org.bouncycastle.asn1.ASN1Integer(new BigInteger(1, serial)));
      tbs.setIssuer(name);
      tbs.setSubject(name);
      tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofHours(1)))));
      tbs.setEndDate(new Time(Date.from(now.plus(VALIDITY))));
      tbs.setSignature(algorithm);
      tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(spki));
      tbs.setExtensions(new Extensions(ext));
      TBSCertificate tbsCert = tbs.generateTBSCertificate();

      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(certKey.getPrivate(), random);
      s.update(tbsCert.getEncoded(ASN1Encoding.DER));
      ASN1EncodableVector cert = new ASN1EncodableVector();
      cert.add(tbsCert);
      cert.add(algorithm);
      cert.add(new DERBitString(s.sign()));
      byte[] der = new DERSequence(cert).getEncoded(ASN1Encoding.DER);
      X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      return new CertifiedKey(x509, certKey.getPrivate());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot make the libp2p TLS certificate: " + e, e);
    }
  }

  private static byte[] signedData(byte[] spki) {
    byte[] prefix = SIGNATURE_PREFIX.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[prefix.length + spki.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(spki, 0, out, prefix.length, spki.length);
    return out;
  }

  /**
   * Checks a peer's certificate chain as the spec says and returns the peer's host key.
   *
   * @throws Libp2pCertificateException naming the rule that failed
   */
  public static PublicKey verify(X509Certificate[] chain, Instant now) throws Libp2pCertificateException {
    if (chain == null || chain.length != 1) {
      throw new Libp2pCertificateException("expected exactly one certificate, got " + (chain == null ? 0 : chain.length));
    }
    return verify(chain[0], now);
  }

  /**
   * Parses DER bytes and checks them like {@link #verify(X509Certificate[], Instant)}. The parser is
   * Bouncy Castle's ASN.1 one, not the JDK's certificate factory: that refuses the empty issuer and
   * subject names that rust-libp2p (and so js-libp2p's QUIC) certificates have.
   */
  public static PublicKey verify(byte[] der, Instant now) throws Libp2pCertificateException {
    if (der.length > MAX_CERTIFICATE_BYTES) {
      throw new Libp2pCertificateException("certificate of " + der.length + " bytes exceeds " + MAX_CERTIFICATE_BYTES);
    }
    try {
      return check(der, now);
    } catch (Libp2pCertificateException e) {
      throw e;
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw new Libp2pCertificateException("invalid certificate: " + e, e);
    }
  }

  /** Checks one certificate; see {@link #verify(X509Certificate[], Instant)}. */
  public static PublicKey verify(X509Certificate cert, Instant now) throws Libp2pCertificateException {
    byte[] der;
    try {
      der = cert.getEncoded();
    } catch (java.security.cert.CertificateEncodingException | RuntimeException e) {
      throw new Libp2pCertificateException("cannot encode the certificate: " + e.getMessage(), e);
    }
    return verify(der, now);
  }

  private static PublicKey check(byte[] der, Instant now) throws GeneralSecurityException, IOException {
    Certificate cert = Certificate.getInstance(readOne(der, "certificate"));
    if (!java.util.Arrays.equals(cert.getEncoded(ASN1Encoding.DER), der)) {
      // The signature is checked over the re-encoded TBS: only canonical DER makes that the sent bytes.
      throw new Libp2pCertificateException("certificate is not canonical DER");
    }
    TBSCertificate tbs = cert.getTBSCertificate();
    Date at = Date.from(now);
    Date from = tbs.getStartDate().getDate();
    Date to = tbs.getEndDate().getDate();
    if (at.before(from) || at.after(to)) {
      throw new Libp2pCertificateException("certificate is not valid now (" + now + "): valid from " + from.toInstant()
          + " to " + to.toInstant());
    }
    Extensions exts = tbs.getExtensions();
    if (exts == null) {
      throw new Libp2pCertificateException("no extensions, so no libp2p public key extension (" + EXTENSION_OID + ")");
    }
    for (ASN1ObjectIdentifier oid : exts.getCriticalExtensionOIDs()) {
      if (!KNOWN_CRITICAL.contains(oid.getId())) {
        throw new Libp2pCertificateException("unknown critical extension " + oid.getId());
      }
    }
    // The self-signature, with the certificate's own key.
    String alg = cert.getSignatureAlgorithm().getAlgorithm().getId();
    if (!alg.equals(tbs.getSignature().getAlgorithm().getId())) {
      throw new Libp2pCertificateException("signature algorithm " + alg + " differs from the TBS one "
          + tbs.getSignature().getAlgorithm().getId());
    }
    String jcaSignature = SIGNATURE_ALGORITHMS.get(alg);
    if (jcaSignature == null) {
      throw new Libp2pCertificateException("unsupported certificate signature algorithm " + alg);
    }
    byte[] spki = tbs.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
    String keyAlg = KEY_ALGORITHMS.get(tbs.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId());
    if (keyAlg == null) {
      throw new Libp2pCertificateException("unsupported certificate key algorithm "
          + tbs.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId());
    }
    java.security.PublicKey certKey = KeyFactory.getInstance(keyAlg).generatePublic(new X509EncodedKeySpec(spki));
    Signature verifier = Signature.getInstance(jcaSignature);
    verifier.initVerify(certKey);
    verifier.update(tbs.getEncoded(ASN1Encoding.DER));
    if (!verifier.verify(cert.getSignature().getOctets())) {
      throw new Libp2pCertificateException("the certificate's self-signature does not verify");
    }
    Extension ext = exts.getExtension(EXTENSION);
    if (ext == null) {
      throw new Libp2pCertificateException("no libp2p public key extension (" + EXTENSION_OID + ")");
    }
    ASN1Primitive inner = readOne(ext.getExtnValue().getOctets(), "SignedKey");
    if (!(inner instanceof ASN1Sequence signedKey) || signedKey.size() != 2) {
      throw new Libp2pCertificateException("SignedKey is not a SEQUENCE of two elements");
    }
    byte[] keyProto = octets(signedKey.getObjectAt(0), "publicKey");
    byte[] signature = octets(signedKey.getObjectAt(1), "signature");
    PublicKey hostKey;
    try {
      hostKey = PublicKey.fromProtobuf(keyProto);
    } catch (WireFormatException e) {
      throw new Libp2pCertificateException("SignedKey.publicKey: " + e.getMessage(), e);
    }
    if (!hostKey.verify(signedData(spki), signature)) {
      throw new Libp2pCertificateException("SignedKey.signature does not verify with the host key of "
          + hostKey.peerId());
    }
    return hostKey;
  }

  private static ASN1Primitive readOne(byte[] der, String what) throws IOException, Libp2pCertificateException {
    try (ASN1InputStream in = new ASN1InputStream(der, true)) {
      ASN1Primitive p = in.readObject();
      if (p == null || in.available() > 0 || in.readObject() != null) {
        throw new Libp2pCertificateException(what + ": not exactly one DER object");
      }
      return p;
    }
  }

  private static byte[] octets(ASN1Encodable e, String field) throws Libp2pCertificateException {
    if (!(e instanceof ASN1OctetString o)) {
      throw new Libp2pCertificateException("SignedKey." + field + " is not an OCTET STRING");
    }
    return o.getOctets();
  }
}

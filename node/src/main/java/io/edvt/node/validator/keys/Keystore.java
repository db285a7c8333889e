package io.edvt.node.validator.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.crypto.bls.BlsException;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.tuweni.bytes.Bytes;

/**
 * An EIP-2335 (version 4) keystore: a BLS secret key encrypted with AES-128-CTR under a key
 * derived from a password by scrypt or PBKDF2, with a SHA-256 checksum that tells a wrong password
 * from a right one.
 *
 * <p>{@link #parse} reads the JSON (every field the decryption needs is checked, each failure is one
 * line naming the file); {@link #decrypt} derives the key, verifies the checksum, decrypts and, when
 * the keystore names its public key, checks that the secret matches it. {@link #encrypt} writes
 * new keystores (tests and the genesis tool).
 */
public record Keystore(
    Path file,
    Kdf kdf,
    Bytes checksum,
    Bytes iv,
    Bytes cipherMessage,
    Optional<Bytes> pubkey,
    String path,
    String uuid) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Reads and checks the keystore in {@code file}. */
  public static Keystore read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new KeystoreException(file, "cannot read keystore: " + e.getMessage(), e);
    }
    return parse(file, text);
  }

  /** Parses keystore JSON; {@code file} names it in errors. */
  public static Keystore parse(Path file, String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new KeystoreException(file, "not JSON (damaged keystore?): " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new KeystoreException(file, "not an EIP-2335 keystore: the JSON is not an object");
    }
    Fields f = new Fields(file);
    long version = f.number(root, "version");
    if (version != 4) {
      throw new KeystoreException(file, "keystore version " + version + " is not supported (EIP-2335 version 4 only)");
    }
    JsonNode crypto = f.object(root, "crypto");
    JsonNode kdfNode = f.object(crypto, "kdf");
    JsonNode kdfParams = f.object(kdfNode, "params");
    String kdfFunction = f.text(kdfNode, "function");
    Kdf kdf;
    try {
      kdf = switch (kdfFunction) {
        case "scrypt" -> new Kdf.Scrypt(f.integer(kdfParams, "dklen"), f.integer(kdfParams, "n"),
            f.integer(kdfParams, "r"), f.integer(kdfParams, "p"), f.hex(kdfParams, "salt"));
        case "pbkdf2" -> {
          String prf = f.text(kdfParams, "prf");
          if (!prf.equals("hmac-sha256")) {
            throw new KeystoreException(file, "crypto.kdf.params.prf '" + prf + "' is not supported (hmac-sha256 only)");
          }
          yield new Kdf.Pbkdf2(f.integer(kdfParams, "dklen"), f.integer(kdfParams, "c"), f.hex(kdfParams, "salt"));
        }
        default -> throw new KeystoreException(file, "crypto.kdf.function '" + kdfFunction + "' is not supported (scrypt or pbkdf2)");
      };
    } catch (IllegalArgumentException e) {
      throw new KeystoreException(file, "crypto.kdf.params: " + e.getMessage());
    }
    JsonNode checksum = f.object(crypto, "checksum");
    String checksumFunction = f.text(checksum, "function");
    if (!checksumFunction.equals("sha256")) {
      throw new KeystoreException(file, "crypto.checksum.function '" + checksumFunction + "' is not supported (sha256 only)");
    }
    Bytes checksumMessage = f.hex(checksum, "message");
    if (checksumMessage.size() != 32) {
      throw new KeystoreException(file, "crypto.checksum.message has " + checksumMessage.size() + " bytes, expected 32");
    }
    JsonNode cipher = f.object(crypto, "cipher");
    String cipherFunction = f.text(cipher, "function");
    if (!cipherFunction.equals("aes-128-ctr")) {
      throw new KeystoreException(file, "crypto.cipher.function '" + cipherFunction + "' is not supported (aes-128-ctr only)");
    }
    Bytes iv = f.hex(f.object(cipher, "params"), "iv");
    if (iv.size() != 16) {
      throw new KeystoreException(file, "crypto.cipher.params.iv has " + iv.size() + " bytes, expected 16");
    }
    Bytes message = f.hex(cipher, "message");
    if (message.size() != BlsSecretKey.SIZE) {
      throw new KeystoreException(file, "crypto.cipher.message has " + message.size() + " bytes, expected 32 (a BLS secret key)");
    }
    Optional<Bytes> pubkey = Optional.empty();
    if (root.hasNonNull("pubkey") && !root.get("pubkey").asText().isEmpty()) {
      Bytes pk = f.hex(root, "pubkey");
      if (pk.size() != 48) {
        throw new KeystoreException(file, "pubkey has " + pk.size() + " bytes, expected 48");
      }
      pubkey = Optional.of(pk);
    }
    String path = root.hasNonNull("path") ? root.get("path").asText() : "";
    String uuid = root.hasNonNull("uuid") ? root.get("uuid").asText() : "";
    return new Keystore(file, kdf, checksumMessage, iv, message, pubkey, path, uuid);
  }

  /**
   * The secret key, for {@code password} (the text of the password, normalised here as EIP-2335
   * says). A wrong password fails the checksum: {@code <file>: wrong password (checksum mismatch)}.
   */
  public BlsSecretKey decrypt(String password) {
    byte[] derived = kdf.derive(KeystorePassword.toKdfBytes(password));
    if (!MessageDigest.isEqual(checksum(derived, cipherMessage), checksum.toArrayUnsafe())) {
      throw new KeystoreException(file, "wrong password (checksum mismatch; or the ciphertext was altered)");
    }
    byte[] secret = aes128Ctr(Cipher.DECRYPT_MODE, derived, iv, cipherMessage.toArrayUnsafe());
    BlsSecretKey key;
    try {
      key = BlsSecretKey.fromBytes(Bytes.wrap(secret));
    } catch (BlsException e) {
      throw new KeystoreException(file, "the decrypted secret is not a BLS secret key: " + e.getMessage());
    } finally {
      Arrays.fill(secret, (byte) 0);
      Arrays.fill(derived, (byte) 0);
    }
    if (pubkey.isPresent() && !pubkey.get().equals(key.publicKey().toBytes())) {
      throw new KeystoreException(file, "the decrypted key's public key " + key.publicKey().toBytes().toHexString()
          + " is not the keystore's pubkey " + pubkey.get().toHexString());
    }
    return key;
  }

  /** A new keystore for {@code secret} under {@code password} with {@code kdf}, a random IV and UUID. */
  public static Keystore encrypt(Path file, BlsSecretKey secret, String password, Kdf kdf, String path) {
    byte[] ivBytes = new byte[16];
    RANDOM.nextBytes(ivBytes);
    Bytes iv = Bytes.wrap(ivBytes);
    byte[] derived = kdf.derive(KeystorePassword.toKdfBytes(password));
    Bytes message = Bytes.wrap(aes128Ctr(Cipher.ENCRYPT_MODE, derived, iv, secret.toBytes().toArray()));
    Bytes checksum = Bytes.wrap(checksum(derived, message));
    return new Keystore(file, kdf, checksum, iv, message, Optional.of(secret.publicKey().toBytes()), path,
        UUID.randomUUID().toString());
  }

  /** A scrypt KDF with a fresh random salt (EIP-2335's recommended {@code n = 2^18} or cheaper for tests). */
  public static Kdf.Scrypt scrypt(int n) {
    return new Kdf.Scrypt(32, n, 8, 1, randomSalt());
  }

  /** A PBKDF2 KDF with a fresh random salt. */
  public static Kdf.Pbkdf2 pbkdf2(int c) {
    return new Kdf.Pbkdf2(32, c, randomSalt());
  }

  private static Bytes randomSalt() {
    byte[] salt = new byte[32];
    RANDOM.nextBytes(salt);
    return Bytes.wrap(salt);
  }

  /** The keystore as EIP-2335 JSON. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode crypto = root.putObject("crypto");
    ObjectNode kdfNode = crypto.putObject("kdf");
    kdfNode.put("function", kdf.function());
    ObjectNode params = kdfNode.putObject("params");
    switch (kdf) {
      case Kdf.Scrypt s -> {
        params.put("dklen", s.dklen());
        params.put("n", s.n());
        params.put("r", s.r());
        params.put("p", s.p());
      }
      case Kdf.Pbkdf2 p -> {
        params.put("dklen", p.dklen());
        params.put("c", p.c());
        params.put("prf", "hmac-sha256");
      }
    }
    params.put("salt", kdf.salt().toUnprefixedHexString());
    kdfNode.put("message", "");
    ObjectNode checksumNode = crypto.putObject("checksum");
    checksumNode.put("function", "sha256");
    checksumNode.putObject("params");
    checksumNode.put("message", checksum.toUnprefixedHexString());
    ObjectNode cipher = crypto.putObject("cipher");
    cipher.put("function", "aes-128-ctr");
    cipher.putObject("params").put("iv", iv.toUnprefixedHexString());
    cipher.put("message", cipherMessage.toUnprefixedHexString());
    root.put("description", "");
    pubkey.ifPresent(pk -> root.put("pubkey", pk.toUnprefixedHexString()));
    root.put("path", path);
    root.put("uuid", uuid);
    root.put("version", 4);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code SHA256(DK[16:32] ++ cipher_message)}. */
  private static byte[] checksum(byte[] derived, Bytes cipherMessage) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(derived, 16, 16);
      sha256.update(cipherMessage.toArrayUnsafe());
      return sha256.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  private static byte[] aes128Ctr(int mode, byte[] derived, Bytes iv, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(mode, new SecretKeySpec(derived, 0, 16, "AES"), new IvParameterSpec(iv.toArrayUnsafe()));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-128-CTR is missing from the JDK", e);
    }
  }

  /** Field access that fails with the field's JSON path and the file. */
  private record Fields(Path file) {
    JsonNode object(JsonNode parent, String name) {
      JsonNode node = parent.get(name);
      if (node == null || !node.isObject()) {
        throw missing(name, "an object");
      }
      return node;
    }

    String text(JsonNode parent, String name) {
      JsonNode node = parent.get(name);
      if (node == null || !node.isTextual()) {
        throw missing(name, "a string");
      }
      return node.asText();
    }

    long number(JsonNode parent, String name) {
      JsonNode node = parent.get(name);
      if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
        throw missing(name, "an integer");
      }
      return node.asLong();
    }

    int integer(JsonNode parent, String name) {
      long value = number(parent, name);
      if (value < 0 || value > Integer.MAX_VALUE) {
        throw new KeystoreException(file, "field '" + name + "' is " + value + ", out of range");
      }
      return (int) value;
    }

    Bytes hex(JsonNode parent, String name) {
      String text = text(parent, name);
      try {
        return Bytes.fromHexString(text.startsWith("0x") ? text : "0x" + text);
      } catch (IllegalArgumentException e) {
        throw new KeystoreException(file, "field '" + name + "' is not hex: '" + abbreviate(text) + "'");
      }
    }

    private KeystoreException missing(String name, String what) {
      return new KeystoreException(file, "not an EIP-2335 keystore: field '" + name + "' is missing or not " + what);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 20 ? text : text.substring(0, 20) + "...";
  }
}

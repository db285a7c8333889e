package io.edvt.node.validator.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import java.nio.file.Path;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

class KeystoreTest {
  static final String PASSWORD = "𝔱𝔢𝔰𝔱𝔭𝔞𝔰𝔰𝔴𝔬𝔯𝔡🔑";
  static final Bytes SECRET = Bytes.fromHexString("0x000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
  static final String PUBKEY = "9612d7a727c9d0a22e185a1c768478dfe919cada9266988cb32359c11f2b7b27f4ae4040902382ae2910c15e2b420d07";

  // The two test vectors of EIP-2335
  static final String SCRYPT_VECTOR = """
      {"crypto": {"kdf": {"function": "scrypt",
          "params": {"dklen": 32, "n": 262144, "p": 1, "r": 8,
                     "salt": "d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"},
          "message": ""},
        "checksum": {"function": "sha256", "params": {},
          "message": "d2217fe5f3e9a1e34581ef8a78f7c9928e436d36dacc5e846690a5581e8ea484"},
        "cipher": {"function": "aes-128-ctr", "params": {"iv": "264daa3f303d7259501c93d997d84fe6"},
          "message": "06ae90d55fe0a6e9c5c3bc5b170827b2e5cce3929ed3f116c2811e6366dfe20f"}},
       "description": "This is a test keystore that uses scrypt to secure the secret.",
       "pubkey": "%s", "path": "m/12381/60/3141592653/589793238",
       "uuid": "1d85ae20-35c5-4611-98e8-aa14a633906f", "version": 4}
      """.formatted(PUBKEY);
  static final String PBKDF2_VECTOR = """
      {"crypto": {"kdf": {"function": "pbkdf2",
          "params": {"dklen": 32, "c": 262144, "prf": "hmac-sha256",
                     "salt": "d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"},
          "message": ""},
        "checksum": {"function": "sha256", "params": {},
          "message": "8a9f5d9912ed7e75ea794bc5a89bca5f193721d30868ade6f73043c6ea6febf1"},
        "cipher": {"function": "aes-128-ctr", "params": {"iv": "264daa3f303d7259501c93d997d84fe6"},
          "message": "cee03fde2af33149775b7223e7845e4fb2c8ae1792e5f99fe9ecf474cc8c16ad"}},
       "description": "This is a test keystore that uses PBKDF2 to secure the secret.",
       "pubkey": "%s", "path": "m/12381/60/0/0",
       "uuid": "64625def-3331-4eea-ab6f-782f3ed16a83", "version": 4}
      """.formatted(PUBKEY);

  private static final Path FILE = Path.of("keys/vector.json");

  @Test
  void decryptsTheScryptTestVectorOfEip2335() {
    BlsSecretKey key = Keystore.parse(FILE, SCRYPT_VECTOR).decrypt(PASSWORD);
    assertThat(key.toBytes()).isEqualTo(SECRET);
    assertThat(key.publicKey().toBytes().toUnprefixedHexString()).isEqualTo(PUBKEY);
  }

  @Test
  void decryptsThePbkdf2TestVectorOfEip2335() {
    assertThat(Keystore.parse(FILE, PBKDF2_VECTOR).decrypt(PASSWORD).toBytes()).isEqualTo(SECRET);
  }

  @Test
  void normalisesThePasswordToNfkdAndStripsControlCharacters() {
    // the vector's password is "testpassword🔑" once its Fraktur letters are NFKD-normalised
    assertThat(Bytes.wrap(KeystorePassword.toKdfBytes(PASSWORD)))
        .isEqualTo(Bytes.fromHexString("0x7465737470617373776f7264f09f9491"));
    assertThat(new String(KeystorePassword.toKdfBytes("a\u0000b\u001fc\u007fd\u0085e\u009ff\n"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("abcdef");
    // U+00A0 (no-break space) is not a control character: NFKD makes it a space, which stays
    assertThat(KeystorePassword.toKdfBytes("a\u00a0b")).containsExactly('a', ' ', 'b');
  }

  @Test
  void refusesAWrongPasswordNamingTheFile() {
    Keystore keystore = Keystore.parse(FILE, PBKDF2_VECTOR);
    assertThatThrownBy(() -> keystore.decrypt("testpassword"))
        .isInstanceOf(KeystoreException.class)
        .hasMessage(FILE + ": wrong password (checksum mismatch; or the ciphertext was altered)");
  }

  @Test
  void writesKeystoresThatDecryptWithBothKdfs() {
    BlsSecretKey secret = BlsSecretKey.fromSeed(7);
    for (Kdf kdf : new Kdf[] {Keystore.scrypt(1 << 10), Keystore.pbkdf2(2048)}) {
      Keystore written = Keystore.encrypt(FILE, secret, "pass\u00e9word", kdf, "m/12381/3600/0/0/0");
      Keystore read = Keystore.parse(FILE, written.toJson());
      assertThat(read.kdf()).isEqualTo(kdf);
      // "é" composed and decomposed normalise to the same NFKD bytes
      assertThat(read.decrypt("passe\u0301word")).isEqualTo(secret);
      assertThatThrownBy(() -> read.decrypt("password")).hasMessageContaining("wrong password");
    }
  }

  @Test
  void tellsWhichFieldOfADamagedKeystoreIsWrong() {
    assertThatThrownBy(() -> Keystore.parse(FILE, SCRYPT_VECTOR.substring(0, 200)))
        .isInstanceOf(KeystoreException.class).hasMessageStartingWith(FILE + ": not JSON");
    assertThatThrownBy(() -> Keystore.parse(FILE, SCRYPT_VECTOR.replace("aes-128-ctr", "aes-256-gcm")))
        .hasMessage(FILE + ": crypto.cipher.function 'aes-256-gcm' is not supported (aes-128-ctr only)");
    assertThatThrownBy(() -> Keystore.parse(FILE, SCRYPT_VECTOR.replace("\"n\": 262144", "\"n\": 1000")))
        .hasMessage(FILE + ": crypto.kdf.params: scrypt n must be a power of two above 1, got 1000");
    assertThatThrownBy(() -> Keystore.parse(FILE, SCRYPT_VECTOR.replace("264daa3f303d7259501c93d997d84fe6", "264daa3f")))
        .hasMessage(FILE + ": crypto.cipher.params.iv has 4 bytes, expected 16");
    assertThatThrownBy(() -> Keystore.parse(FILE, SCRYPT_VECTOR.replace("\"version\": 4", "\"version\": 3")))
        .hasMessage(FILE + ": keystore version 3 is not supported (EIP-2335 version 4 only)");
    assertThatThrownBy(() -> Keystore.parse(FILE, PBKDF2_VECTOR.replace("\"c\": 262144,", "")))
        .hasMessage(FILE + ": not an EIP-2335 keystore: field 'c' is missing or not an integer");
  }

  @Test
  void refusesAKeystoreWhosePubkeyIsNotItsSecretsKey() {
    Keystore written = Keystore.encrypt(FILE, BlsSecretKey.fromSeed(1), "pw", Keystore.pbkdf2(16), "");
    String otherPubkey = BlsSecretKey.fromSeed(2).publicKey().toBytes().toUnprefixedHexString();
    String json = written.toJson().replace(written.pubkey().orElseThrow().toUnprefixedHexString(), otherPubkey);
    assertThatThrownBy(() -> Keystore.parse(FILE, json).decrypt("pw"))
        .hasMessageStartingWith(FILE + ": the decrypted key's public key")
        .hasMessageContaining("is not the keystore's pubkey 0x" + otherPubkey);
  }
}

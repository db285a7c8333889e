package io.edvt.node.validator.keys;

import org.apache.tuweni.bytes.Bytes;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;

/** The two key derivation functions EIP-2335 allows, with their parameters. */
public sealed interface Kdf {
  /** The derived key, {@code dklen} bytes. */
  byte[] derive(byte[] password);

  /** The name in the keystore's {@code crypto.kdf.function}. */
  String function();

  Bytes salt();

  /** {@code scrypt(password, salt, n, r, p, dklen)}; {@code n} a power of two above 1. */
  record Scrypt(int dklen, int n, int r, int p, Bytes salt) implements Kdf {
    public Scrypt {
      if (n < 2 || Integer.bitCount(n) != 1) {
        throw new IllegalArgumentException("scrypt n must be a power of two above 1, got " + n);
      }
      if (r < 1 || p < 1) {
        throw new IllegalArgumentException("scrypt r and p must be positive, got r=" + r + " p=" + p);
      }
      checkDklen(dklen);
    }

    @Override
    public byte[] derive(byte[] password) {
      return SCrypt.generate(password, salt.toArrayUnsafe(), n, r, p, dklen);
    }

    @Override
    public String function() {
      return "scrypt";
    }
  }

  /** {@code PBKDF2(HMAC-SHA256, password, salt, c, dklen)}. */
  record Pbkdf2(int dklen, int c, Bytes salt) implements Kdf {
    public Pbkdf2 {
      if (c < 1) {
        throw new IllegalArgumentException("pbkdf2 c must be positive, got " + c);
      }
      checkDklen(dklen);
    }

    @Override
    public byte[] derive(byte[] password) {
      PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
      generator.init(password, salt.toArrayUnsafe(), c);
      return ((KeyParameter) generator.generateDerivedParameters(dklen * 8)).getKey();
    }

    @Override
    public String function() {
      return "pbkdf2";
    }
  }

  private static void checkDklen(int dklen) {
    // AES-128 takes the first 16 bytes, the checksum the next 16
    if (dklen < 32) {
      throw new IllegalArgumentException("dklen must be at least 32, got " + dklen);
    }
  }
}

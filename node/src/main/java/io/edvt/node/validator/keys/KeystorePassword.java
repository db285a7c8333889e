package io.edvt.node.validator.keys;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * EIP-2335 password processing: the password is normalised to Unicode NFKD, the C0 (U+0000 to
 * U+001F), C1 (U+0080 to U+009F) and Delete (U+007F) control characters are removed, and the
 * result is encoded as UTF-8. A password file's trailing newline is a C0 character, so it goes
 * the same way.
 */
public final class KeystorePassword {
  private KeystorePassword() {}

  /** The bytes the KDF takes for {@code password}. */
  public static byte[] toKdfBytes(String password) {
    String normalized = Normalizer.normalize(password, Normalizer.Form.NFKD);
    StringBuilder kept = new StringBuilder(normalized.length());
    normalized.codePoints()
        .filter(cp -> !isControl(cp))
        .forEach(kept::appendCodePoint);
    return kept.toString().getBytes(StandardCharsets.UTF_8);
  }

  static boolean isControl(int codePoint) {
    return codePoint <= 0x1F || (codePoint >= 0x7F && codePoint <= 0x9F);
  }
}

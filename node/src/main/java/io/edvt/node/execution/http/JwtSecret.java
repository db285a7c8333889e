package io.edvt.node.execution.http;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The 256-bit secret the Engine API's JWTs are signed with (execution-apis authentication.md, "Key
 * distribution"): read from a file of 64 hex digits, as execution clients write their
 * {@code jwt.hex}. Its {@link #toString()} does not show it.
 */
public final class JwtSecret {
  /** The secret's size in bytes. */
  public static final int SIZE = 32;

  private final byte[] key;

  private JwtSecret(byte[] key) {
    this.key = key;
  }

  /**
   * The secret in {@code file}: 64 hex digits, with or without a {@code 0x} prefix, surrounding
   * whitespace ignored.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static JwtSecret read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException(file + ": the JWT secret must be " + 2 * SIZE + " hex digits, found other bytes", e);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the JWT secret (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
    try {
      return fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** The secret written as 64 hex digits, with or without {@code 0x}. */
  public static JwtSecret fromHex(String hex) {
    String digits = hex.strip();
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      digits = digits.substring(2);
    }
    if (digits.length() != 2 * SIZE) {
      throw new IllegalArgumentException("the JWT secret must be " + 2 * SIZE + " hex digits (256 bits), found "
          + digits.length() + " characters");
    }
    try {
      return new JwtSecret(HexFormat.of().parseHex(digits));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the JWT secret must be " + 2 * SIZE + " hex digits (256 bits): it has a non-hex character");
    }
  }

  /** A new random secret (for tests, and for writing a {@code jwt.hex} to share). */
  public static JwtSecret random() {
    byte[] key = new byte[SIZE];
    new SecureRandom().nextBytes(key);
    return new JwtSecret(key);
  }

  /** The secret as 64 hex digits, the form of a {@code jwt.hex} file. */
  public String toHex() {
    return HexFormat.of().formatHex(key);
  }

  byte[] key() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "JwtSecret[hidden]";
  }
}

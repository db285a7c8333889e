package io.edvt.networking.transport.encoding;

import java.util.Arrays;

/** Base58btc (the Bitcoin alphabet), the text form of peer ids and {@code /p2p/} multiaddr parts. */
public final class Base58 {
  private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEX = new int[128];

  static {
    Arrays.fill(INDEX, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEX[ALPHABET[i]] = i;
    }
  }

  private Base58() {}

  public static String encode(byte[] input) {
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    byte[] num = Arrays.copyOf(input, input.length);
    char[] out = new char[input.length * 2];
    int outStart = out.length;
    int start = zeros;
    while (start < num.length) {
      int remainder = 0;
      for (int i = start; i < num.length; i++) {
        int digit = (remainder << 8) | (num[i] & 0xFF);
        num[i] = (byte) (digit / 58);
        remainder = digit % 58;
      }
      out[--outStart] = ALPHABET[remainder];
      while (start < num.length && num[start] == 0) {
        start++;
      }
    }
    for (int i = 0; i < zeros; i++) {
      out[--outStart] = ALPHABET[0];
    }
    return new String(out, outStart, out.length - outStart);
  }

  /** @throws IllegalArgumentException naming the first character outside the alphabet */
  public static byte[] decode(String input) {
    if (input.isEmpty()) {
      return new byte[0];
    }
    byte[] digits = new byte[input.length()];
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      int d = c < 128 ? INDEX[c] : -1;
      if (d < 0) {
        throw new IllegalArgumentException("not base58btc: character '" + c + "' at position " + i + " of " + input);
      }
      digits[i] = (byte) d;
    }
    int zeros = 0;
    while (zeros < digits.length && digits[zeros] == 0) {
      zeros++;
    }
    byte[] out = new byte[input.length()];
    int outStart = out.length;
    int start = zeros;
    while (start < digits.length) {
      int remainder = 0;
      for (int i = start; i < digits.length; i++) {
        int digit = remainder * 58 + (digits[i] & 0xFF);
        digits[i] = (byte) (digit / 256);
        remainder = digit % 256;
      }
      out[--outStart] = (byte) remainder;
      while (start < digits.length && digits[start] == 0) {
        start++;
      }
    }
    while (outStart < out.length && out[outStart] == 0) {
      outStart++;
    }
    byte[] result = new byte[zeros + out.length - outStart];
    System.arraycopy(out, outStart, result, zeros, out.length - outStart);
    return result;
  }
}

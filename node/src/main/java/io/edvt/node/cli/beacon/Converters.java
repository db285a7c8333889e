package io.edvt.node.cli.beacon;

import io.edvt.node.config.ValidatorConfig.KeySource;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value forms of {@code edvt beacon-node}'s flags, Teku's forms. Each refusal says what was
 * given and what is accepted; picocli puts the flag in front
 * ({@code Invalid value for option '--p2p-port': '70000' is not a port (0 to 65535)}).
 */
public final class Converters {
  private Converters() {}

  /** A TCP or UDP port; 0 lets the system pick a free one. */
  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int port = Integer.parseInt(value.strip());
        if (port >= 0 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw new TypeConversionException("'" + value + "' is not a port (0 to 65535)");
    }
  }

  /** A count: 0 or more. */
  static final class Count implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int n = Integer.parseInt(value.strip());
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw new TypeConversionException("'" + value + "' is not a count (a whole number, 0 or more)");
    }
  }

  /** A non-negative 64-bit number (a gas limit). */
  static final class Unsigned implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        long n = Long.parseLong(value.strip());
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw new TypeConversionException("'" + value + "' is not a whole number of 0 or more");
    }
  }

  private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

  /**
   * A literal IPv4 or IPv6 address. No name lookup: an address the node advertises or listens on
   * must not depend on DNS at start (and a typo should fail here, not as a timeout).
   */
  static final class IpAddress implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (isIpLiteral(value)) {
        return value;
      }
      throw new TypeConversionException("'" + value + "' is not an IP address (IPv4 like 10.0.0.1, or IPv6 like ::1)");
    }
  }

  /** Where a server listens: a literal IP address, or {@code localhost}. */
  static final class Interface implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.equals("localhost") || isIpLiteral(value)) {
        return value;
      }
      throw new TypeConversionException("'" + value + "' is not an interface address (an IP address such as 0.0.0.0 or 127.0.0.1, or localhost)");
    }
  }

  static boolean isIpLiteral(String value) {
    if (IPV4.matcher(value).matches()) {
      return true;
    }
    if (!IPV6.matcher(value).matches()) {
      return false;
    }
    try {
      // a literal with only hex digits, colons and dots is parsed without any lookup
      return java.net.InetAddress.getByName(value) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** An Ethereum node record in its text form, {@code enr:} and unpadded base64url (EIP-778). */
  static final class Enr implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.strip();
      if (v.startsWith("enr:") && v.length() > 4) {
        try {
          Base64.getUrlDecoder().decode(v.substring(4));
          return v;
        } catch (IllegalArgumentException e) {
          // refused below
        }
      }
      throw new TypeConversionException("'" + abbreviate(v) + "' is not an ENR (enr: followed by base64url, as in enr:-Iq4Q...)");
    }
  }

  /** An http or https URL with a host. */
  public static final class HttpUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      try {
        URI uri = new URI(value.strip());
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // refused below
      }
      throw new TypeConversionException("'" + value + "' is not an http(s) URL (like http://127.0.0.1:8551)");
    }
  }

  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  /** An execution-layer address: 0x and 40 hex digits (either case; the EIP-55 checksum is not checked). */
  static final class Eth1Address implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (ADDRESS.matcher(value.strip()).matches()) {
        return value.strip();
      }
      throw new TypeConversionException("'" + value + "' is not an address (0x and 40 hex digits)");
    }
  }

  /** {@code --validator-keys} entry: {@code KEYS:PASSWORDS}. */
  static final class ValidatorKeys implements ITypeConverter<KeySource> {
    @Override
    public KeySource convert(String value) {
      int colon = value.indexOf(':');
      if (colon <= 0 || colon == value.length() - 1 || value.indexOf(':', colon + 1) >= 0) {
        throw new TypeConversionException("'" + value + "' is not KEYS:PASSWORDS (a keystore file or folder, a colon, "
            + "its password file or folder)");
      }
      return new KeySource(Path.of(value.substring(0, colon)), Path.of(value.substring(colon + 1)));
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 24 ? s : s.substring(0, 21) + "...";
  }
}

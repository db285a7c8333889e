package io.edvt.node.execution.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.InstantSource;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bearer tokens of the Engine API (execution-apis authentication.md): a JWT signed with HS256
 * under the shared secret, whose only claim is {@code iat}, the current time in seconds. Execution
 * clients accept an {@code iat} within 60 s of their clock, so a fresh token is made for every
 * request (an HMAC costs about a microsecond).
 */
public final class JwtTokens {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER =
      BASE64URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));

  private final SecretKeySpec key;
  private final InstantSource clock;

  public JwtTokens(JwtSecret secret, InstantSource clock) {
    this.key = new SecretKeySpec(secret.key(), "HmacSHA256");
    this.clock = clock;
  }

  /** A token issued now. */
  public String token() {
    long iat = clock.instant().getEpochSecond();
    String claims = BASE64URL.encodeToString(("{\"iat\":" + iat + "}").getBytes(StandardCharsets.US_ASCII));
    String signingInput = HEADER + "." + claims;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}

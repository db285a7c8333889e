package io.edvt.groups;

import java.util.Objects;

/** One member's signature, tagged with the member's index in the key set in force. */
public record MemberSignature<S>(int member, S signature) {
  public MemberSignature {
    Objects.requireNonNull(signature, "signature");
  }
}

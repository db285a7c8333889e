package io.edvt.node.validator.keys;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import java.nio.file.Path;

/** A decrypted key and the keystore it came from. */
public record LoadedKey(BlsSecretKey secretKey, Path keystore) {
  public BlsPublicKey publicKey() {
    return secretKey.publicKey();
  }

  @Override
  public String toString() {
    return "LoadedKey[" + publicKey() + " from " + keystore + "]";
  }
}

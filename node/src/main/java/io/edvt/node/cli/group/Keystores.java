package io.edvt.node.cli.group;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.node.cli.InputException;
import io.edvt.node.validator.keys.KeySource;
import io.edvt.node.validator.keys.KeystoreException;
import io.edvt.node.validator.keys.LoadProgress;
import io.edvt.node.validator.keys.LoadedKey;
import io.edvt.node.validator.keys.ValidatorKeyLoader;
import java.util.ArrayList;
import java.util.List;

/** Keystores named by a {@code <keystores>:<passwords>} flag, decrypted, in the order given (each folder by file name). */
final class Keystores {
  private Keystores() {}

  static List<BlsSecretKey> load(String flag, List<String> values) {
    List<BlsSecretKey> out = new ArrayList<>();
    for (String value : values) {
      KeySource source;
      try {
        source = KeySource.parse(value);
      } catch (IllegalArgumentException e) {
        throw new InputException(flag + " '" + value + "' is not <keystores>:<passwords>");
      }
      try {
        for (LoadedKey key : ValidatorKeyLoader.load(List.of(source), ValidatorKeyLoader.defaultThreads(), LoadProgress.NONE)) {
          out.add(key.secretKey());
        }
      } catch (KeystoreException e) {
        throw new InputException(flag + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}

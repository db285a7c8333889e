package io.edvt.node.validator.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorKeyLoaderTest {
  @TempDir Path dir;

  /** teku-keys/0x<pubkey>.json + teku-secrets/0x<pubkey>.txt, as ethereum-package writes them. */
  private List<BlsSecretKey> writeTekuLayout(int count) throws IOException {
    Files.createDirectories(dir.resolve("teku-keys"));
    Files.createDirectories(dir.resolve("teku-secrets"));
    List<BlsSecretKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BlsSecretKey key = BlsSecretKey.interop(i);
      keys.add(key);
      String name = key.publicKey().toBytes().toHexString();
      Path file = dir.resolve("teku-keys/" + name + ".json");
      Files.writeString(file, Keystore.encrypt(file, key, "secret" + i, Keystore.scrypt(1 << 10), "").toJson());
      Files.writeString(dir.resolve("teku-secrets/" + name + ".txt"), "secret" + i + "\n");
    }
    Files.writeString(dir.resolve("teku-keys/README"), "not a keystore");
    return keys;
  }

  /** keys/0x<pubkey>/voting-keystore.json + secrets/0x<pubkey>. */
  private List<BlsSecretKey> writeLighthouseLayout(int count) throws IOException {
    List<BlsSecretKey> keys = new ArrayList<>();
    Files.createDirectories(dir.resolve("secrets"));
    for (int i = 0; i < count; i++) {
      BlsSecretKey key = BlsSecretKey.interop(100 + i);
      keys.add(key);
      String name = key.publicKey().toBytes().toHexString();
      Path file = dir.resolve("keys/" + name + "/voting-keystore.json");
      Files.createDirectories(file.getParent());
      Files.writeString(file, Keystore.encrypt(file, key, "pw " + i, Keystore.pbkdf2(1000), "").toJson());
      Files.writeString(dir.resolve("secrets/" + name), "pw " + i);
    }
    return keys;
  }

  @Test
  void loadsBothEthereumPackageLayoutsInParallelWithProgress() throws IOException {
    List<BlsSecretKey> teku = writeTekuLayout(6);
    List<BlsSecretKey> lighthouse = writeLighthouseLayout(3);
    ConcurrentLinkedQueue<Integer> progress = new ConcurrentLinkedQueue<>();
    List<LoadedKey> loaded = ValidatorKeyLoader.load(
        List.of(KeySource.parse(dir.resolve("teku-keys") + ":" + dir.resolve("teku-secrets")),
            KeySource.parse(dir.resolve("keys") + ":" + dir.resolve("secrets"))),
        2, (done, total) -> {
          assertThat(total).isEqualTo(9);
          progress.add(done);
        });
    assertThat(loaded).hasSize(9);
    assertThat(loaded.stream().map(LoadedKey::secretKey))
        .containsExactlyInAnyOrderElementsOf(concat(teku, lighthouse));
    assertThat(progress).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(loaded.get(6).keystore().getFileName().toString()).isEqualTo("voting-keystore.json");
  }

  @Test
  void aMissingPasswordFileNamesTheKeystoreAndTheExpectedFile() throws IOException {
    List<BlsSecretKey> keys = writeLighthouseLayout(2);
    String name = keys.get(1).publicKey().toBytes().toHexString();
    Files.delete(dir.resolve("secrets/" + name));
    assertThatThrownBy(() -> ValidatorKeyLoader.discover(new KeySource(dir.resolve("keys"), dir.resolve("secrets"))))
        .isInstanceOf(KeystoreException.class)
        .hasMessage(dir.resolve("keys/" + name + "/voting-keystore.json") + ": no password file " + dir.resolve("secrets/" + name));
  }

  @Test
  void aWrongPasswordAmongManyIsOneLineNamingThatKeystore() throws IOException {
    List<BlsSecretKey> keys = writeTekuLayout(4);
    String name = keys.get(2).publicKey().toBytes().toHexString();
    Files.writeString(dir.resolve("teku-secrets/" + name + ".txt"), "not the password");
    assertThatThrownBy(() -> ValidatorKeyLoader.load(List.of(new KeySource(dir.resolve("teku-keys"), dir.resolve("teku-secrets"))), 2, LoadProgress.NONE))
        .hasMessage(dir.resolve("teku-keys/" + name + ".json") + ": wrong password (checksum mismatch; or the ciphertext was altered)")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aDamagedKeystoreNamesItsFileAndCountsOtherFailures() throws IOException {
    List<BlsSecretKey> keys = writeTekuLayout(3);
    Path first = dir.resolve("teku-keys/" + keys.get(0).publicKey().toBytes().toHexString() + ".json");
    Path second = dir.resolve("teku-keys/" + keys.get(1).publicKey().toBytes().toHexString() + ".json");
    Path damaged = first.compareTo(second) < 0 ? first : second;
    Files.writeString(first, Files.readString(first).substring(0, 100));
    Files.writeString(second, "");
    assertThatThrownBy(() -> ValidatorKeyLoader.load(List.of(new KeySource(dir.resolve("teku-keys"), dir.resolve("teku-secrets"))), 2, LoadProgress.NONE))
        .hasMessageStartingWith(damaged + ": not ")
        .hasMessageEndingWith("(and 1 more keystores failed, see the log)");
  }

  @Test
  void refusesTheSameKeyInTwoKeystoresAndAnEmptyFolder() throws IOException {
    List<BlsSecretKey> keys = writeTekuLayout(1);
    String name = keys.get(0).publicKey().toBytes().toHexString();
    Files.copy(dir.resolve("teku-keys/" + name + ".json"), dir.resolve("teku-keys/copy.json"));
    Files.copy(dir.resolve("teku-secrets/" + name + ".txt"), dir.resolve("teku-secrets/copy.txt"));
    assertThatThrownBy(() -> ValidatorKeyLoader.load(List.of(new KeySource(dir.resolve("teku-keys"), dir.resolve("teku-secrets"))), 1, LoadProgress.NONE))
        .hasMessageContaining("holds the same key " + keys.get(0).publicKey());
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> ValidatorKeyLoader.discover(new KeySource(dir.resolve("empty"), dir.resolve("teku-secrets"))))
        .hasMessageStartingWith(dir.resolve("empty") + ": no keystores found");
    assertThatThrownBy(() -> KeySource.parse("keys-only")).hasMessage("--validator-keys 'keys-only' is not <keystores>:<passwords>");
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}

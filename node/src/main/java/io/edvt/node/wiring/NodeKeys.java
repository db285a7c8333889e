package io.edvt.node.wiring;

import io.edvt.networking.discovery.NodeKeyStore;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.node.config.P2pConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The node's secp256k1 identity: {@code --Xp2p-private-key-file-secp256k1} when given (32 bytes
 * as hex, as Teku and ethereum-package write it), else the key kept in
 * {@code <data-path>/network/node-key}, made at the first start so the peer id and ENR stay the
 * same across restarts.
 */
final class NodeKeys {
  private NodeKeys() {}

  static Secp256k1PrivateKey load(P2pConfig p2p, Path dataPath) {
    if (p2p.privateKeyFile().isPresent()) {
      Path file = p2p.privateKeyFile().get();
      String hex;
      try {
        hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("--Xp2p-private-key-file-secp256k1 " + file + ": cannot read it: " + e.getMessage(), e);
      }
      try {
        return Secp256k1PrivateKey.fromRaw(HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--Xp2p-private-key-file-secp256k1 " + file
            + ": not a 32-byte hex secp256k1 private key (" + e.getMessage() + ")", e);
      }
    }
    Path dir = dataPath.resolve("network");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException(dir + ": cannot create the folder for the node key: " + e.getMessage(), e);
    }
    return new NodeKeyStore(dir).loadOrCreateKey(new SecureRandom());
  }
}

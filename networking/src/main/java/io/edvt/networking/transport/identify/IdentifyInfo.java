package io.edvt.networking.transport.identify;

import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.PublicKey;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.util.List;
import java.util.Optional;

/**
 * What a peer told us about itself over identify, checked: its public key is the one of the
 * connection's peer id. Listen addresses in protocols we do not parse (websockets, circuits) are
 * left out; {@code unparsedAddresses} counts them.
 */
public record IdentifyInfo(PeerId peerId, PublicKey publicKey, String protocolVersion, String agentVersion,
    List<Multiaddr> listenAddresses, int unparsedAddresses, Optional<Multiaddr> observedAddress, List<String> protocols) {
  public IdentifyInfo {
    listenAddresses = List.copyOf(listenAddresses);
    protocols = List.copyOf(protocols);
  }
}

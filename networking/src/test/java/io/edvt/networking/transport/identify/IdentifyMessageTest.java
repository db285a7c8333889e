package io.edvt.networking.transport.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.networking.transport.encoding.WireFormatException;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifyMessageTest {
  @Test
  void roundTripsWithTheSpecsFieldNumbers() {
    byte[] addr = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001").toBytes();
    IdentifyMessage m = new IdentifyMessage("ipfs/0.1.0", "edvt/0.1.0", new byte[] {8, 2}, List.of(addr), addr,
        List.of("/ipfs/id/1.0.0"));
    byte[] bytes = m.encode();
    String hex = HexFormat.of().formatHex(bytes);
    assertThat(hex).startsWith("0a020802" + "1208047f000001060fa1" + "1a0e" + HexFormat.of().formatHex("/ipfs/id/1.0.0".getBytes()));
    assertThat(IdentifyMessage.decode(bytes)).isEqualTo(m);
  }

  @Test
  void skipsTheSignedPeerRecordAndRefusesTooManyProtocols() {
    byte[] withRecord = HexFormat.of().parseHex("4203010203" + "3203617a62");
    IdentifyMessage m = IdentifyMessage.decode(withRecord);
    assertThat(m.agentVersion()).isEqualTo("azb");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < IdentifyMessage.MAX_LIST + 1; i++) {
      many.append("1a012f");
    }
    assertThatThrownBy(() -> IdentifyMessage.decode(HexFormat.of().parseHex(many.toString())))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("more than 256 protocols");
  }
}

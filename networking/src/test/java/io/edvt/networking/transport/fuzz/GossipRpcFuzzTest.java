package io.edvt.networking.transport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.networking.gossip.codec.Rpc;
import io.edvt.networking.gossip.codec.RpcCodec;
import io.edvt.networking.gossip.codec.RpcLimits;
import io.edvt.networking.transport.encoding.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the gossipsub RPC decoder with {@link Fuzzer} (5 000 inputs; the long run takes
 * {@code -Dedvt.fuzz.iterations=1000000}): it must decode or refuse with a
 * {@link WireFormatException}; what it decodes must encode and decode back to the same RPC, and
 * stay within the limits.
 */
class GossipRpcFuzzTest {
  /** Small limits, so that mutations reach them. */
  private static final RpcLimits LIMITS = new RpcLimits(64 * 1024, 4096, 8, 8, 16, 16, 8, 16, 4, 64, 32);

  private static List<byte[]> corpus() {
    byte[] id = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    Rpc.Control control = new Rpc.Control(List.of(new Rpc.IHave("topic", List.of(id, id))),
        List.of(new Rpc.IWant(List.of(id))), List.of(new Rpc.Graft("topic")),
        List.of(new Rpc.Prune("topic", List.of(new Rpc.PeerInfo(new byte[] {0, 37, 8, 2}, new byte[] {1})), 60L),
            new Rpc.Prune("other", List.of(), null)),
        List.of(new Rpc.IDontWant(List.of(id))));
    return List.of(
        RpcCodec.encode(new Rpc(List.of(new Rpc.SubOpts(true, "/eth2/00000000/beacon_block/ssz_snappy"),
            new Rpc.SubOpts(false, "b")), List.of(), null)),
        RpcCodec.encode(Rpc.ofMessages(List.of(Rpc.Message.unsigned("topic", new byte[300]),
            Rpc.Message.unsigned("t", new byte[] {1, 2, 3})))),
        RpcCodec.encode(Rpc.ofMessages(List.of(new Rpc.Message(new byte[] {1}, new byte[] {2}, new byte[8], "t",
            new byte[64], new byte[33])))),
        RpcCodec.encode(Rpc.ofControl(control)),
        RpcCodec.encode(new Rpc(List.of(new Rpc.SubOpts(true, "topic")), List.of(Rpc.Message.unsigned("topic", id)),
            control)));
  }

  @Test
  void gossipRpc() {
    Fuzzer.Result r = Fuzzer.run("gossip rpc", corpus(), input -> {
      Rpc rpc = RpcCodec.decode(input, LIMITS);
      assertThat(rpc.subscriptions().size()).isLessThanOrEqualTo(LIMITS.maxSubscriptions());
      assertThat(rpc.messages().size()).isLessThanOrEqualTo(LIMITS.maxMessages());
      Rpc again = RpcCodec.decode(RpcCodec.encode(rpc), LIMITS);
      assertThat(again).isEqualTo(rpc);
      assertThat(RpcCodec.encode(again)).isEqualTo(RpcCodec.encode(rpc));
    }, WireFormatException.class);
    assertThat(r.accepted()).isPositive();
    assertThat(r.rejected()).isPositive();
  }
}

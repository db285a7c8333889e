package io.edvt.networking.eth2.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.interop.BellatrixShapes.Shape;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.eth2.messages.RangeRequest;
import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.eth2.rpc.ChainDataSource;
import io.edvt.networking.eth2.rpc.Eth2Client;
import io.edvt.networking.eth2.rpc.Eth2Methods;
import io.edvt.networking.eth2.rpc.Eth2Responders;
import io.edvt.networking.eth2.rpc.GoodbyeReason;
import io.edvt.networking.eth2.testing.TestChains;
import io.edvt.networking.reqresp.ChunkEncoder;
import io.edvt.networking.reqresp.ReqResp;
import io.edvt.networking.reqresp.ReqRespConfig;
import io.edvt.networking.reqresp.ResponseCode;
import io.edvt.networking.reqresp.ResponseDecoder;
import io.edvt.networking.reqresp.ResponseTypes;
import io.edvt.networking.reqresp.RpcMethod;
import io.edvt.networking.reqresp.SizeBounds;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.ConnectionListener;
import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.identify.IdentifyInfo;
import io.edvt.networking.transport.mplex.MplexSession;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.edvt.SpecVersions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our req/resp against a real consensus client: a Lodestar 1.5.1 dev node ({@link LodestarNode},
 * installed by {@link LodestarInstall}), which speaks mplex only and the phase0..Altair versions
 * of the methods (status/1, metadata/2). One node serves every test of the class; it produces a
 * block per 6 s slot, and the tests wait for its head to reach slot 2 (about 20 s after start).
 *
 * <p>Run alone: {@code mvn -pl networking -am test -Dtest=LodestarInteropTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Timeout(600)
class LodestarInteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Lodestar's dev chain is Bellatrix from genesis: its digest has the minimal preset's Bellatrix version. */
  private static final Bytes BELLATRIX_FORK_VERSION = Bytes.fromHexString("0x02000001");
  private static final SpecVersions VERSIONS = TestChains.versions(100);

  private static LodestarNode lodestar;
  private static Bytes lodestarDigest;

  private final List<Host> hosts = new ArrayList<>();
  private final List<ReqResp> engines = new ArrayList<>();

  @BeforeAll
  static void startLodestar() throws Exception {
    lodestar = LodestarNode.start();
    lodestar.awaitHeadSlot(2, Duration.ofSeconds(120));
    lodestarDigest = VERSIONS.fulu().misc().computeForkDataRoot(BELLATRIX_FORK_VERSION, lodestar.genesisValidatorsRoot())
        .slice(0, 4);
  }

  @AfterAll
  static void stopLodestar() throws Exception {
    if (lodestar != null) {
      lodestar.close();
    }
  }

  @AfterEach
  void stop() {
    hosts.forEach(Host::close);
    engines.forEach(ReqResp::close);
  }

  /** Our side: a host answering status (with {@code status}), ping, metadata and goodbye. */
  private final class Us {
    final Host host;
    final ReqResp reqResp;
    final Eth2Client client;
    final CompletableFuture<UInt64> goodbye = new CompletableFuture<>();
    final CompletableFuture<StatusMessage> theirStatus = new CompletableFuture<>();
    final StatusMessage status;
    final Eth2Methods methods;

    Us(StatusMessage status) {
      this.status = status;
      host = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withEventLoopThreads(1));
      hosts.add(host);
      methods = new Eth2Methods(new ForkDigests(VERSIONS, Bytes32.ZERO));
      reqResp = new ReqResp(ReqRespConfig.defaults());
      engines.add(reqResp);
      new Eth2Responders(methods, source()).register(reqResp, host.registry());
      client = new Eth2Client(reqResp, methods);
    }

    private ChainDataSource source() {
      MetadataMessage metadata = MetadataMessage.v3Type(64).create(UInt64.valueOf(3), SszBits.zeros(64), SszBits.zeros(4),
          UInt64.valueOf(4));
      return new ChainDataSource() {
        @Override
        public StatusMessage status() {
          return status;
        }

        @Override
        public MetadataMessage metadata() {
          return metadata;
        }

        @Override
        public UInt64 currentSlot() {
          return UInt64.ZERO;
        }

        @Override
        public java.util.stream.Stream<SignedBeaconBlock> blocksByRange(UInt64 startSlot, long count) {
          return java.util.stream.Stream.empty();
        }

        @Override
        public Optional<SignedBeaconBlock> blockByRoot(Bytes32 root) {
          return Optional.empty();
        }

        @Override
        public java.util.stream.Stream<DataColumnSidecar> dataColumnSidecarsByRange(UInt64 startSlot, long count, List<UInt64> columns) {
          return java.util.stream.Stream.empty();
        }

        @Override
        public Optional<DataColumnSidecar> dataColumnSidecar(Bytes32 blockRoot, UInt64 column) {
          return Optional.empty();
        }

        @Override
        public void onPeerStatus(PeerId peer, StatusMessage s) {
          theirStatus.complete(s);
        }

        @Override
        public void onGoodbye(PeerId peer, UInt64 reason) {
          goodbye.complete(reason);
        }
      };
    }
  }

  /** A status Lodestar finds relevant: its own digest, nothing finalized, at genesis. */
  private static StatusMessage relevantStatus() {
    return StatusMessage.v2(lodestarDigest, Bytes32.ZERO, UInt64.ZERO, Bytes32.ZERO, UInt64.ZERO, UInt64.ZERO);
  }

  /** {@code beacon_blocks_by_range/2} with Bellatrix chunks under Lodestar's digest (the only context accepted). */
  private static final RpcMethod<RangeRequest, Shape> BELLATRIX_BLOCKS = new RpcMethod<>("beacon_blocks_by_range", 2,
      Optional.of(RangeRequest.TYPE), new ResponseTypes<>() {
        @Override
        public int contextLength() {
          return 4;
        }

        @Override
        public SszType<Shape> typeFor(Bytes context) {
          if (!context.equals(lodestarDigest)) {
            throw new WireFormatException("not Lodestar's Bellatrix digest " + lodestarDigest);
          }
          return BellatrixShapes.SIGNED_BLOCK;
        }

        @Override
        public Bytes contextOf(Shape value) {
          return lodestarDigest;
        }

        @Override
        public byte[] serialize(Shape value) {
          return value.serialize();
        }
      }, r -> r.count().longValue(), false, r -> r.count().longValue());

  @Test
  void weDialLodestarAndExchangeStatusPingMetadataAndABlockRange() throws Exception {
    Us us = new Us(relevantStatus());
    Connection c = us.host.dial(lodestar.address()).get(10, TimeUnit.SECONDS);
    assertThat(c.muxer()).isEqualTo(MplexSession.PROTOCOL_ID); // Lodestar 1.5.1 refuses yamux
    assertThat(c.remotePeerId()).isEqualTo(lodestar.peerId());
    IdentifyInfo identify = us.host.identify(c).get(10, TimeUnit.SECONDS);
    assertThat(identify.agentVersion()).startsWith("lodestar/v1.5.1");
    assertThat(identify.protocols()).contains("/eth2/beacon_chain/req/status/1/ssz_snappy")
        .doesNotContain("/eth2/beacon_chain/req/status/2/ssz_snappy");

    // status: v2 is not negotiated, v1 is; the answer is Lodestar's view of its chain
    StatusMessage theirs = us.client.status(c, relevantStatus()).get(10, TimeUnit.SECONDS);
    assertThat(theirs.earliestAvailableSlot()).isEmpty();
    assertThat(theirs.forkDigest()).isEqualTo(lodestarDigest);
    JsonNode header = lodestar.get("/eth/v1/beacon/headers/" + theirs.headSlot()).orElseThrow();
    assertThat(theirs.headRoot()).isEqualTo(Bytes32.fromHexString(header.at("/data/root").asText()));
    assertThat(theirs.headSlot().longValue()).isGreaterThanOrEqualTo(2);
    assertThat(theirs.finalizedEpoch()).isEqualTo(UInt64.ZERO);

    // ping and metadata against its REST identity
    JsonNode identity = lodestar.get("/eth/v1/node/identity").orElseThrow().get("data");
    UInt64 seq = us.client.ping(c, UInt64.valueOf(3)).get(10, TimeUnit.SECONDS);
    assertThat(seq).isEqualTo(UInt64.valueOf(identity.at("/metadata/seq_number").asText()));
    MetadataMessage md = us.client.metadata(c).get(10, TimeUnit.SECONDS);
    assertThat(md.custodyGroupCount()).isEmpty(); // v3 not spoken: v2
    assertThat(md.seqNumber()).isEqualTo(seq);
    assertThat(Bytes.wrap(md.attnets().packedBytes()).toHexString()).isEqualTo(identity.at("/metadata/attnets").asText());

    // blocks by range: every chunk's context is Lodestar's digest, each decodes (Bellatrix shape) to the
    // block whose root its REST API gives for the slot, and they form a chain
    List<Shape> blocks = us.reqResp.request(c, BELLATRIX_BLOCKS, RangeRequest.of(1, 64)).get(10, TimeUnit.SECONDS);
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
    Bytes32 previous = null;
    for (Shape signed : blocks) {
      Shape block = signed.container(0);
      long slot = block.uint(0).longValue();
      JsonNode h = lodestar.get("/eth/v1/beacon/headers/" + slot).orElseThrow();
      assertThat(block.hashTreeRoot()).as("root of the block at slot %d", slot)
          .isEqualTo(Bytes32.fromHexString(h.at("/data/root").asText()));
      assertThat(block.root(3)).isEqualTo(Bytes32.fromHexString(h.at("/data/header/message/state_root").asText()));
      if (previous != null) {
        assertThat(block.root(2)).as("parent of slot %d", slot).isEqualTo(previous);
      }
      previous = block.hashTreeRoot();
    }

    // the same range, read as raw bytes and decoded here byte by byte: result bytes, context, lengths, framing and CRCs
    byte[] raw = rawResponse(c, BELLATRIX_BLOCKS.protocolId(), ChunkEncoder.request(RangeRequest.of(1, 64).serialize()))
        .get(10, TimeUnit.SECONDS);
    ResponseDecoder decoder = new ResponseDecoder(new ResponseDecoder.ChunkBounds() {
      @Override
      public int contextLength() {
        return 4;
      }

      @Override
      public SizeBounds bounds(Bytes context) {
        assertThat(context).isEqualTo(lodestarDigest);
        return SizeBounds.of(BellatrixShapes.SIGNED_BLOCK, ReqRespConfig.DEFAULT_MAX_PAYLOAD_SIZE);
      }
    }, 64);
    List<ResponseDecoder.Chunk> chunks = new ArrayList<>();
    for (byte b : raw) {
      chunks.addAll(decoder.decode(Unpooled.wrappedBuffer(new byte[] {b})));
    }
    chunks.addAll(decoder.finish());
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(blocks.size());
    for (int i = 0; i < blocks.size(); i++) {
      assertThat(chunks.get(i).code()).isEqualTo(ResponseCode.SUCCESS);
      assertThat(chunks.get(i).payload()).isEqualTo(blocks.get(i).serialize());
    }
    assertThat(c.isOpen()).isTrue();
  }

  /** Sends {@code request} on a new stream of {@code protocol}, returns every byte of the response. */
  private static CompletableFuture<byte[]> rawResponse(Connection c, String protocol, ByteBuf request) {
    CompletableFuture<byte[]> out = new CompletableFuture<>();
    ByteBuf collected = Unpooled.buffer();
    c.openStream(protocol, new StreamHandler() {
      @Override
      public void onActive(Stream stream) {
        stream.write(request);
        stream.closeWrite();
      }

      @Override
      public void onData(Stream stream, ByteBuf data) {
        collected.writeBytes(data);
        data.release();
      }

      @Override
      public void onRemoteClosed(Stream stream) {
        out.complete(ByteBufUtil.getBytes(collected));
      }

      @Override
      public void onClosed(Stream stream, StreamClosedException cause) {
        if (cause != null) {
          out.completeExceptionally(cause);
        }
        collected.release();
      }
    });
    return out;
  }

  @Test
  void aPeerOfAnotherForkIsAnsweredThenDisconnected() throws Exception {
    ForkDigests ours = new ForkDigests(VERSIONS, Bytes32.ZERO);
    StatusMessage fulu = StatusMessage.v2(ours.digestAt(UInt64.ZERO), Bytes32.ZERO, UInt64.ZERO, Bytes32.ZERO, UInt64.ZERO,
        UInt64.ZERO);
    Us us = new Us(fulu);
    Connection c = us.host.dial(lodestar.address()).get(10, TimeUnit.SECONDS);
    StatusMessage theirs = us.client.status(c, fulu).get(10, TimeUnit.SECONDS);
    assertThat(theirs.forkDigest()).isEqualTo(lodestarDigest).isNotEqualTo(fulu.forkDigest());
    // Lodestar sends goodbye/1 with reason 2 and disconnects whether or not the goodbye got through
    // (its goodbye is best effort, with a short timeout): in some runs the connection closed before
    // the goodbye's stream reached us. The disconnect is the rule; a goodbye that arrives must say
    // why.
    c.closeFuture().get(30, TimeUnit.SECONDS);
    assertThat(c.isOpen()).isFalse();
    if (us.goodbye.isDone()) {
      assertThat(us.goodbye.get()).isEqualTo(GoodbyeReason.IRRELEVANT_NETWORK);
    }
  }

  @Test
  void lodestarDialsUsSendsItsStatusAndAnswersOurPing() throws Exception {
    Us us = new Us(relevantStatus());
    CompletableFuture<Connection> inbound = new CompletableFuture<>();
    us.host.addConnectionListener(new ConnectionListener() {
      @Override
      public void onConnected(Connection connection) {
        if (connection.direction() == Direction.INBOUND) {
          inbound.complete(connection);
        }
      }
    });
    Multiaddr address = us.host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    lodestar.connectTo(us.host.peerId(), address.withoutPeerId());
    Connection c = inbound.get(20, TimeUnit.SECONDS);
    assertThat(c.remotePeerId()).isEqualTo(lodestar.peerId());
    assertThat(c.muxer()).isEqualTo(MplexSession.PROTOCOL_ID);
    // the dialer sends status first (phase0 p2p): Lodestar's request reached our responder
    StatusMessage theirs = us.theirStatus.get(20, TimeUnit.SECONDS);
    assertThat(theirs.forkDigest()).isEqualTo(lodestarDigest);
    assertThat(theirs.earliestAvailableSlot()).isEmpty(); // status/1
    assertThat(us.client.ping(c, UInt64.ONE).get(10, TimeUnit.SECONDS))
        .isEqualTo(UInt64.valueOf(lodestar.get("/eth/v1/node/identity").orElseThrow().at("/data/metadata/seq_number").asText()));
    assertThat(us.goodbye).isNotDone();
  }
}

package io.edvt.networking.eth2.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.eth2.messages.StatusMessage;
import io.edvt.networking.eth2.testing.InMemoryChain;
import io.edvt.networking.eth2.testing.TestChains;
import io.edvt.networking.reqresp.ChunkEncoder;
import io.edvt.networking.reqresp.ReqResp;
import io.edvt.networking.reqresp.ReqRespConfig;
import io.edvt.networking.reqresp.ResponseCode;
import io.edvt.networking.reqresp.RpcErrorException;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.netty.buffer.ByteBuf;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Fulu and EDVT methods between two hosts, on a synthetic chain that crosses into EDVT at
 * epoch 2 (slot 16 of the minimal preset): context bytes choose Fulu's block type before the fork
 * and EDVT's after, and the requester's checks catch responses that break the methods' rules.
 */
@Timeout(60)
class Eth2RpcTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final SpecVersions VERSIONS = TestChains.versions(2);
  private static final ForkDigests DIGESTS = new ForkDigests(VERSIONS, Bytes32.repeat((byte) 0x42));
  private static final Eth2Methods METHODS = new Eth2Methods(DIGESTS);

  private final List<Host> hosts = new ArrayList<>();
  private final List<ReqResp> engines = new ArrayList<>();
  private InMemoryChain chain;
  private Host serverHost;
  private ReqResp server;
  private Eth2Client client;
  private Connection connection;

  @BeforeEach
  void start() throws Exception {
    List<SignedBeaconBlock> blocks = TestChains.chain(VERSIONS, 40, s -> s % 7 == 3, 1, 200);
    List<DataColumnSidecar> sidecars = new ArrayList<>();
    for (SignedBeaconBlock b : blocks) {
      for (long c : new long[] {0, 5, 9}) {
        sidecars.add(TestChains.sidecar(VERSIONS, b, c));
      }
    }
    chain = new InMemoryChain(DIGESTS, blocks, sidecars, UInt64.valueOf(2));
    serverHost = host();
    server = engine();
    new Eth2Responders(METHODS, chain).register(server, serverHost.registry());
    client = new Eth2Client(engine(), METHODS);
    connection = host().dial(serverHost.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS))
        .get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    hosts.forEach(Host::close);
    engines.forEach(ReqResp::close);
  }

  private Host host() {
    Host h = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withEventLoopThreads(1));
    hosts.add(h);
    return h;
  }

  private ReqResp engine() {
    ReqResp r = new ReqResp(ReqRespConfig.defaults().withRateLimits(METHODS.defaultRateLimits()));
    engines.add(r);
    return r;
  }

  private static Throwable failure(CompletableFuture<?> f) throws Exception {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void statusPingMetadataAndGoodbye() throws Exception {
    StatusMessage ours = StatusMessage.v2(DIGESTS.digestAt(UInt64.valueOf(2)), Bytes32.ZERO, UInt64.ZERO,
        Bytes32.repeat((byte) 1), UInt64.valueOf(3), UInt64.ZERO);
    StatusMessage theirs = client.status(connection, ours).get(5, TimeUnit.SECONDS);
    assertThat(theirs).isEqualTo(chain.status());
    assertThat(theirs.earliestAvailableSlot()).contains(UInt64.valueOf(2));
    assertThat(StatusCheck.problem(ours, theirs, chain)).isEmpty();
    assertThat(client.ping(connection, UInt64.ONE).get(5, TimeUnit.SECONDS)).isEqualTo(UInt64.valueOf(7));
    MetadataMessage md = client.metadata(connection).get(5, TimeUnit.SECONDS);
    assertThat(md.custodyGroupCount()).contains(UInt64.valueOf(4));
    assertThat(md.attnets().setBits().toArray()).containsExactly(1, 5);
    client.goodbye(connection, GoodbyeReason.CLIENT_SHUTDOWN).get(5, TimeUnit.SECONDS);
    assertThat(chain.events).extracting(InMemoryChain.Event::kind).containsExactly("status", "goodbye");
    assertThat(chain.events.get(0).value()).isEqualTo(ours);
    assertThat(chain.events.get(1).value()).isEqualTo(UInt64.ONE);
  }

  @Test
  void statusAndMetadataFallBackToV1AndV2ForAPeerWithoutTheNewVersions() throws Exception {
    Host old = host();
    ReqResp oldEngine = engine();
    oldEngine.register(old.registry(), METHODS.statusV1, (peer, s, out) -> {
      out.next(chain.status().toV1());
      out.complete();
    });
    oldEngine.register(old.registry(), METHODS.metadataV2, (peer, none, out) -> {
      out.next(chain.metadata().as(MetadataMessage.v2Type(64)));
      out.complete();
    });
    Connection c = host().dial(old.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS))
        .get(5, TimeUnit.SECONDS);
    StatusMessage v1 = client.status(c, chain.status()).get(5, TimeUnit.SECONDS);
    assertThat(v1.earliestAvailableSlot()).isEmpty();
    assertThat(v1.headRoot()).isEqualTo(chain.status().headRoot());
    assertThat(client.metadata(c).get(5, TimeUnit.SECONDS).custodyGroupCount()).isEmpty();
  }

  @Test
  void aPeerOnAnotherForkIsToldApart() {
    StatusMessage ours = chain.status();
    StatusMessage other = StatusMessage.v2(org.apache.tuweni.bytes.Bytes.fromHexString("0x01020304"), Bytes32.ZERO,
        UInt64.ZERO, Bytes32.ZERO, UInt64.ZERO, UInt64.ZERO);
    assertThat(StatusCheck.problem(ours, other, chain)).hasValueSatisfying(p -> assertThat(p).contains("fork digest"));
  }

  @Test
  void blocksByRangeCrossTheForkWithEachBlocksOwnType() throws Exception {
    List<SignedBeaconBlock> got = client.blocksByRange(connection, UInt64.valueOf(10), 12).get(5, TimeUnit.SECONDS);
    List<SignedBeaconBlock> expected = chain.blocks().stream()
        .filter(b -> b.message().slot().longValue() >= 10 && b.message().slot().longValue() < 22).toList();
    assertThat(got).isEqualTo(expected);
    for (SignedBeaconBlock b : got) {
      boolean edvt = VERSIONS.milestoneAtSlot(b.message().slot()) == SpecMilestone.EDVT;
      assertThat(SignedBeaconBlockEdvt.toVersionEdvt(b).isPresent()).as("slot %s", b.message().slot()).isEqualTo(edvt);
      assertThat(b.type()).isEqualTo(edvt ? VERSIONS.edvt().schemas().signedBeaconBlock()
          : VERSIONS.fulu().schemas().signedBeaconBlock());
    }
    assertThat(got).anyMatch(b -> b.message().slot().longValue() < 16).anyMatch(b -> b.message().slot().longValue() >= 16);
  }

  @Test
  void blocksByRangeAreCappedAtMaxRequestBlocksAndRefusedBeforeTheEarliestSlot() throws Exception {
    assertThat(client.blocksByRange(connection, UInt64.valueOf(2), 1000).get(5, TimeUnit.SECONDS)).hasSize(
        (int) chain.blocks().stream().filter(b -> b.message().slot().longValue() >= 2).count());
    assertThat(METHODS.maxRequestBlocks()).isEqualTo(128);
    Throwable e = failure(client.blocksByRange(connection, UInt64.ONE, 5));
    assertThat(e).isInstanceOf(RpcErrorException.class).hasMessage("blocks before slot 2 are not available");
    assertThat(((RpcErrorException) e).code()).isEqualTo(ResponseCode.RESOURCE_UNAVAILABLE);
    assertThat(client.blocksByRange(connection, UInt64.valueOf(500), 10).get(5, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void blocksByRootAndByHead() throws Exception {
    SignedBeaconBlock fulu = chain.blocks().get(5);
    SignedBeaconBlock edvt = chain.blocks().getLast();
    List<SignedBeaconBlock> byRoot = client.blocksByRoot(connection,
        List.of(edvt.message().hashTreeRoot(), Bytes32.repeat((byte) 9), fulu.message().hashTreeRoot()))
        .get(5, TimeUnit.SECONDS);
    assertThat(byRoot).containsExactly(edvt, fulu);
    List<SignedBeaconBlock> ancestry = client.blocksByHead(connection, edvt.message().hashTreeRoot(), 6)
        .get(5, TimeUnit.SECONDS);
    assertThat(ancestry).containsExactlyElementsOf(chain.blocks().subList(chain.blocks().size() - 6, chain.blocks().size())
        .reversed());
  }

  @Test
  void dataColumnSidecarsByRangeAndByRoot() throws Exception {
    List<DataColumnSidecar> range = client.dataColumnSidecarsByRange(connection, UInt64.valueOf(14), 4,
        List.of(UInt64.valueOf(9), UInt64.ZERO)).get(5, TimeUnit.SECONDS);
    assertThat(range).extracting(s -> s.signedBlockHeader().message().slot().longValue() + ":" + s.index())
        .containsExactly("14:0", "14:9", "15:0", "15:9", "16:0", "16:9");
    assertThat(range.getLast().type()).isEqualTo(VERSIONS.edvt().schemas().dataColumnSidecar());
    assertThat(range.getFirst().type()).isEqualTo(VERSIONS.fulu().schemas().dataColumnSidecar());

    SignedBeaconBlock b = chain.blocks().get(20);
    var id = VERSIONS.fulu().schemas().dataColumnsByRootIdentifier();
    var columnsType = (io.edvt.infrastructure.ssz.types.ListType<UInt64>) id.fields().get(1).type();
    var ident = id.create(b.message().hashTreeRoot(), columnsType.of(List.of(UInt64.valueOf(5), UInt64.valueOf(7))));
    assertThat(client.dataColumnSidecarsByRoot(connection, List.of(ident)).get(5, TimeUnit.SECONDS))
        .extracting(DataColumnSidecar::index).containsExactly(UInt64.valueOf(5));

    Throwable e = failure(client.dataColumnSidecarsByRange(connection, UInt64.valueOf(14), 4, List.of(UInt64.valueOf(128))));
    assertThat(e).isInstanceOf(RpcErrorException.class)
        .hasMessage("column index 128 is not below NUMBER_OF_COLUMNS (128)");
  }

  @Test
  void theRequesterRefusesBlocksThatBreakTheChainOrTheirContext() throws Exception {
    Host bad = host();
    ReqResp badEngine = engine();
    // answers with every other block: parents do not link
    badEngine.register(bad.registry(), METHODS.blocksByRange, (peer, req, out) -> {
      out.next(chain.blocks().get(10));
      out.next(chain.blocks().get(12));
      out.complete();
    });
    Connection c = host().dial(bad.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS))
        .get(5, TimeUnit.SECONDS);
    Throwable e = failure(client.blocksByRange(c, UInt64.ZERO, 40));
    assertThat(e).isInstanceOf(WireFormatException.class).hasMessageContaining("does not descend from the block before it");

    // a Fulu block sent under the EDVT digest
    bad.registry().register(METHODS.blocksByRoot.protocolId(), () -> new StreamHandler() {
      @Override
      public void onData(Stream stream, ByteBuf data) {
        data.release();
      }

      @Override
      public void onRemoteClosed(Stream stream) {
        SignedBeaconBlock fulu = chain.blocks().get(3);
        stream.write(ChunkEncoder.success(DIGESTS.digestAt(UInt64.valueOf(2)), fulu.serialize()));
        stream.closeWrite();
      }
    });
    Throwable ctx = failure(client.blocksByRoot(c, List.of(chain.blocks().get(3).message().hashTreeRoot())));
    assertThat(ctx).isInstanceOf(WireFormatException.class).hasMessageContaining("response chunk 0");
  }
}

package io.edvt.node.network;

import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.rpc.ChainDataSource;
import io.edvt.networking.eth2.rpc.Eth2Client;
import io.edvt.networking.eth2.rpc.Eth2Methods;
import io.edvt.networking.eth2.rpc.Eth2Responders;
import io.edvt.networking.reqresp.ReqResp;
import io.edvt.networking.reqresp.ReqRespConfig;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * A bare libp2p host on loopback answering every eth2 req/resp method from {@code data}: no gossip,
 * no peer manager. Tests make it misbehave by overriding parts of its data source.
 */
record RawPeer(Host host, ReqResp reqResp, Eth2Client client, Multiaddr address) implements AutoCloseable {
  static RawPeer start(ForkDigests digests, ChainDataSource data) throws Exception {
    Eth2Methods methods = new Eth2Methods(digests);
    ReqResp reqResp = new ReqResp(ReqRespConfig.defaults().withRateLimits(methods.defaultRateLimits()));
    Host host = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(new SecureRandom())).withEventLoopThreads(1));
    new Eth2Responders(methods, data).register(reqResp, host.registry());
    Multiaddr listen = host.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    return new RawPeer(host, reqResp, new Eth2Client(reqResp, methods),
        Multiaddr.parse(listen + "/p2p/" + host.peerId().toBase58()));
  }

  @Override
  public void close() {
    host.close();
    reqResp.close();
  }
}

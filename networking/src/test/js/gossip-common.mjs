// Shared by gossip-peer.mjs and gossip-bench.mjs: a js-libp2p 3 node with @libp2p/gossipsub 17
// configured as an Ethereum consensus client does (StrictNoSign, the eth2 message id, D 8 / 6 / 12,
// D_lazy 6, mcache 6 / 3, flood publishing), and that message id written independently of the Java
// side: snappyjs for the block-format decompression, node:crypto for SHA-256.
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@libp2p/yamux'
import { mplex } from '@libp2p/mplex'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { gossipsub } from '@libp2p/gossipsub'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { createHash } from 'node:crypto'
import SnappyJS from 'snappyjs'

const MESSAGE_DOMAIN_INVALID_SNAPPY = Uint8Array.of(0, 0, 0, 0)
const MESSAGE_DOMAIN_VALID_SNAPPY = Uint8Array.of(1, 0, 0, 0)
const MAX_PAYLOAD_SIZE = 10 * 1024 * 1024

/** SHA256(domain + uint64_le(len(topic)) + topic + (decompressed or raw) data)[:20], as in the consensus p2p spec. */
export function eth2MsgId (topic, data) {
  const topicBytes = Buffer.from(topic, 'utf8')
  let domain = MESSAGE_DOMAIN_VALID_SNAPPY
  let body
  try {
    body = SnappyJS.uncompress(data, MAX_PAYLOAD_SIZE)
  } catch {
    domain = MESSAGE_DOMAIN_INVALID_SNAPPY
    body = data
  }
  const len = Buffer.alloc(8)
  len.writeBigUInt64LE(BigInt(topicBytes.length))
  return new Uint8Array(createHash('sha256').update(domain).update(len).update(topicBytes).update(body).digest().subarray(0, 20))
}

export async function createGossipNode ({ heartbeatMs = 700, protocols, agent = 'edvt-gossip-js', muxers = ['yamux', 'mplex'], signaturePolicy = 'StrictNoSign' } = {}) {
  const streamMuxers = muxers.map(m => m === 'yamux'
    ? yamux({ maxInboundStreams: 1024, maxOutboundStreams: 1024 })
    : mplex({ maxInboundStreams: 1024, maxOutboundStreams: 1024, disconnectThreshold: 1e9 }))
  const opts = {
    globalSignaturePolicy: signaturePolicy,
    msgIdFn: (msg) => eth2MsgId(msg.topic, msg.data),
    D: 8,
    Dlo: 6,
    Dhi: 12,
    Dlazy: 6,
    heartbeatInterval: heartbeatMs,
    fanoutTTL: 60_000,
    mcacheLength: 6,
    mcacheGossip: 3,
    seenTTL: 2 * 32 * 12 * 1000,
    floodPublish: true,
    allowPublishToZeroTopicPeers: true,
    emitSelf: false
  }
  const node = await createLibp2p({
    start: false,
    privateKey: await generateKeyPair('secp256k1'),
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers,
    connectionManager: { maxConnections: 10000, inboundConnectionThreshold: 1e9, maxIncomingPendingConnections: 1000 },
    nodeInfo: { userAgent: agent },
    services: { identify: identify(), ping: ping(), pubsub: gossipsub(opts) }
  })
  // the meshsub versions offered (a public field, not an option): e.g. only /meshsub/1.1.0
  if (protocols != null) node.services.pubsub.protocols = protocols
  await node.start()
  return node
}

export function hex (bytes) {
  return Buffer.from(bytes).toString('hex')
}

// Shared by peer.mjs and bench.mjs: a js-libp2p 3 node configured like the Java host, and the
// helpers of the test protocols (uvarint-length-prefixed messages; the echo answers each byte XOR 0x5A).
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@libp2p/yamux'
import { mplex } from '@libp2p/mplex'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { generateKeyPair } from '@libp2p/crypto/keys'

export const ECHO = '/edvt/test/echo/1.0.0'
export const XOR = 0x5a
export const STREAM_LIMITS = { maxInboundStreams: 1024, maxOutboundStreams: 1024 }

export async function createNode ({ muxers = ['yamux', 'mplex'], keyType = 'secp256k1', agent = 'edvt-interop-js' } = {}) {
  const streamMuxers = muxers.map(m => {
    if (m === 'yamux') return yamux({ maxInboundStreams: 1024, maxOutboundStreams: 1024 })
    // js mplex disconnects a peer that opens more than 5 streams a second unless told otherwise.
    if (m === 'mplex') return mplex({ maxInboundStreams: 1024, maxOutboundStreams: 1024, disconnectThreshold: 1e9 })
    throw new Error('unknown muxer ' + m)
  })
  return createLibp2p({
    privateKey: await generateKeyPair(keyType === 'ed25519' ? 'Ed25519' : 'secp256k1'),
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers,
    connectionManager: { maxConnections: 10000, inboundConnectionThreshold: 1e9, maxIncomingPendingConnections: 1000 },
    nodeInfo: { userAgent: agent },
    services: { identify: identify({ runOnConnectionOpen: false }), ping: ping() }
  })
}

export function encodeVarint (n) {
  const out = []
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128) }
  out.push(n)
  return Uint8Array.from(out)
}

/** Reads a whole stream until the remote closes; resolves with one Uint8Array. Start it before sending. */
export function readAll (stream) {
  return (async () => {
    const chunks = []
    let total = 0
    for await (const chunk of stream) {
      const bytes = chunk.subarray()
      chunks.push(bytes)
      total += bytes.byteLength
    }
    const out = new Uint8Array(total)
    let at = 0
    for (const c of chunks) { out.set(c, at); at += c.byteLength }
    return out
  })()
}

/** Splits a uvarint-length-prefixed message; throws unless it is exactly one whole message. */
export function decodeOne (bytes) {
  let len = 0; let shift = 1; let i = 0
  for (; i < bytes.length; i++) {
    len += (bytes[i] & 0x7f) * shift
    shift *= 128
    if ((bytes[i] & 0x80) === 0) break
  }
  if (i >= bytes.length) throw new Error('no length prefix in ' + bytes.length + ' bytes')
  const body = bytes.subarray(i + 1)
  if (body.length !== len) throw new Error('length prefix says ' + len + ' bytes, got ' + body.length)
  return body
}

export function transform (bytes) {
  const out = new Uint8Array(bytes.length)
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] ^ XOR
  return out
}

/** Sends a large buffer in chunks, waiting for 'drain' when the stream asks for it. */
export async function sendAll (stream, bytes, chunk = 64 * 1024) {
  for (let at = 0; at < bytes.length; at += chunk) {
    if (!stream.send(bytes.subarray(at, Math.min(bytes.length, at + chunk)))) {
      await stream.onDrain()
    }
  }
}

/** The echo responder: read one request until the remote closes, answer the transform, close. */
export async function echoResponder (stream) {
  try {
    const request = decodeOne(await readAll(stream))
    const answer = transform(request)
    await sendAll(stream, encodeVarint(answer.length))
    await sendAll(stream, answer)
    await stream.close()
  } catch (e) {
    stream.abort(e)
  }
}

/** The echo requester: send, close our side, read and check the answer. Returns its length. */
export async function echoRequest (node, target, payload) {
  const stream = await node.dialProtocol(target, ECHO, STREAM_LIMITS)
  const reading = readAll(stream)
  await sendAll(stream, encodeVarint(payload.length))
  await sendAll(stream, payload)
  await stream.close()
  const answer = decodeOne(await reading)
  const expected = transform(payload)
  if (answer.length !== expected.length) throw new Error('answer has ' + answer.length + ' bytes, expected ' + expected.length)
  for (let i = 0; i < answer.length; i++) {
    if (answer[i] !== expected[i]) throw new Error('answer differs at byte ' + i)
  }
  return answer.length
}

// A js-libp2p 3 node on @chainsafe/libp2p-quic, driven by EDVT's QUIC interop tests
// (QuicInteropTest.java) over stdin/stdout, one JSON object per line: {"event":"ready",...} once
// listening, then {"id":n,"ok":true,...} or {"id":n,"ok":false,"error":"..."} per command.
// QUIC brings its own encryption and streams: no connection encrypters or stream muxers configured.
import { createLibp2p } from 'libp2p'
import { quic } from '@chainsafe/libp2p-quic'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import { randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline'

const ECHO = '/edvt/test/echo/1.0.0'
const XOR = 0x5a
const LIMITS = { maxInboundStreams: 1024, maxOutboundStreams: 1024 }

const node = await createLibp2p({
  privateKey: await generateKeyPair('secp256k1'),
  addresses: { listen: ['/ip4/127.0.0.1/udp/0/quic-v1'] },
  transports: [quic()],
  connectionManager: { maxConnections: 1000, inboundConnectionThreshold: 1e9, maxIncomingPendingConnections: 1000 },
  nodeInfo: { userAgent: 'edvt-interop-js-quic' },
  services: { identify: identify({ runOnConnectionOpen: false }), ping: ping() }
})

function encodeVarint (n) {
  const out = []
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128) }
  out.push(n)
  return Uint8Array.from(out)
}

async function readAll (stream) {
  const chunks = []
  let total = 0
  for await (const chunk of stream) { const b = chunk.subarray(); chunks.push(b); total += b.byteLength }
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) { out.set(c, at); at += c.byteLength }
  return out
}

function decodeOne (bytes) {
  let len = 0; let shift = 1; let i = 0
  for (; i < bytes.length; i++) { len += (bytes[i] & 0x7f) * shift; shift *= 128; if ((bytes[i] & 0x80) === 0) break }
  if (i >= bytes.length) throw new Error('no length prefix in ' + bytes.length + ' bytes')
  const body = bytes.subarray(i + 1)
  if (body.length !== len) throw new Error('length prefix says ' + len + ' bytes, got ' + body.length)
  return body
}

const transform = (b) => { const o = new Uint8Array(b.length); for (let i = 0; i < b.length; i++) o[i] = b[i] ^ XOR; return o }

async function sendAll (stream, bytes, chunk = 64 * 1024) {
  for (let at = 0; at < bytes.length; at += chunk) {
    if (!stream.send(bytes.subarray(at, Math.min(bytes.length, at + chunk)))) await stream.onDrain()
  }
}

await node.handle(ECHO, async (stream) => {
  try {
    const answer = transform(decodeOne(await readAll(stream)))
    await sendAll(stream, encodeVarint(answer.length))
    await sendAll(stream, answer)
    await stream.close()
  } catch (e) { stream.abort(e) }
}, LIMITS)

function target (cmd) { return cmd.addr ? multiaddr(cmd.addr) : peerIdFromString(cmd.peer) }

function out (obj) { process.stdout.write(JSON.stringify(obj) + '\n') }

const commands = {
  async dial (cmd) {
    const conn = await node.dial(multiaddr(cmd.addr))
    return { remotePeer: conn.remotePeer.toString(), remoteAddr: conn.remoteAddr.toString(), encryption: conn.encryption ?? null, multiplexer: conn.multiplexer ?? null }
  },
  async connections () {
    return { connections: node.getConnections().map(c => ({ remotePeer: c.remotePeer.toString(), remoteAddr: c.remoteAddr.toString(), direction: c.direction })) }
  },
  async identify (cmd) {
    const conn = node.getConnections(peerIdFromString(cmd.peer))[0]
    if (conn == null) throw new Error('no connection to ' + cmd.peer)
    const r = await node.services.identify.identify(conn)
    return { peerId: r.peerId.toString(), agentVersion: r.agentVersion, protocols: r.protocols, listenAddrs: r.listenAddrs.map(a => a.toString()) }
  },
  async ping (cmd) { return { rtt: await node.services.ping.ping(target(cmd)) } },
  async request (cmd) {
    const payload = randomBytes(cmd.size)
    const stream = await node.dialProtocol(target(cmd), ECHO, LIMITS)
    const reading = readAll(stream)
    await sendAll(stream, encodeVarint(payload.length))
    await sendAll(stream, payload)
    await stream.close()
    const answer = decodeOne(await reading)
    const expected = transform(payload)
    if (answer.length !== expected.length) throw new Error('answer has ' + answer.length + ' bytes, expected ' + expected.length)
    for (let i = 0; i < answer.length; i++) if (answer[i] !== expected[i]) throw new Error('answer differs at byte ' + i)
    return { bytes: answer.length }
  },
  async stop () { await node.stop(); setTimeout(() => process.exit(0), 50); return {} }
}

const lines = createInterface({ input: process.stdin })
lines.on('line', async (line) => {
  if (line.trim() === '') return
  let cmd
  try {
    cmd = JSON.parse(line)
    const fn = commands[cmd.cmd]
    if (fn == null) throw new Error('unknown command ' + cmd.cmd)
    out({ id: cmd.id, ok: true, ...(await fn(cmd)) })
  } catch (e) {
    out({ id: cmd?.id ?? null, ok: false, error: String(e?.stack ?? e) })
  }
})
lines.on('close', () => { node.stop().finally(() => process.exit(0)) })

out({ event: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(a => a.toString()) })

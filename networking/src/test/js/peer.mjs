// A js-libp2p 3 peer driven by EDVT's interop tests (JsPeer.java) over stdin/stdout, one JSON
// object per line. It prints {"event":"ready",...} once listening, then answers each command
// {"id":n,"cmd":...} with {"id":n,"ok":true,...} or {"id":n,"ok":false,"error":"..."}.
// Arguments: --muxers yamux,mplex (order = preference)  --key secp256k1|ed25519
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import { randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline'
import { ECHO, STREAM_LIMITS, createNode, echoRequest, echoResponder, readAll, sendAll } from './common.mjs'

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]])
  return acc
}, []))
const muxers = (args.muxers ?? 'yamux,mplex').split(',')
const node = await createNode({ muxers, keyType: args.key ?? 'secp256k1' })

const RESET = '/edvt/test/reset/1.0.0'
const SINK = '/edvt/test/sink/1.0.0'
const events = []

await node.handle(ECHO, (stream) => { echoResponder(stream) }, STREAM_LIMITS)
// Reads the first chunk, then resets the stream: the Java side must see a reset by the remote.
await node.handle(RESET, async (stream) => {
  for await (const chunk of stream) {
    events.push({ reset: chunk.byteLength })
    stream.abort(new Error('reset by the js test peer'))
    break
  }
}, STREAM_LIMITS)
node.addEventListener('connection:open', (e) => {
  events.push({ open: e.detail.remotePeer.toString(), muxer: e.detail.multiplexer, direction: e.detail.direction })
})

function out (obj) { process.stdout.write(JSON.stringify(obj) + '\n') }

function target (cmd) {
  return cmd.addr ? multiaddr(cmd.addr) : peerIdFromString(cmd.peer)
}

const commands = {
  async dial (cmd) {
    const conn = await node.dial(multiaddr(cmd.addr))
    return { remotePeer: conn.remotePeer.toString(), muxer: conn.multiplexer, encryption: conn.encryption }
  },
  async connections () {
    return { connections: node.getConnections().map(c => ({ remotePeer: c.remotePeer.toString(), muxer: c.multiplexer, direction: c.direction, status: c.status })) }
  },
  async identify (cmd) {
    const conn = node.getConnections(peerIdFromString(cmd.peer))[0]
    if (conn == null) throw new Error('no connection to ' + cmd.peer)
    const r = await node.services.identify.identify(conn)
    return {
      peerId: r.peerId.toString(),
      agentVersion: r.agentVersion,
      protocolVersion: r.protocolVersion,
      protocols: r.protocols,
      listenAddrs: r.listenAddrs.map(a => a.toString()),
      observedAddr: r.observedAddr?.toString() ?? null
    }
  },
  async ping (cmd) {
    return { rtt: await node.services.ping.ping(target(cmd)) }
  },
  async request (cmd) {
    return { bytes: await echoRequest(node, target(cmd), randomBytes(cmd.size)) }
  },
  async concurrent (cmd) {
    const sizes = Array.from({ length: cmd.count }, (_, i) => cmd.size + i)
    const got = await Promise.all(sizes.map(s => echoRequest(node, target(cmd), randomBytes(s))))
    return { total: got.reduce((a, b) => a + b, 0) }
  },
  // Opens a stream to the Java sink, sends some bytes, then resets it.
  async sendThenReset (cmd) {
    const stream = await node.dialProtocol(target(cmd), SINK, STREAM_LIMITS)
    readAll(stream).catch(() => {})
    await sendAll(stream, randomBytes(cmd.size))
    await new Promise(resolve => setTimeout(resolve, 200))
    stream.abort(new Error('reset by the js test peer'))
    return {}
  },
  // Opens a stream to the Java sink and closes it at once without writing.
  async openThenClose (cmd) {
    const stream = await node.dialProtocol(target(cmd), SINK, STREAM_LIMITS)
    const reading = readAll(stream)
    await stream.close()
    const back = await reading
    return { received: back.length }
  },
  async hangUp (cmd) {
    await node.hangUp(peerIdFromString(cmd.peer))
    return {}
  },
  async events () {
    return { events: events.splice(0) }
  },
  async stop () {
    await node.stop()
    setTimeout(() => process.exit(0), 50)
    return {}
  }
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

out({
  event: 'ready',
  peerId: node.peerId.toString(),
  addrs: node.getMultiaddrs().map(a => a.toString()),
  muxers
})

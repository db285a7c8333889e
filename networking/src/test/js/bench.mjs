// Throughput of one stream and noise handshakes per second between two js-libp2p 3 nodes in one
// process over loopback (noise + yamux), the js side of EDVT's TransportBench comparison.
//   node --require ./polyfill.cjs bench.mjs [megabytes=256] [handshakes=300]
// Prints one JSON line: {"throughputMBps":..,"handshakesPerSec":..}.
import { createNode, STREAM_LIMITS } from './common.mjs'

const SINK = '/edvt/bench/sink/1.0.0'
const megabytes = Number(process.argv[2] ?? 256)
const handshakes = Number(process.argv[3] ?? 300)

const a = await createNode({ muxers: ['yamux'] })
const b = await createNode({ muxers: ['yamux'] })
// The sink counts bytes until the sender closes, then answers one byte.
await b.handle(SINK, async (stream) => {
  let total = 0
  for await (const chunk of stream) total += chunk.byteLength
  stream.send(Uint8Array.of(total > 0 ? 1 : 0))
  await stream.close()
}, STREAM_LIMITS)

async function bulk (bytes) {
  const stream = await a.dialProtocol(b.getMultiaddrs()[0], SINK, STREAM_LIMITS)
  const ack = (async () => { for await (const _ of stream) return true })()
  const chunk = new Uint8Array(64 * 1024).fill(7)
  const t0 = process.hrtime.bigint()
  for (let sent = 0; sent < bytes; sent += chunk.length) {
    if (!stream.send(chunk)) await stream.onDrain()
  }
  await stream.close()
  await ack
  return Number(process.hrtime.bigint() - t0) / 1e9
}

await bulk(16 * 1024 * 1024) // warm-up
await bulk(megabytes * 1024 * 1024)
// Best of three, as on the Java side.
let seconds = Infinity
for (let i = 0; i < 3; i++) seconds = Math.min(seconds, await bulk(megabytes * 1024 * 1024))
await a.hangUp(b.peerId)

async function handshakeRate (n) {
  const addr = b.getMultiaddrs()[0]
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < n; i++) {
    const conn = await a.dial(addr, { force: true })
    await conn.close()
  }
  return n / (Number(process.hrtime.bigint() - t0) / 1e9)
}
await handshakeRate(Math.min(100, handshakes)) // warm-up, as on the Java side
const rate = await handshakeRate(handshakes)

process.stdout.write(JSON.stringify({
  throughputMBps: Number((megabytes / seconds).toFixed(1)),
  handshakesPerSec: Number(rate.toFixed(1)),
  megabytes,
  handshakes
}) + '\n')
await a.stop()
await b.stop()
process.exit(0)

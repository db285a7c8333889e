// The js-libp2p side of EDVT's ReqRespBench: two js-libp2p 3 nodes in one process over loopback
// (noise + yamux) speaking the eth2 ssz_snappy req/resp wire format, written here on js-libp2p
// streams as Lodestar's @lodestar/reqresp writes it: uvarint length prefixes, the snappy framing
// format with blocks compressed by the native `snappy` package and the masked CRC32C from native
// code (@node-rs/crc32, what Lodestar's @chainsafe/fast-crc32c loads), result and context bytes.
// The reader checks every CRC (as the Java side does; Lodestar's reader skips it) and decompresses
// with the native package (Lodestar uses the pure-js snappyjs), so the js side is, if anything,
// faster than Lodestar's own reader.
//   node --require ./polyfill.cjs reqresp-bench.mjs <blocks.bin> [pings=2000] [singleBlockRequests=500]
// blocks.bin: the blocks the Java side serves, each as [uint32 LE length][SSZ bytes].
// After a warm-up (500 pings, 200 one-block requests, one whole range), measures, as the Java side
// does: ping/1 round trips one at a time (latency median and p99, rate) and two in flight (rate);
// beacon_blocks_by_range/2 requests of one block, one at a time (latency median and p99); and one
// beacon_blocks_by_range/2 request of every block (time to the first and to the last block, bytes
// received on the stream). The received blocks are compared byte for byte with blocks.bin after
// the timing, and their SHA-256 (of the payloads in order) is printed for the Java side to check.
// Prints one JSON line.
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@libp2p/yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { compressSync, uncompressSync } from 'snappy'
import { crc32c } from '@node-rs/crc32'

const PING = '/eth2/beacon_chain/req/ping/1/ssz_snappy'
const BY_RANGE = '/eth2/beacon_chain/req/beacon_blocks_by_range/2/ssz_snappy'
const LIMITS = { maxInboundStreams: 1024, maxOutboundStreams: 1024 }
const CONTEXT = Uint8Array.of(0x01, 0x02, 0x03, 0x04)

const blocksFile = process.argv[2]
const pings = Number(process.argv[3] ?? 2000)
const singleBlockRequests = Number(process.argv[4] ?? 500)

const blocks = []
{
  const buf = readFileSync(blocksFile)
  for (let at = 0; at < buf.length;) {
    const n = buf.readUInt32LE(at)
    blocks.push(new Uint8Array(buf.buffer, buf.byteOffset + at + 4, n))
    at += 4 + n
  }
}

// ---------------------------------------------------------------- CRC32C and snappy framing
function maskedCrc (bytes) {
  const c = crc32c(bytes) >>> 0
  return (((c >>> 15) | (c << 17)) + 0xa282ead8) >>> 0
}
const IDENTIFIER = Uint8Array.of(0xff, 6, 0, 0, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59)

function uvarint (n) {
  const out = []
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128) }
  out.push(n)
  return Uint8Array.from(out)
}

/** [prefix..., uvarint(len), framed stream of raw] as a list of parts. */
function encodePayload (prefix, raw) {
  const parts = [...prefix, uvarint(raw.length), IDENTIFIER]
  for (let at = 0; at < raw.length; at += 65536) {
    const chunk = raw.subarray(at, Math.min(raw.length, at + 65536))
    const crc = maskedCrc(chunk)
    const compressed = compressSync(chunk)
    const stored = compressed.length >= chunk.length
    const data = stored ? chunk : compressed
    const header = new Uint8Array(8)
    header[0] = stored ? 0x01 : 0x00
    const len = data.length + 4
    header[1] = len & 0xff; header[2] = (len >>> 8) & 0xff; header[3] = (len >>> 16) & 0xff
    new DataView(header.buffer).setUint32(4, crc, true)
    parts.push(header, data)
  }
  return parts
}

function concat (parts) {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}

/**
 * Incremental reader of response chunks: result byte, context (contextLength bytes), uvarint
 * length, framed snappy payload (CRC-checked, at most the announced length). onChunk(payload).
 */
class ChunkReader {
  constructor (contextLength, onChunk) {
    this.contextLength = contextLength
    this.onChunk = onChunk
    this.buf = new Uint8Array(0)
    this.chunks = 0
  }

  push (bytes) {
    this.buf = this.buf.length === 0 ? bytes : concat([this.buf, bytes])
    for (;;) {
      const used = this.tryChunk()
      if (used === 0) return
      this.buf = this.buf.subarray(used)
    }
  }

  // returns the bytes of one whole chunk at the start of buf, or 0 if it is not all there yet
  tryChunk () {
    const b = this.buf
    let at = 0
    if (b.length < 1) return 0
    if (b[at++] !== 0) throw new Error('error chunk ' + b[0])
    at += this.contextLength
    let len = 0; let shift = 1
    for (;;) {
      if (at >= b.length) return 0
      const x = b[at++]
      len += (x & 0x7f) * shift
      shift *= 128
      if ((x & 0x80) === 0) break
    }
    if (at + 10 > b.length) return 0
    for (let i = 0; i < 10; i++) if (b[at + i] !== IDENTIFIER[i]) throw new Error('no stream identifier')
    at += 10
    if (!this.complete(at, len)) return 0
    const out = new Uint8Array(len)
    let produced = 0
    while (produced < len) {
      const type = b[at]
      const clen = b[at + 1] | (b[at + 2] << 8) | (b[at + 3] << 16)
      const crc = new DataView(b.buffer, b.byteOffset + at + 4, 4).getUint32(0, true)
      const body = b.subarray(at + 8, at + 4 + clen)
      const data = type === 0x00 ? uncompressSync(body, { asBuffer: true }) : body
      if (produced + data.length > len) throw new Error('more data than announced')
      if (maskedCrc(data) !== crc) throw new Error('CRC32C mismatch')
      out.set(data, produced)
      produced += data.length
      at += 4 + clen
    }
    this.onChunk(out)
    this.chunks++
    return at
  }

  // whether the frames of a payload of len bytes starting at buf[at] have all arrived (reads only
  // the frame headers and each compressed frame's uncompressed length, the varint it starts with)
  complete (at, len) {
    const b = this.buf
    let produced = 0
    while (produced < len) {
      if (at + 4 > b.length) return false
      const type = b[at]
      const clen = b[at + 1] | (b[at + 2] << 8) | (b[at + 3] << 16)
      if (at + 4 + clen > b.length) return false
      if (type === 0x01) {
        produced += clen - 4
      } else if (type === 0x00) {
        let n = 0; let shift = 1
        for (let i = at + 8; ; i++) { const x = b[i]; n += (x & 0x7f) * shift; shift *= 128; if ((x & 0x80) === 0) break }
        produced += n
      } else {
        throw new Error('unexpected frame type ' + type)
      }
      at += 4 + clen
    }
    return true
  }
}

/** The whole request a requester sent (it half-closes after it). */
async function readRequest (stream) {
  const parts = []
  for await (const chunk of stream) parts.push(chunk.subarray())
  const all = concat(parts)
  let len = 0; let shift = 1; let at = 0
  for (;;) { const x = all[at++]; len += (x & 0x7f) * shift; shift *= 128; if ((x & 0x80) === 0) break }
  for (let i = 0; i < 10; i++) if (all[at + i] !== IDENTIFIER[i]) throw new Error('no stream identifier')
  at += 10
  const out = []
  while (at < all.length) {
    const type = all[at]
    const clen = all[at + 1] | (all[at + 2] << 8) | (all[at + 3] << 16)
    const body = all.subarray(at + 8, at + 4 + clen)
    out.push(type === 0 ? uncompressSync(body, { asBuffer: true }) : body)
    at += 4 + clen
  }
  const raw = concat(out)
  if (raw.length !== len) throw new Error('request of ' + raw.length + ' bytes, announced ' + len)
  return raw
}

// Each request and each response chunk is written as one buffer (one yamux frame, one noise
// message when it fits), as the Java side writes it; sending its six parts one by one would cost
// six frames and encryptions per block.
async function send (stream, parts) {
  if (!stream.send(concat(parts))) await stream.onDrain()
}

// ---------------------------------------------------------------- nodes
async function node () {
  return createLibp2p({
    privateKey: await generateKeyPair('secp256k1'),
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux({ maxInboundStreams: 1024, maxOutboundStreams: 1024 })],
    connectionManager: { maxConnections: 100 }
  })
}
const server = await node()
const client = await node()

await server.handle(PING, async (stream) => {
  const seq = await readRequest(stream)
  await send(stream, encodePayload([Uint8Array.of(0)], seq)) // answers with the same number
  await stream.close()
}, LIMITS)

await server.handle(BY_RANGE, async (stream) => {
  const req = await readRequest(stream)
  const view = new DataView(req.buffer, req.byteOffset, req.length)
  const start = Number(view.getBigUint64(0, true))
  const count = Number(view.getBigUint64(8, true))
  for (let i = start; i < Math.min(blocks.length, start + count); i++) {
    await send(stream, encodePayload([Uint8Array.of(0), CONTEXT], blocks[i]))
  }
  await stream.close()
}, LIMITS)

// requests go to the server's peer id, as Lodestar's dialProtocol(peerId, ...) does, over the one
// connection dialed here
await client.dial(server.getMultiaddrs()[0])
const target = server.peerId

let lastStreamBytes = 0 // bytes of the last response read from its stream (result, context, length, frames)

async function request (protocol, ssz, contextLength, onChunk) {
  const stream = await client.dialProtocol(target, protocol, LIMITS)
  const reader = new ChunkReader(contextLength, onChunk)
  let streamBytes = 0
  const reading = (async () => {
    for await (const chunk of stream) {
      streamBytes += chunk.byteLength
      reader.push(chunk.subarray())
    }
  })()
  await send(stream, encodePayload([], ssz))
  await stream.close()
  await reading
  lastStreamBytes = streamBytes
  return reader.chunks
}

async function ping (seq) {
  const raw = new Uint8Array(8)
  new DataView(raw.buffer).setBigUint64(0, BigInt(seq), true)
  let answer = -1n
  await request(PING, raw, 0, (p) => { answer = new DataView(p.buffer, p.byteOffset, 8).getBigUint64(0, true) })
  if (answer !== BigInt(seq)) throw new Error('ping ' + seq + ' answered ' + answer)
}

function rangeRequest (start, count) {
  const req = new Uint8Array(24)
  const view = new DataView(req.buffer)
  view.setBigUint64(0, BigInt(start), true)
  view.setBigUint64(8, BigInt(count), true)
  view.setBigUint64(16, 1n, true)
  return req
}

const now = () => process.hrtime.bigint()
const ms = (t0, t1) => Number(t1 - t0) / 1e6

/** Latencies in ms of n sequential calls of f(i). */
async function latencies (n, f) {
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const t0 = now()
    await f(i)
    out[i] = ms(t0, now())
  }
  return out.sort()
}
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

async function pingRate (n, inFlight) {
  const t0 = now()
  let next = 0
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < n) await ping(next++)
  }))
  return n / (ms(t0, now()) / 1e3)
}

async function oneBlock (i) {
  const slot = i % blocks.length
  let got = null
  const n = await request(BY_RANGE, rangeRequest(slot, 1), 4, (p) => { got = p })
  if (n !== 1 || got.length !== blocks[slot].length) throw new Error('block ' + slot + ': ' + n + ' chunks')
}

/** One request of every block: {ttfbMs, ttlbMs, received payloads, bytes read from the stream}. */
async function wholeRange () {
  const received = []
  let ttfb = 0
  const t0 = now()
  const n = await request(BY_RANGE, rangeRequest(0, blocks.length), 4, (p) => {
    if (received.length === 0) ttfb = ms(t0, now())
    received.push(p)
  })
  const ttlb = ms(t0, now())
  if (n !== blocks.length) throw new Error(n + ' blocks, expected ' + blocks.length)
  return { ttfbMs: ttfb, ttlbMs: ttlb, received, streamBytes: lastStreamBytes }
}

// warm-up, as on the Java side
for (let i = 0; i < 500; i++) await ping(i)
for (let i = 0; i < 200; i++) await oneBlock(i)
await wholeRange()

const pingMs = await latencies(pings, ping)
const pingPerSec = await pingRate(pings, 1)
const ping2PerSec = await pingRate(pings, 2)
const blockMs = await latencies(singleBlockRequests, oneBlock)
const range = await wholeRange()

// after the timing: the same bytes as served, and their digest for the Java side
const sha = createHash('sha256')
range.received.forEach((p, i) => {
  if (Buffer.compare(p, blocks[i]) !== 0) throw new Error('block ' + i + ' differs from the one served')
  sha.update(p)
})
const bytes = blocks.reduce((s, b) => s + b.length, 0)
const r3 = (x) => Number(x.toFixed(3))
process.stdout.write(JSON.stringify({
  node: process.version,
  pingMedianMs: r3(quantile(pingMs, 0.5)),
  pingP99Ms: r3(quantile(pingMs, 0.99)),
  pingPerSec: Number(pingPerSec.toFixed(1)),
  ping2InFlightPerSec: Number(ping2PerSec.toFixed(1)),
  blockMedianMs: r3(quantile(blockMs, 0.5)),
  blockP99Ms: r3(quantile(blockMs, 0.99)),
  rangeTtfbMs: r3(range.ttfbMs),
  rangeTtlbMs: r3(range.ttlbMs),
  blocks: blocks.length,
  sszBytes: bytes,
  streamBytes: range.streamBytes,
  sha256: sha.digest('hex')
}) + '\n')
await client.stop()
await server.stop()
process.exit(0)

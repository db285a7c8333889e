// Gossip latency over a line of four js-libp2p 3 nodes with @libp2p/gossipsub 17 (A-B-C-D, eth2
// parameters, StrictNoSign, eth2 message id): publish at A, time the arrival at D, one message at
// a time. The js side of EDVT's GossipBench, in one process (one thread for all four nodes).
//   node --require ./polyfill.cjs gossip-bench.mjs <rawBytes> <messages> <warmup>
// Prints one JSON line: {"medianMs":..,"p90Ms":..,"p99Ms":..,"meanMs":..}.
import { createGossipNode } from './gossip-common.mjs'
import { randomBytes } from 'node:crypto'
import SnappyJS from 'snappyjs'

const size = Number(process.argv[2] ?? 512)
const messages = Number(process.argv[3] ?? 500)
const warmup = Number(process.argv[4] ?? 100)
const TOPIC = '/eth2/00000000/beacon_block/ssz_snappy'

const nodes = []
for (let i = 0; i < 4; i++) nodes.push(await createGossipNode({ muxers: ['yamux'] }))
for (const n of nodes) n.services.pubsub.subscribe(TOPIC)
for (let i = 0; i < 3; i++) await nodes[i].dial(nodes[i + 1].getMultiaddrs()[0])

const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms))
const meshed = (i, j) => nodes[i].services.pubsub.getMeshPeers(TOPIC).map(String).includes(nodes[j].peerId.toString())
for (let t = 0; !(meshed(0, 1) && meshed(1, 0) && meshed(1, 2) && meshed(2, 1) && meshed(2, 3) && meshed(3, 2)); t++) {
  if (t > 300) throw new Error('the line did not form a mesh in 30 s')
  await sleep(100)
}

let arrived = null
nodes[3].services.pubsub.addEventListener('message', () => { if (arrived) arrived() })

async function once () {
  const data = SnappyJS.compress(randomBytes(size))
  const got = new Promise(resolve => { arrived = resolve })
  const t0 = process.hrtime.bigint()
  await nodes[0].services.pubsub.publish(TOPIC, data)
  await got
  return Number(process.hrtime.bigint() - t0) / 1e6
}

for (let i = 0; i < warmup; i++) await once()
const ms = []
for (let i = 0; i < messages; i++) ms.push(await once())
ms.sort((a, b) => a - b)
const q = (f) => ms[Math.min(ms.length - 1, Math.floor(f * ms.length))]
process.stdout.write(JSON.stringify({
  medianMs: q(0.5), p90Ms: q(0.9), p99Ms: q(0.99), meanMs: ms.reduce((a, b) => a + b, 0) / ms.length, size, messages
}) + '\n')
for (const n of nodes) await n.stop()
process.exit(0)

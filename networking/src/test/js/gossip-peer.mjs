// A js-libp2p 3 node with @libp2p/gossipsub 17.1.1, driven by EDVT's gossip interop tests
// (JsPeer.java) over stdin/stdout, one JSON object per line, like peer.mjs.
// Arguments: --heartbeat <ms>  --protocols /meshsub/1.2.0,/meshsub/1.1.0 (what it offers, default: all)
//            --sign StrictSign (default StrictNoSign, as on the eth2 network)
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import { createInterface } from 'node:readline'
import { createGossipNode, eth2MsgId, hex } from './gossip-common.mjs'

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]])
  return acc
}, []))
const node = await createGossipNode({
  heartbeatMs: Number(args.heartbeat ?? 700),
  protocols: args.protocols ? args.protocols.split(',') : undefined,
  signaturePolicy: args.sign ?? 'StrictNoSign'
})
const pubsub = node.services.pubsub
const received = []
const events = []

pubsub.addEventListener('gossipsub:message', (e) => {
  const { propagationSource, msgId, msg } = e.detail
  received.push({
    topic: msg.topic,
    data: hex(msg.data),
    msgId: Buffer.from(msgId, 'base64').toString('hex'), // the id gossipsub used internally
    ownId: hex(eth2MsgId(msg.topic, msg.data)),
    from: propagationSource.toString()
  })
})
for (const type of ['gossipsub:graft', 'gossipsub:prune']) {
  pubsub.addEventListener(type, (e) => {
    events.push({ type: type.slice(10), peer: e.detail.peerId.toString(), topic: e.detail.topic, direction: e.detail.direction })
  })
}

function out (obj) { process.stdout.write(JSON.stringify(obj) + '\n') }

const commands = {
  async dial (cmd) {
    const conn = await node.dial(multiaddr(cmd.addr))
    return { remotePeer: conn.remotePeer.toString() }
  },
  async subscribe (cmd) { pubsub.subscribe(cmd.topic); return {} },
  async unsubscribe (cmd) { pubsub.unsubscribe(cmd.topic); return {} },
  async publish (cmd) {
    const data = Buffer.from(cmd.data, 'hex')
    const r = await pubsub.publish(cmd.topic, data)
    return { recipients: r.recipients.length, msgId: hex(eth2MsgId(cmd.topic, data)) }
  },
  async received () { return { messages: received.splice(0) } },
  async events () { return { events: events.splice(0) } },
  async mesh (cmd) { return { peers: pubsub.getMeshPeers(cmd.topic).map(p => p.toString()) } },
  async subscribers (cmd) { return { peers: pubsub.getSubscribers(cmd.topic).map(p => p.toString()) } },
  async streams () {
    const outbound = {}
    for (const [peer, s] of pubsub.streamsOutbound) outbound[peer] = s.protocol
    return { outbound }
  },
  // IDONTWANT ids received and still held, per peer (gossipsub's own bookkeeping)
  async idontwants () {
    const byPeer = {}
    for (const [peer, ids] of pubsub.idontwants) byPeer[peer] = [...ids.keys()].map(id => Buffer.from(id, 'base64').toString('hex'))
    return { byPeer }
  },
  async score (cmd) { return { score: pubsub.score.score(cmd.peer) } },
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

out({ event: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(a => a.toString()) })

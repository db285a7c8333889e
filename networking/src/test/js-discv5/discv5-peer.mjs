// A @chainsafe/discv5 node driven by EDVT's discovery interop tests (Discv5InteropTest.java) over
// stdin/stdout, one JSON object per line. It prints {"event":"ready","enr":...} once listening, then
// answers each command {"id":n,"cmd":...} with {"id":n,"ok":true,...} or {"id":n,"ok":false,"error":"..."}.
// Its ENR carries eth2, attnets, syncnets, cgc and gmember like an EDVT node's.
// Arguments: --port <udp port> (0 picks one)  --bad-eth2 true (a 15-byte eth2 field: a malformed record)
import { Discv5 } from '@chainsafe/discv5'
import { ENR, SignableENR } from '@chainsafe/enr'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { multiaddr } from '@multiformats/multiaddr'
import { createInterface } from 'node:readline'
import { createSocket } from 'node:dgram'

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]])
  return acc
}, []))

async function freeUdpPort () {
  return new Promise((resolve) => {
    const s = createSocket('udp4')
    s.bind(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) })
  })
}

const hex = (b) => Buffer.from(b).toString('hex')
const port = Number(args.port ?? 0) || await freeUdpPort()
const privateKey = await generateKeyPair('secp256k1')
const enr = SignableENR.createFromPrivateKey(privateKey)
enr.setLocationMultiaddr(multiaddr(`/ip4/127.0.0.1/udp/${port}`))
enr.setLocationMultiaddr(multiaddr('/ip4/127.0.0.1/tcp/13000'))
enr.set('eth2', Buffer.from('edf70001' + '06000000' + (args['bad-eth2'] === 'true' ? 'ffffffffffffff' : 'ffffffffffffffff'), 'hex'))
enr.set('attnets', Buffer.from('0300000000000080', 'hex'))
enr.set('syncnets', Buffer.from('05', 'hex'))
enr.set('cgc', Buffer.from('08', 'hex'))
enr.set('gmember', Buffer.from('01', 'hex'))

const discv5 = Discv5.create({
  enr,
  privateKey,
  bindAddrs: { ip4: multiaddr(`/ip4/127.0.0.1/udp/${port}`) },
  config: { enrUpdate: false, requestTimeout: 2000, lookupTimeout: 5000 }
})
await discv5.start()

function out (obj) { process.stdout.write(JSON.stringify(obj) + '\n') }

function describe (e) {
  const kvs = {}
  for (const [k, v] of e.kvs) kvs[k] = hex(v)
  return { enr: e.encodeTxt(), seq: e.seq.toString(), nodeId: e.nodeId, publicKey: hex(e.publicKey), ip: e.ip ?? null, udp: e.udp ?? null, tcp: e.tcp ?? null, quic: e.quic ?? null, kvs }
}

const commands = {
  async enr () { return describe(discv5.enr.toENR()) },
  async addEnr (cmd) { discv5.addEnr(cmd.enr); return {} },
  // Decodes (and thereby verifies the signature of) an ENR text, re-encodes it.
  async decode (cmd) { return describe(ENR.decodeTxt(cmd.enr)) },
  async findRandomNode () { return { found: (await discv5.findRandomNode()).map(e => e.encodeTxt()) } },
  async findNode (cmd) { return { found: (await discv5.findNode(cmd.nodeId)).map(e => e.encodeTxt()) } },
  async kadValues () { return { enrs: discv5.kadValues().map(e => e.encodeTxt()) } },
  async ping (cmd) { await discv5.sendPing(ENR.decodeTxt(cmd.enr)); return {} },
  async stop () { await discv5.stop(); setTimeout(() => process.exit(0), 50); return {} }
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
lines.on('close', () => { discv5.stop().finally(() => process.exit(0)) })

out({ event: 'ready', ...describe(discv5.enr.toENR()) })

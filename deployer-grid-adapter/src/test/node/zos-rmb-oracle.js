// Oracle for deployer-grid-adapter's zos and RMB tests, driven like oracle.js: one JSON object of cases on stdin,
// one JSON object of answers on stdout. The answers are what @threefold/grid_client (zos deployment challenges and
// signatures) and @threefold/rmb_direct_client (envelope challenge, signing, verification, protobuf bytes, relay
// token, end-to-end encryption) compute. Nothing here talks to a network: the RMB client's twin cache is filled with
// the test's twins.
'use strict';
const fs = require('fs');
const path = require('path');
const { Keyring } = require('@polkadot/keyring');
const { hexToU8a, u8aToHex } = require('@polkadot/util');
const { cryptoWaitReady } = require('@polkadot/util-crypto');
const grid = require('@threefold/grid_client');

// rmb_direct_client's package exports only its client; its envelope and protobuf classes are the files the client
// itself requires
const rmbDist = path.join(__dirname, 'node_modules', '@threefold', 'rmb_direct_client', 'dist', 'node');
const ClientEnvelope = require(path.join(rmbDist, 'envelope.js')).default;
const pb = require(path.join(rmbDist, 'types', 'lib', 'types.js'));
const { Client } = require(path.join(rmbDist, 'client.js'));
const { createShared } = require(path.join(rmbDist, 'sign.js'));
const { generatePublicKey } = require(path.join(rmbDist, 'util.js'));

const keyring = () => new Keyring({ type: 'ed25519', ss58Format: 42 });
const assign = (Type, value) => Object.assign(new Type(), value);

// --- zos: the same deployment built with grid_client's classes from the JSON our side wrote

function tsData(type, d) {
  switch (type) {
    case 'zmachine': {
      const m = new grid.Zmachine();
      m.flist = d.flist;
      const n = new grid.ZmachineNetwork();
      n.public_ip = d.network.public_ip;
      n.planetary = d.network.planetary;
      n.interfaces = d.network.interfaces.map((i) => assign(grid.ZNetworkInterface, i));
      if (d.network.mycelium) n.mycelium = assign(grid.MyceliumIP, d.network.mycelium);
      m.network = n;
      m.size = d.size;
      m.compute_capacity = assign(grid.ComputeCapacity, d.compute_capacity);
      m.mounts = d.mounts.map((x) => assign(grid.Mount, x));
      m.entrypoint = d.entrypoint;
      m.env = d.env;
      m.corex = d.corex;
      if (d.gpu) m.gpu = d.gpu;
      return m;
    }
    case 'network': {
      const n = new grid.Znet();
      n.ip_range = d.ip_range;
      n.subnet = d.subnet;
      n.wireguard_private_key = d.wireguard_private_key;
      n.wireguard_listen_port = d.wireguard_listen_port;
      n.peers = d.peers.map((p) => assign(grid.Peer, p));
      if (d.mycelium) n.mycelium = assign(grid.Mycelium, d.mycelium);
      return n;
    }
    case 'zmount':
      return assign(grid.Zmount, d);
    case 'ip':
      return assign(grid.PublicIP, d);
    case 'gateway-name-proxy':
      return assign(grid.GatewayNameProxy, d);
    case 'gateway-fqdn-proxy':
      return assign(grid.GatewayFQDNProxy, d);
    default:
      throw new Error(`workload type ${type}`);
  }
}

function tsDeployment(j) {
  const d = new grid.Deployment();
  Object.assign(d, {
    version: j.version, twin_id: j.twin_id, contract_id: j.contract_id, metadata: j.metadata,
    description: j.description, expiration: j.expiration
  });
  const sr = new grid.SignatureRequirement();
  sr.requests = j.signature_requirement.requests.map((r) => assign(grid.SignatureRequest, r));
  sr.weight_required = j.signature_requirement.weight_required;
  sr.signatures = [];
  d.signature_requirement = sr;
  d.workloads = j.workloads.map((w) => {
    const wl = new grid.Workload();
    Object.assign(wl, { version: w.version, name: w.name, type: w.type, metadata: w.metadata,
      description: w.description });
    wl.data = tsData(w.type, w.data);
    return wl;
  });
  return d;
}

async function deployments(cases) {
  const out = [];
  for (const c of cases) {
    const d = tsDeployment(c.json);
    const pair = keyring().addFromUri(c.mnemonic);
    const hash = d.challenge_hash();
    // grid_client signs the raw 16 bytes of the hash with the twin's key and stores the signature hex
    await d.sign(c.signer, c.mnemonic, 'ed25519');
    const theirs = d.signature_requirement.signatures.find((s) => s.twin_id === c.signer);
    out.push({
      challenge: d.challenge(),
      workloads: d.workloads.map((w) => w.challenge()),
      hash,
      signature: theirs.signature,
      signatureType: theirs.signature_type,
      oursValid: c.ours ? pair.verify(hexToU8a(hash), hexToU8a(c.ours), pair.publicKey) : null
    });
  }
  return out;
}

// --- RMB

function pbEnvelope(f) {
  const address = (a) => a ? new pb.Address(a.connection === undefined ? { twin: a.twin }
    : { twin: a.twin, connection: a.connection }) : undefined;
  const data = {
    uid: f.uid, tags: f.tags, timestamp: f.timestamp, expiration: f.expiration,
    source: address(f.source), destination: address(f.destination),
    schema: f.schema, federation: f.federation, relays: f.relays
  };
  if (f.request) data.request = new pb.Request({ command: f.request.command });
  if (f.response) data.response = new pb.Response();
  if (f.error) data.error = new pb.Error({ code: f.error.code, message: f.error.message });
  if (f.ping) data.ping = new pb.Ping();
  if (f.pong) data.pong = new pb.Pong();
  if (f.plain !== undefined) data.plain = hexToU8a(f.plain);
  if (f.cipher !== undefined) data.cipher = hexToU8a(f.cipher);
  if (f.signature !== undefined) data.signature = hexToU8a(f.signature);
  return new pb.Envelope(data);
}

function fieldsOf(e) {
  const a = (x) => x ? (x.has_connection ? { twin: x.twin, connection: x.connection } : { twin: x.twin }) : null;
  return {
    uid: e.uid, tags: e.has_tags ? e.tags : null, timestamp: e.timestamp, expiration: e.expiration,
    source: e.has_source ? a(e.source) : null, destination: e.has_destination ? a(e.destination) : null,
    message: e.has_request ? { request: e.request.command } : e.has_response ? 'response'
      : e.has_error ? { error: [e.error.code, e.error.message] } : e.has_ping ? 'ping' : e.has_pong ? 'pong' : null,
    signature: e.has_signature ? u8aToHex(e.signature) : null,
    schema: e.has_schema ? e.schema : null, federation: e.has_federation ? e.federation : null,
    plain: e.has_plain ? u8aToHex(e.plain) : null, cipher: e.has_cipher ? u8aToHex(e.cipher) : null,
    relays: e.relays
  };
}

// the challenge as ClientEnvelope computes it, with the case's schema (its constructor forces "application/json")
function challengeOf(f) {
  const ce = new ClientEnvelope(undefined, pbEnvelope(f), '', null, new Map());
  ce.schema = f.schema || '';
  return u8aToHex(ce.challenge());
}

async function envelopes(cases) {
  const out = [];
  for (const c of cases) {
    const pair = keyring().addFromUri(c.mnemonic);
    // the twin cache ClientEnvelope.verify reads the sender's account from (its stamp makes it current)
    const twins = new Map([[c.fields.source.twin,
      { twin: { id: c.fields.source.twin, accountId: pair.address }, timestamp: Math.round(Date.now() / 1000) }]]);
    const answer = {
      challenge: challengeOf(c.fields),
      bytes: u8aToHex(pbEnvelope(c.fields).serializeBinary())
    };
    // ours, as the TS client receives it: decoded, then verified by ClientEnvelope.verify
    const received = pb.Envelope.deserializeBinary(hexToU8a(c.ours));
    answer.decodedOurs = fieldsOf(received);
    const ce = new ClientEnvelope(undefined, received, '', null, twins);
    answer.oursValid = (await ce.verify()) === true;
    // signed here, as Client.send signs and sends it
    const mine = new ClientEnvelope(pair, pbEnvelope(c.fields), '', null, twins);
    mine.signature = mine.signEnvelope();
    answer.signedByTs = u8aToHex(mine.serializeBinary());
    out.push(answer);
  }
  return out;
}

function tokens(cases) {
  const realNow = Date.now;
  try {
    return cases.map((c) => {
      const pair = keyring().addFromUri(c.mnemonic);
      Date.now = () => c.nowMs;
      const token = Client.prototype.newJWT.call({ twin: { id: c.twin }, signer: pair }, c.session);
      Date.now = realNow;
      const [h, claims, sig] = c.ours.split('.');
      const raw = Buffer.from(sig, 'base64url');
      return {
        token,
        oursValid: raw.length === 65 && raw[0] === 0x65
          && pair.verify(Buffer.from(`${h}.${claims}`, 'utf8'), raw.subarray(1), pair.publicKey),
        oursHeader: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')),
        oursClaims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'))
      };
    });
  } finally {
    Date.now = realNow;
  }
}

// --- RMB end-to-end encryption: a twin's secp256k1 key from its secret (mnemonic or 0x hex seed), the shared key,
// and bodies encrypted and decrypted by ClientEnvelope as Client.send and Client.read do it
async function e2e(cases) {
  const out = [];
  for (const c of cases) {
    const pkA = generatePublicKey(c.secretA);
    const pkB = generatePublicKey(c.secretB);
    const answer = {
      pkA, pkB,
      sharedAB: u8aToHex(createShared(hexToU8a(pkB), c.secretA)),
      sharedBA: u8aToHex(createShared(hexToU8a(pkA), c.secretB))
    };
    // ours (A to B) as B's client reads a reply from A: the sender twin's pk, then decrypt with B's secret
    const received = new ClientEnvelope(undefined, pbEnvelope({ uid: 'e2e', cipher: c.ours }), '', null, new Map());
    received.twin = { pk: pkA };
    try {
      answer.oursOpened = u8aToHex(new Uint8Array(await received.decrypt(c.secretB)));
    } catch (e) {
      answer.oursOpened = null;
    }
    // B to A, as B's Client.send encrypts a request body for A
    const sending = new ClientEnvelope(undefined, pbEnvelope({ uid: 'e2e' }), '', null, new Map());
    answer.theirs = u8aToHex(await sending.encrypt(Buffer.from(hexToU8a(c.plain)), c.secretB, pkA));
    out.push(answer);
  }
  return out;
}

function versionOf(name) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', name, 'package.json'), 'utf8')).version;
}

// the examples' signing benchmark builds its grid_client deployment with the same conversion
module.exports = { tsDeployment };

if (require.main === module) (async () => {
  await cryptoWaitReady();
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const out = {
    versions: {
      gridClient: versionOf('@threefold/grid_client'),
      rmbDirectClient: versionOf('@threefold/rmb_direct_client'),
      node: process.version
    },
    deployments: await deployments(input.deployments || []),
    envelopes: await envelopes(input.envelopes || []),
    tokens: tokens(input.tokens || []),
    e2e: await e2e(input.e2e || [])
  };
  // grid_client leaves handles open: exit once the answer is written
  process.stdout.write(JSON.stringify(out), () => process.exit(0));
})().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});

// Drives a local grid's RMB relay and simulated zos nodes (examples' LocalV3Grid) with the official
// @threefold/rmb_direct_client: creates an ed25519 twin on the local chain with @polkadot/api, builds a deployment
// with @threefold/grid_client's classes, creates its node contract, then over the relay calls the node:
// zos.statistics.get, zos.deployment.deploy, zos.deployment.changes until every workload is ok, zos.deployment.get
// and zos.deployment.delete. Prints one JSON object with what it saw; exits 1 with the error otherwise.
// usage: node local-rmb.js SUBSTRATE_URL ACTIVATION_URL RELAY_URL NODE_ID
//
// The client derives the twin's relay from its relay URL as `url.replace("wss://", "").replace("/", "")` and
// updates the twin when they differ; tfchain takes no '/' in a relay, so a plain ws:// URL is given as
// "ws:/127.0.0.1:PORT" (one slash), which WHATWG URL parsing (the ws package) reads as ws://127.0.0.1:PORT and which
// leaves "ws:127.0.0.1:PORT" as the relay.
'use strict';
const { cryptoWaitReady, mnemonicGenerate } = require('@polkadot/util-crypto');
const grid = require('@threefold/grid_client');
const { Client } = require('@threefold/rmb_direct_client');
const { send, connect, createTwin } = require('./local-twin');

function deployment(twinId) {
  const net = new grid.Znet();
  Object.assign(net, { ip_range: '10.30.0.0/16', subnet: '10.30.2.0/24',
    wireguard_private_key: 'GDU+cjKrHNJS9fodzjFDzNFl5su3kJXTZ3ipPgUjOUE=', wireguard_listen_port: 7001, peers: [] });
  const disk = new grid.Zmount();
  disk.size = 2 * 1024 ** 3;
  const vm = new grid.Zmachine();
  const network = new grid.ZmachineNetwork();
  const iface = new grid.ZNetworkInterface();
  Object.assign(iface, { network: 'net', ip: '10.30.2.5' });
  Object.assign(network, { public_ip: '', planetary: true, interfaces: [iface] });
  const mount = new grid.Mount();
  Object.assign(mount, { name: 'disk', mountpoint: '/data' });
  const capacity = new grid.ComputeCapacity();
  Object.assign(capacity, { cpu: 1, memory: 1024 ** 3 });
  Object.assign(vm, { flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist', network, size: 1024 ** 3,
    compute_capacity: capacity, mounts: [mount], entrypoint: '/sbin/zinit init', env: { A: '1' }, corex: false });
  const workloads = [['net', 'network', net], ['disk', 'zmount', disk], ['vm', 'zmachine', vm]].map(([name, type, data]) => {
    const w = new grid.Workload();
    Object.assign(w, { version: 0, name, type, data, metadata: '', description: '' });
    return w;
  });
  const d = new grid.Deployment();
  Object.assign(d, { version: 0, twin_id: twinId, contract_id: 0, metadata: '{"type":"vm"}', description: 'rmb test',
    expiration: 0, workloads });
  const request = new grid.SignatureRequest();
  Object.assign(request, { twin_id: twinId, required: false, weight: 1 });
  const sr = new grid.SignatureRequirement();
  Object.assign(sr, { requests: [request], weight_required: 1, signatures: [], signature_style: '' });
  d.signature_requirement = sr;
  return d;
}

async function main() {
  const [substrate, activation, relay, nodeIdText] = process.argv.slice(2);
  const nodeId = Number(nodeIdText);
  await cryptoWaitReady();
  const api = await connect(substrate);
  const mnemonic = mnemonicGenerate();
  const { pair, twinId } = await createTwin(api, activation, mnemonic, 'relay.grid.local');
  const nodeTwin = (await api.query.tfgridModule.nodes(nodeId)).toJSON().twinId;

  const d = deployment(twinId);
  const hash = d.challenge_hash();
  const created = await send(api, pair, api.tx.smartContractModule.createNodeContract(nodeId, hash, '', 0, null));
  const contractEvent = created.find((e) => e.name === 'smartContractModule.ContractCreated');
  d.contract_id = contractEvent.data[0].contractId;
  await d.sign(twinId, mnemonic, 'ed25519');
  await api.disconnect();

  const out = { twinId, nodeTwin, contractId: d.contract_id };
  const rmb = new Client(substrate, relay.replace('ws://', 'ws:/'), mnemonic, 'local-rmb-test', 'ed25519', 3);
  await rmb.connect();
  const call = async (command, payload) => rmb.read(await rmb.send(command, payload, nodeTwin, 1));
  const byContract = JSON.stringify({ contract_id: d.contract_id });

  out.stats = await call('zos.statistics.get', '');
  out.deploy = await call('zos.deployment.deploy', JSON.stringify(d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const changes = await call('zos.deployment.changes', byContract);
    const latest = {};
    changes.forEach((w) => { latest[w.name] = w.result.state; });
    out.changes = changes.map((w) => `${w.name}:${w.result.state}`);
    if (['net', 'disk', 'vm'].every((n) => latest[n] === 'ok')) break;
    if (Object.values(latest).some((s) => s === 'error')) throw new Error(`a workload failed: ${JSON.stringify(changes)}`);
    if (Date.now() > deadline) throw new Error(`workloads not ok: ${JSON.stringify(changes)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  out.get = await call('zos.deployment.get', byContract);
  out.statsAfter = await call('zos.statistics.get', '');
  out.delete = await call('zos.deployment.delete', byContract);
  out.afterDelete = (await call('zos.deployment.get', byContract)).workloads.map((w) => `${w.name}:${w.result.state}`);
  const changed = Object.assign(deployment(twinId), { contract_id: d.contract_id, description: 'changed' });
  await changed.sign(twinId, mnemonic, 'ed25519');
  try {
    out.hashMismatch = await call('zos.deployment.deploy', JSON.stringify(changed));
  } catch (e) {
    out.hashMismatch = { error: e.message };
  }
  console.log(JSON.stringify(out));
  await rmb.disconnect();
}

main().then(() => process.exit(0)).catch((e) => { console.error(e && e.stack ? e.stack : String(e)); process.exit(1); });

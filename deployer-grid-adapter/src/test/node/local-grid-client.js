// Points the official @threefold/grid_client at a local grid (examples' V3GridServer): its tfchain, activation
// service and RMB relay, and, for gridproxy and GraphQL (not served by the local grid yet), a recorder that notes
// every request and answers 404 (except the client's connection checks: GET /version and the GraphQL query { __typename }). It creates
// a twin with a new mnemonic (ed25519), then deploys a VM with a network on NODE_ID and a gateway-name-proxy on
// GATEWAY_ID. Prints one JSON object: the steps done, the error that stopped it, and every request the recorder saw,
// so what the client asks of gridproxy and GraphQL is known exactly.
// usage: node local-grid-client.js SUBSTRATE_URL ACTIVATION_URL RELAY_URL NODE_ID GATEWAY_ID [PROXY_URL GRAPHQL_URL]
// (with PROXY_URL and GRAPHQL_URL the client uses them instead of the recorder)
'use strict';
const http = require('http');
const os = require('os');
const fs = require('fs');
const path = require('path');
const { mnemonicGenerate, cryptoWaitReady } = require('@polkadot/util-crypto');
const { connect, createTwin } = require('./local-twin');

function recorder(asked) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      asked.push({ method: req.method, url: req.url, body: body || undefined });
      if (req.method === 'GET' && req.url.replace(/\/$/, '') === '/version') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"version":"local"}');
        return;
      }
      if (req.method === 'POST' && body.includes('__typename }')) { // the client's GraphQL connection check
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"data":{"__typename":"Query"}}');
        return;
      }
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"error":"not served by the local grid"}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const [substrate, activation, relay, nodeIdText, gatewayIdText, proxyArg, graphqlArg] = process.argv.slice(2);
  // the client keeps its state under the home directory: a fresh one per run
  process.env.HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'grid-client-'));
  const grid = require('@threefold/grid_client');
  await cryptoWaitReady();
  const asked = [];
  const server = await recorder(asked);
  const proxy = proxyArg || `http://127.0.0.1:${server.address().port}`;
  const graphql = graphqlArg || `${proxy}/graphql`;
  const out = { steps: [], asked };
  const mnemonic = mnemonicGenerate();
  const relayForClient = relay.replace('ws://', 'ws:/'); // see local-rmb.js: the twin's relay is taken from the URL
  try {
    // grid_client's own activateAccountAndCreateTwin fetches the terms-and-conditions document from GitHub to hash
    // it, which an offline test cannot; the twin is made as local-rmb.js makes it
    const api = await connect(substrate);
    const created = await createTwin(api, activation, mnemonic, relayForClient.replace('ws:/', 'ws:'));
    await api.disconnect();
    out.steps.push(`twin ${created.twinId}`);
    const client = new grid.GridClient({ network: 'dev', mnemonic, storeSecret: 'secret', keypairType: 'ed25519',
      substrateURL: substrate, relayURL: relayForClient, proxyURL: proxy, graphqlURL: graphql,
      activationURL: `${activation}/activation/activate` });
    await client.connect();
    out.steps.push('connected');
    const vms = new grid.MachinesModel();
    vms.name = 'localvm';
    vms.network = Object.assign(new grid.NetworkModel(), { name: 'localnet', ip_range: '10.40.0.0/16' });
    const vm = new grid.MachineModel();
    Object.assign(vm, { name: 'vm', node_id: Number(nodeIdText), disks: [], public_ip: false, planetary: true,
      mycelium: false, cpu: 1, memory: 1024, rootfs_size: 1, flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
      entrypoint: '/sbin/zinit init', env: {} });
    vms.machines = [vm];
    out.vm = await client.machines.deploy(vms);
    out.steps.push('vm deployed');
    const gw = new grid.GatewayNameModel();
    Object.assign(gw, { name: 'localbot', node_id: Number(gatewayIdText), tls_passthrough: false,
      backends: ['http://10.40.2.2:8080'] });
    out.gateway = await client.gateway.deploy_name(gw);
    out.steps.push('gateway deployed');
    await client.disconnect();
  } catch (e) {
    out.error = e && e.message ? e.message : String(e);
  }
  server.close();
  console.log(JSON.stringify(out));
}

main().then(() => process.exit(0)).catch((e) => { console.error(e && e.stack ? e.stack : String(e)); process.exit(1); });

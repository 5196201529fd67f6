// Runs the official @threefold/grid_client, unchanged, against a local grid (examples' V3GridServer): its tfchain,
// RMB relay, gridproxy and GraphQL. It creates a twin with a new mnemonic (ed25519, funded by the activation
// service), deploys a VM with a network on NODE_ID and a gateway-name-proxy on GATEWAY_ID whose backend is the VM's
// planetary address, lists and reads the deployments, then deletes everything.
// grid_client asks a KYC service whether the account is verified before it deploys, at a fixed https://kyc.<network>
// host it offers no option for; the script sends those requests to the local grid's KYC status (served beside its
// activation service) through an interceptor on the axios the client uses, which it shares with this script.
// gridproxy and GraphQL are reached through a recorder that forwards every request and notes those the local grid
// did not serve (HTTP status >= 400, or a GraphQL answer with errors), so a failure says exactly what was asked.
// Prints one JSON object: the twin, the steps done, what was read, the error that stopped it and the unserved requests.
// usage: node local-grid-client.js SUBSTRATE_URL ACTIVATION_URL RELAY_URL PROXY_URL GRAPHQL_URL NODE_ID GATEWAY_ID
'use strict';
const http = require('http');
const os = require('os');
const fs = require('fs');
const path = require('path');
const { mnemonicGenerate, cryptoWaitReady } = require('@polkadot/util-crypto');
const { connect, createTwin } = require('./local-twin');

/** An HTTP server forwarding to `target` (a base URL) that notes every request the target did not serve. */
function recorder(target, unserved) {
  const base = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url, base);
      url.pathname = (base.pathname.replace(/\/$/, '') + req.url.replace(/\?.*$/, '')).replace(/\/\/+/g, '/');
      try {
        const answer = await fetch(url, { method: req.method, body: req.method === 'GET' ? undefined : body,
          headers: { 'Content-Type': req.headers['content-type'] || 'application/json' },
          signal: AbortSignal.timeout(20000) });
        const text = await answer.text();
        if (answer.status >= 400 || /"errors"\s*:/.test(text)) {
          unserved.push({ method: req.method, url: req.url, body: body || undefined, status: answer.status,
            answer: text.slice(0, 500) });
        }
        const headers = { 'Content-Type': answer.headers.get('content-type') || 'application/json' };
        if (answer.headers.get('count') !== null) headers.count = answer.headers.get('count');
        res.writeHead(answer.status, headers);
        res.end(text);
      } catch (e) {
        unserved.push({ method: req.method, url: req.url, body: body || undefined, error: String(e) });
        res.writeHead(502, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: String(e) }));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const [substrate, activation, relay, proxyUrl, graphqlUrl, nodeIdText, gatewayIdText] = process.argv.slice(2);
  // the client keeps its state under the home directory: a fresh one per run
  process.env.HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'grid-client-'));
  const grid = require('@threefold/grid_client');
  require('axios').interceptors.request.use((config) => {
    const url = new URL(config.url);
    if (url.hostname.startsWith('kyc.')) config.url = `${activation}${url.pathname}${url.search}`;
    return config;
  });
  await cryptoWaitReady();
  const unserved = [];
  const proxyRecorder = await recorder(proxyUrl, unserved);
  const graphqlRecorder = await recorder(graphqlUrl, unserved);
  const proxy = `http://127.0.0.1:${proxyRecorder.address().port}`;
  const graphql = `http://127.0.0.1:${graphqlRecorder.address().port}/graphql`;
  const out = { steps: [], unserved };
  const mnemonic = mnemonicGenerate();
  // grid_client takes the twin's relay from the URL after "ws:/" (see local-rmb.js), hence the single slash
  const relayForClient = relay.replace('ws://', 'ws:/');
  let client;
  try {
    // grid_client's own activateAccountAndCreateTwin fetches the terms-and-conditions document from GitHub to hash
    // it, which an offline test cannot; the twin is made as local-rmb.js makes it
    const api = await connect(substrate);
    const created = await createTwin(api, activation, mnemonic, relayForClient.replace('ws:/', 'ws:'));
    await api.disconnect();
    out.twinId = created.twinId;
    out.steps.push('twin created');
    client = new grid.GridClient({ network: 'dev', mnemonic, storeSecret: 'secret', keypairType: 'ed25519',
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
    await client.machines.deploy(vms);
    out.steps.push('vm deployed');
    const vmObj = await client.machines.getObj('localvm');
    out.vm = vmObj.map((m) => ({ name: m.name, status: m.status, planetary: m.planetary, interfaces: m.interfaces,
      contractId: m.contractId, nodeId: m.nodeId }));

    const gw = new grid.GatewayNameModel();
    Object.assign(gw, { name: 'localbot', node_id: Number(gatewayIdText), tls_passthrough: false,
      backends: [`http://[${vmObj[0].planetary}]:8080`] });
    await client.gateway.deploy_name(gw);
    out.steps.push('gateway deployed');
    const gwObj = await client.gateway.getObj('localbot');
    out.gateway = gwObj.map((g) => ({ name: g.name, status: g.status, domain: g.domain, backends: g.backends,
      contractId: g.contractId, nodeId: g.nodeId }));
    out.fqdn = gwObj[0].domain;

    out.machinesList = await client.machines.list();
    out.gatewaysList = await client.gateway.list();
    out.steps.push('listed');
    // the deployments as the nodes hold them, read through the client
    out.deployments = [];
    for (const contractId of [vmObj[0].contractId, gwObj[0].contractId]) {
      const d = await client.zos.getDeployment({ contractId });
      out.deployments.push({ contractId, twinId: d.twin_id,
        workloads: d.workloads.map((w) => ({ name: w.name, type: w.type, state: w.result.state })) });
    }
    out.steps.push('read');
    // the Java side checks the name's route now; it answers on stdin
    console.log(JSON.stringify({ fqdn: out.fqdn }));
    await new Promise((resolve) => process.stdin.once('data', resolve));

    await client.gateway.delete_name({ name: 'localbot' });
    await client.machines.delete({ name: 'localvm' });
    out.steps.push('deleted');
    out.machinesAfter = await client.machines.list();
    out.gatewaysAfter = await client.gateway.list();
  } catch (e) {
    out.error = e && e.message ? e.message : String(e);
  }
  try {
    if (client) await client.disconnect();
  } catch (e) {
    out.disconnectError = String(e);
  }
  proxyRecorder.close();
  graphqlRecorder.close();
  console.log(JSON.stringify(out));
}

main().then(() => process.exit(0)).catch((e) => { console.error(e && e.stack ? e.stack : String(e)); process.exit(1); });

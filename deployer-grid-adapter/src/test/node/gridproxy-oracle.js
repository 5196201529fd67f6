// Oracle for deployer-grid-adapter's gridproxy tests, driven like oracle.js: one JSON object of cases on stdin, one
// JSON object of answers on stdout. Each case names a listing (nodes, gateways, farms, twins, contracts), the query
// in @threefold/gridproxy_client's own names, and a base URL on the test's fake gridproxy; the answer is what that
// client sent and read there: its page of records and its count, or the error it refused the query with.
'use strict';
const fs = require('fs');
const path = require('path');
const GridProxyClient = require('@threefold/gridproxy_client').default;

function versionOf(name) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', name, 'package.json'), 'utf8')).version;
}

async function run(c) {
  const client = new GridProxyClient(c.base);
  try {
    const page = await client[c.endpoint].list({ ...c.query });
    return { id: c.id, count: page.count, data: page.data };
  } catch (e) {
    return { id: c.id, error: String(e.message || e) };
  }
}

(async () => {
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const results = [];
  for (const c of input.cases || []) {
    results.push(await run(c));
  }
  const out = { versions: { gridproxyClient: versionOf('@threefold/gridproxy_client'), node: process.version }, results };
  process.stdout.write(JSON.stringify(out), () => process.exit(0));
})().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});

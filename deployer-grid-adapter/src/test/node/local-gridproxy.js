// The official gridproxy client (@threefold/gridproxy_client) reads the local grid's gridproxy
// (examples' LocalGridProxy): node args: <proxy url> <account address> <twin id>.
// Prints one JSON line with what it saw; LocalGridProxyClientTest compares it with the chain.
const GridProxyClient = require("@threefold/gridproxy_client").default;

async function main() {
  const [url, address, twinId] = process.argv.slice(2);
  const proxy = new GridProxyClient(url);
  const seen = {};

  const up = await proxy.nodes.list({ status: "up", retCount: true, size: 5, page: 1 });
  seen.upCount = up.count;
  seen.firstPage = up.data.map(n => n.nodeId);
  const roomy = await proxy.nodes.list({ freeMru: 16 * 1024 ** 3, farmIds: "1,2", status: "up" });
  seen.roomy = roomy.data.map(n => n.nodeId);
  const node = await proxy.nodes.byId(1, { loadFarm: true, loadTwin: true });
  seen.node = {
    nodeId: node.nodeId,
    twinId: node.twinId,
    farmName: node.farm && node.farm.name,
    twinAccount: node.twin && node.twin.accountId,
    totalMru: node.total_resources.mru,
    usedMru: node.used_resources.mru,
  };
  const gateways = await proxy.gateways.list({ status: "up" });
  seen.gateways = gateways.data.map(g => g.publicConfig.domain);
  const farms = await proxy.farms.list({ retCount: true });
  seen.farmCount = farms.count;
  seen.farms = farms.data.map(f => ({ id: f.farmId, name: f.name, freeIps: f.publicIps.filter(ip => ip.contract_id === 0).length }));
  // by twin id: the client's own check refuses an SS58 accountId (it validates it as a number)
  const twins = await proxy.twins.list({ twinId: +twinId });
  seen.twins = twins.data.map(t => ({ id: t.twinId, account: t.accountId, relay: t.relay, mine: t.accountId === address }));
  const contracts = await proxy.contracts.list({ twinId: +twinId, state: ["Created", "GracePeriod", "Deleted"], retCount: true });
  seen.contractCount = contracts.count;
  seen.contracts = contracts.data.map(c => ({ id: c.contract_id, type: c.type, state: c.state, details: c.details }));
  const stats = await proxy.stats.get({});
  seen.stats = { nodes: stats.nodes, farms: stats.farms, twins: stats.twins };
  console.log(JSON.stringify(seen));
}

main().then(
  () => process.exit(0),
  err => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  },
);

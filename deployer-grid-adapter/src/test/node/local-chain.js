// Drives a local tfchain (examples' V3GridServer) as a client drives tfchain: connects with @polkadot/api, reads
// balances, twins, nodes and contracts, activates a new ed25519 account, then signs and sends user_accept_tc,
// create_twin, create_node_contract, create_name_contract and cancel_contract, waiting for each to be in a block
// and reading its events. Prints one JSON object with what it saw; exits 1 with the error otherwise.
// usage: node local-chain.js WS_URL ACTIVATION_URL
const { ApiPromise, WsProvider } = require('@polkadot/api');
const { Keyring } = require('@polkadot/keyring');
const { cryptoWaitReady, mnemonicGenerate } = require('@polkadot/util-crypto');
const { u8aToHex } = require('@polkadot/util');

async function send(api, pair, tx) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(pair, ({ status, events, dispatchError }) => {
      try {
        handle(status, events, dispatchError);
      } catch (e) {
        reject(e);
      }
    }).catch(reject);
    function handle(status, events, dispatchError) {
      if (status.isInBlock) {
        const names = events.map(({ event }) => `${event.section}.${event.method}`);
        let error = null;
        if (dispatchError) {
          error = dispatchError.isModule
            ? (() => { const m = api.registry.findMetaError(dispatchError.asModule); return `${m.section}.${m.name}`; })()
            : dispatchError.toString();
        }
        resolve({ block: status.asInBlock.toHex(), events: names, error, data: events.map(({ event }) => event.toJSON()) });
      }
    }
  });
}

async function main() {
  const [url, activation] = process.argv.slice(2);
  await cryptoWaitReady();
  const provider = new WsProvider(url, 0);
  await provider.connect();
  const api = await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
  const out = {};
  out.chain = (await api.rpc.system.chain()).toString();
  out.genesis = api.genesisHash.toHex();
  out.twinCount = (await api.query.tfgridModule.twinID()).toNumber();
  const nodes = await api.query.tfgridModule.nodes.entries();
  out.nodes = nodes.map(([, n]) => n.toJSON()).map((n) => ({ id: n.id, farmId: n.farmId, twinId: n.twinId,
    domain: n.publicConfig && n.publicConfig.domain ? Buffer.from(n.publicConfig.domain.slice(2), 'hex').toString() : null }));
  const farms = await api.query.tfgridModule.farms.entries();
  out.farms = farms.map(([, f]) => Buffer.from(f.toJSON().name.slice(2), 'hex').toString());

  const keyring = new Keyring({ type: 'ed25519', ss58Format: 42 });
  const pair = keyring.addFromUri(mnemonicGenerate());
  const stranger = keyring.addFromUri(mnemonicGenerate());
  out.address = pair.address;
  for (const who of [pair, stranger]) {
    const res = await fetch(`${activation}/activation/activate`, { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ substrateAccountID: who.address }) });
    if (res.status !== 200) throw new Error(`activation answered ${res.status}: ${await res.text()}`);
  }
  out.balanceAfterActivation = (await api.query.system.account(pair.address)).data.free.toString();

  out.twinBeforeTc = await send(api, pair, api.tx.tfgridModule.createTwin('relay.grid.local', null));
  out.acceptTc = await send(api, pair, api.tx.tfgridModule.userAcceptTc('https://example.org/tc', 'abc123'));
  out.createTwin = await send(api, pair, api.tx.tfgridModule.createTwin('relay.grid.local', u8aToHex(pair.publicKey)));
  const twinId = (await api.query.tfgridModule.twinIdByAccountID(pair.address)).unwrap().toNumber();
  out.twin = (await api.query.tfgridModule.twins(twinId)).toJSON();
  out.nodeContract = await send(api, pair, api.tx.smartContractModule.createNodeContract(1,
    'a'.repeat(32), 'data', 0, null));
  out.sameHashAgain = await send(api, pair, api.tx.smartContractModule.createNodeContract(1,
    'a'.repeat(32), 'data', 0, null));
  out.nameContract = await send(api, pair, api.tx.smartContractModule.createNameContract('mybot'));
  const contracts = await api.query.smartContractModule.contracts.entries();
  out.contracts = contracts.map(([, c]) => c.toJSON());
  const nodeContractId = out.contracts.find((c) => c.contractType.nodeContract).contractId;
  out.strangerCancel = await send(api, stranger, api.tx.smartContractModule.cancelContract(nodeContractId));
  out.cancel = await send(api, pair, api.tx.smartContractModule.cancelContract(nodeContractId));
  out.contractsAfter = (await api.query.smartContractModule.contracts.entries()).map(([, c]) => c.toJSON().contractId);
  out.nonce = (await api.rpc.system.accountNextIndex(pair.address)).toNumber();
  await api.disconnect();
  console.log(JSON.stringify(out));
}

main().then(() => process.exit(0)).catch((e) => { console.error(e && e.stack ? e.stack : String(e)); process.exit(1); });

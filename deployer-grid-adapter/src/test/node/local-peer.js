// A second grid user beside a Java client, with @polkadot/api only: examples' JavaClientOnLocalGridTest runs it to
// check that each side sees the other's contracts on a local tfchain.
//   node local-peer.js WS_URL ACTIVATION_URL create NODE_ID OTHER_TWIN_ID
//     activates a new ed25519 account, accepts the terms, creates its twin, a node contract on NODE_ID and a name
//     contract, then reads every contract of OTHER_TWIN_ID; prints one JSON object with its mnemonic, twin,
//     contracts and what it saw of the other twin.
//   node local-peer.js WS_URL ACTIVATION_URL cancel MNEMONIC CONTRACT_ID...
//     cancels the contracts as the mnemonic's account; prints one JSON object with the ids still on the chain.
// Exits 1 with the error when anything fails.
'use strict';
const { Keyring } = require('@polkadot/keyring');
const { cryptoWaitReady, mnemonicGenerate, randomAsHex } = require('@polkadot/util-crypto');
const { send, connect, createTwin } = require('./local-twin');

function text(hex) {
  return Buffer.from(String(hex).replace(/^0x/, ''), 'hex').toString();
}

/** A contract as the chain holds it, with its byte fields as text. */
function view(contract) {
  const c = contract.toJSON();
  const type = c.contractType;
  const out = { id: c.contractId, twinId: c.twinId, state: Object.keys(c.state)[0] };
  if (type.nodeContract) {
    out.type = 'node';
    out.nodeId = type.nodeContract.nodeId;
    out.hash = text(type.nodeContract.deploymentHash);
  } else if (type.nameContract) {
    out.type = 'name';
    out.name = text(type.nameContract.name);
  } else {
    out.type = Object.keys(type)[0];
  }
  return out;
}

async function create(api, activation, nodeId, otherTwin) {
  const mnemonic = mnemonicGenerate();
  const { pair, twinId } = await createTwin(api, activation, mnemonic, 'relay.local');
  const hash = randomAsHex(16).slice(2);
  const name = `peer${twinId}`;
  await send(api, pair, api.tx.smartContractModule.createNodeContract(nodeId, hash, 'peer-data', 0, null));
  await send(api, pair, api.tx.smartContractModule.createNameContract(name));
  const nodeContractId = (await api.query.smartContractModule.contractIDByNodeIDAndHash(nodeId, hash)).toNumber();
  const nameContractId = (await api.query.smartContractModule.contractIDByNameRegistration(name)).toNumber();
  const all = (await api.query.smartContractModule.contracts.entries()).map(([, c]) => view(c.unwrap()));
  return { mnemonic, address: pair.address, twinId, hash, name, nodeContractId, nameContractId,
    other: all.filter((c) => c.twinId === otherTwin).sort((a, b) => a.id - b.id) };
}

async function cancel(api, mnemonic, ids) {
  const pair = new Keyring({ type: 'ed25519', ss58Format: 42 }).addFromUri(mnemonic);
  for (const id of ids) {
    await send(api, pair, api.tx.smartContractModule.cancelContract(id));
  }
  const left = [];
  for (const id of ids) {
    if ((await api.query.smartContractModule.contracts(id)).isSome) left.push(id);
  }
  return { cancelled: ids, left };
}

async function main() {
  const [url, activation, mode, ...rest] = process.argv.slice(2);
  await cryptoWaitReady();
  const api = await connect(url);
  let out;
  if (mode === 'create') {
    out = await create(api, activation, Number(rest[0]), Number(rest[1]));
  } else if (mode === 'cancel') {
    out = await cancel(api, rest[0], rest.slice(1).map(Number));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  await api.disconnect();
  console.log(JSON.stringify(out));
}

main().then(() => process.exit(0)).catch((e) => { console.error(e && e.stack ? e.stack : String(e)); process.exit(1); });

// Shared by local-rmb.js and local-grid-client.js: activates a new ed25519 account on a local grid, accepts the
// terms and conditions and creates its twin with @polkadot/api, as a client does on tfchain.
'use strict';
const { ApiPromise, WsProvider } = require('@polkadot/api');
const { Keyring } = require('@polkadot/keyring');

/** Signs and sends a call; resolves with the events of the block that included it, rejects when it failed. */
async function send(api, pair, tx) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(pair, ({ status, events, dispatchError }) => {
      if (!status.isInBlock) return;
      if (dispatchError) {
        reject(new Error(`${tx.method.section}.${tx.method.method} failed: ${dispatchError.toString()}`));
        return;
      }
      resolve(events.map(({ event }) => ({ name: `${event.section}.${event.method}`, data: event.toJSON().data })));
    }).catch(reject);
  });
}

/** Connects to the chain; the caller disconnects. */
async function connect(substrate) {
  const provider = new WsProvider(substrate, 0);
  await provider.connect();
  return ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
}

/** A funded account with a twin for the mnemonic: its key pair and twin id. */
async function createTwin(api, activation, mnemonic, relay) {
  const pair = new Keyring({ type: 'ed25519', ss58Format: 42 }).addFromUri(mnemonic);
  const res = await fetch(`${activation}/activation/activate`, { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ substrateAccountID: pair.address }) });
  if (res.status !== 200) throw new Error(`activation answered ${res.status}: ${await res.text()}`);
  await send(api, pair, api.tx.tfgridModule.userAcceptTc('https://example.org/tc', 'abc123'));
  await send(api, pair, api.tx.tfgridModule.createTwin(relay, null));
  const twinId = (await api.query.tfgridModule.twinIdByAccountID(pair.address)).unwrap().toNumber();
  return { pair, twinId };
}

module.exports = { send, connect, createTwin };

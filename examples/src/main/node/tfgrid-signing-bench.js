// The Node side of the examples' TfgridSigningBenchmark, run from the installation of the test oracles' pinned
// packages (deployer-grid-adapter/src/test/node). One JSON object of work on stdin, one JSON object of results on
// stdout: how many signed extrinsics @polkadot/api builds a second (decorated call from the runtime's metadata,
// Extrinsic v4, ed25519 signature, bytes), and how many deployment challenge hashes @threefold/grid_client computes
// and signs a second (with a key derived once, and through Deployment.sign, which derives it from the mnemonic
// each time), each over the given seconds; and one sample of each, for the Java side to check it did the same work.
// With the argument "metadata" it prints the runtime metadata it uses (substrate's, as @polkadot/types-support
// ships it).
'use strict';
const fs = require('fs');
const path = require('path');
const { TypeRegistry, Metadata, expandMetadata } = require('@polkadot/types');
const { Keyring } = require('@polkadot/keyring');
const { hexToU8a, u8aToHex } = require('@polkadot/util');
const { cryptoWaitReady } = require('@polkadot/util-crypto');
const { tsDeployment } = require('./zos-rmb-oracle.js');

const METADATA = require('@polkadot/types-support/metadata/static-substrate').default;

function versionOf(name) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', name, 'package.json'), 'utf8')).version;
}

// runs op until the seconds are up; operations a second
function rate(seconds, op) {
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let n = 0;
  let now = start;
  while (now < end) {
    op();
    n++;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

async function rateAsync(seconds, op) {
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let n = 0;
  let now = start;
  while (now < end) {
    await op();
    n++;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

async function measure(w) {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, METADATA);
  registry.setMetadata(metadata);
  const decorated = expandMetadata(registry, metadata);
  const keyring = new Keyring({ type: 'ed25519', ss58Format: 42 });
  const pair = keyring.addFromUri(w.mnemonic);
  const options = {
    blockHash: w.blockHash,
    genesisHash: w.genesisHash,
    era: registry.createType('ExtrinsicEra', w.era),
    nonce: w.nonce,
    tip: 0,
    runtimeVersion: { specVersion: w.specVersion, transactionVersion: w.transactionVersion },
    signedExtensions: registry.signedExtensions
  };
  const extrinsic = () => {
    const method = decorated.tx.balances.transferKeepAlive({ Id: w.dest }, w.amount);
    const ext = registry.createType('Extrinsic', method, { version: 4 });
    ext.sign(pair, options);
    return ext.toU8a();
  };
  const deployment = tsDeployment(w.deployment);
  const hashAndSign = () => {
    const hash = deployment.challenge_hash();
    return u8aToHex(pair.sign(hexToU8a(hash)));
  };
  const gridClientSign = async () => {
    deployment.signature_requirement.signatures = [];
    await deployment.sign(w.twinId, w.mnemonic, 'ed25519');
  };
  // warm up, then measure
  rate(w.warmupSeconds, extrinsic);
  rate(w.warmupSeconds, hashAndSign);
  const out = {
    versions: { api: versionOf('@polkadot/api'), gridClient: versionOf('@threefold/grid_client'), node: process.version },
    sample: { extrinsic: u8aToHex(extrinsic()), hash: deployment.challenge_hash(), signature: hashAndSign().slice(2) },
    extrinsicsPerSecond: rate(w.seconds, extrinsic),
    deploymentsPerSecond: rate(w.seconds, hashAndSign)
  };
  out.gridClientSignsPerSecond = await rateAsync(w.seconds, gridClientSign);
  return out;
}

(async () => {
  await cryptoWaitReady();
  if (process.argv[2] === 'metadata') {
    process.stdout.write(JSON.stringify({ metadata: METADATA }), () => process.exit(0));
    return;
  }
  const out = await measure(JSON.parse(fs.readFileSync(0, 'utf8')));
  process.stdout.write(JSON.stringify(out), () => process.exit(0));
})().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});

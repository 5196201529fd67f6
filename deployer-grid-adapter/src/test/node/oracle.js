// Oracle for deployer-grid-adapter's tests: reads one JSON object of cases on stdin, answers each kind of case
// with what the official polkadot-js clients compute, and prints one JSON object on stdout. Run offline: runtime
// metadata stands in for a node, of two kinds. The real runtimes' metadata @polkadot/types-support ships (static
// substrate, polkadot and kusama, v14), which `node oracle.js metadata` prints for the Java side to read too; and
// the tfchain-like runtime the tests describe and encode in Java, which comes in the cases ("runtime", hex).
'use strict';
const fs = require('fs');
const { TypeRegistry, Metadata, expandMetadata } = require('@polkadot/types');
const { Keyring } = require('@polkadot/keyring');
const { compactStripLength, hexToU8a, u8aToHex, stringToU8a } = require('@polkadot/util');
const {
  blake2AsU8a, cryptoWaitReady, decodeAddress, ed25519PairFromSeed, encodeAddress, mnemonicToMiniSecret,
  mnemonicValidate, signatureVerify, xxhashAsU8a
} = require('@polkadot/util-crypto');

function keys(cases) {
  const keyring = new Keyring({ type: 'ed25519', ss58Format: 42 });
  return cases.map(({ phrase, password, message }) => {
    const miniSecret = mnemonicToMiniSecret(phrase, password);
    const pair = ed25519PairFromSeed(miniSecret);
    const uri = password ? `${phrase}///${password}` : phrase;
    const fromKeyring = keyring.createFromUri(uri, {}, 'ed25519');
    const signature = fromKeyring.sign(hexToU8a(message));
    return {
      miniSecret: u8aToHex(miniSecret),
      publicKey: u8aToHex(pair.publicKey),
      address: encodeAddress(pair.publicKey, 42),
      keyringAddress: fromKeyring.address,
      signature: u8aToHex(signature)
    };
  });
}

function hexSeeds(cases) {
  const keyring = new Keyring({ type: 'ed25519', ss58Format: 42 });
  return cases.map((seed) => {
    const pair = keyring.createFromUri(seed, {}, 'ed25519');
    return { publicKey: u8aToHex(pair.publicKey), address: pair.address };
  });
}

function signatures(cases) {
  return cases.map(({ publicKey, message, signature }) =>
    signatureVerify(hexToU8a(message), hexToU8a(signature), hexToU8a(publicKey)).isValid);
}

function hashes(cases) {
  return cases.map((hex) => {
    const data = hexToU8a(hex);
    return {
      twox64: u8aToHex(xxhashAsU8a(data, 64)),
      twox128: u8aToHex(xxhashAsU8a(data, 128)),
      twox256: u8aToHex(xxhashAsU8a(data, 256)),
      blake2_128: u8aToHex(blake2AsU8a(data, 128)),
      blake2_256: u8aToHex(blake2AsU8a(data, 256))
    };
  });
}

function scale(registry, cases) {
  return cases.map(({ type, value }) => {
    try {
      // toU8a: a Compact's toHex() shows the inner value, not its encoding
      return u8aToHex(registry.createType(type, value).toU8a());
    } catch (e) {
      return `error: ${e.message}`;
    }
  });
}

const SHIPPED = ['substrate', 'polkadot', 'kusama'];

// the static metadata (hex) of a real runtime, as @polkadot/types-support ships it
function shippedMetadata(chain) {
  return require(`@polkadot/types-support/metadata/static-${chain}`).default;
}

function load(hex) {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, hex);
  registry.setMetadata(metadata);
  return { registry, metadata, decorated: expandMetadata(registry, metadata) };
}

const optionText = (o) => o.isSome ? o.unwrap().toString() : null;

function metadataSummary({ metadata, registry }) {
  const latest = metadata.asLatest;
  const variants = (lookupId) => registry.lookup.getSiType(lookupId).def.asVariant.variants
    .map((v) => ({
      name: v.name.toString(),
      index: v.index.toNumber(),
      fields: v.fields.map((f) => ({
        name: optionText(f.name), type: f.type.toNumber(), typeName: optionText(f.typeName)
      }))
    }));
  const extrinsic = metadata.asV14.extrinsic;
  return {
    pallets: latest.pallets.map((p) => ({
      name: p.name.toString(),
      index: p.index.toNumber(),
      calls: p.calls.isSome ? variants(p.calls.unwrap().type) : [],
      events: p.events.isSome ? variants(p.events.unwrap().type) : [],
      errors: p.errors.isSome ? variants(p.errors.unwrap().type) : [],
      storage: p.storage.isSome
        ? p.storage.unwrap().items.map((s) => ({
          name: s.name.toString(),
          optional: s.modifier.isOptional,
          hashers: s.type.isMap ? s.type.asMap.hashers.map((h) => h.toString()) : [],
          key: s.type.isMap ? s.type.asMap.key.toNumber() : null,
          value: s.type.isMap ? s.type.asMap.value.toNumber() : s.type.asPlain.toNumber()
        }))
        : []
    })),
    extrinsic: {
      version: extrinsic.version.toNumber(),
      signedExtensions: extrinsic.signedExtensions.map((e) => ({
        identifier: e.identifier.toString(), type: e.type.toNumber(), additionalSigned: e.additionalSigned.toNumber()
      }))
    }
  };
}

// how polkadot-js types each call's arguments, by "section.method"
function callArgs({ decorated }) {
  const out = {};
  for (const [section, calls] of Object.entries(decorated.tx)) {
    for (const [method, fn] of Object.entries(calls)) {
      out[`${section}.${method}`] = fn.meta.args.map((a) => a.type.toString());
    }
  }
  return out;
}

function storage(runtimes, cases) {
  return cases.map(({ runtime, pallet, item, args, raw }) => {
    const fn = runtimes[runtime].decorated.query[pallet][item];
    const key = u8aToHex(compactStripLength(fn(...args))[1]);
    // the same key assembled by hand from the hashes, as a second opinion on the decorated function
    const manual = raw ? u8aToHex(new Uint8Array([
      ...xxhashAsU8a(raw.prefix, 128), ...xxhashAsU8a(raw.name, 128),
      ...raw.parts.flatMap(({ hasher, data }) => {
        const bytes = hexToU8a(data);
        if (hasher === 'Blake2_128Concat') return [...blake2AsU8a(bytes, 128), ...bytes];
        if (hasher === 'Twox64Concat') return [...xxhashAsU8a(bytes, 64), ...bytes];
        if (hasher === 'Identity') return [...bytes];
        throw new Error(`hasher ${hasher}`);
      })
    ])) : null;
    return { key, manual };
  });
}

// a call's arguments may hold calls themselves (Utility.batch_all), written {"$call": {pallet, call, args}}
function toCall(decorated, { pallet, call, args }) {
  const resolve = (v) => Array.isArray(v) ? v.map(resolve)
    : (v && typeof v === 'object' && v.$call) ? toCall(decorated, v.$call) : v;
  return decorated.tx[pallet][call](...args.map(resolve));
}

function extrinsics(runtimes, cases) {
  const keyring = new Keyring({ type: 'ed25519', ss58Format: 42 });
  return cases.map((c) => {
    const { registry, decorated } = runtimes[c.runtime];
    const pair = keyring.createFromUri(c.seed, {}, 'ed25519');
    const method = toCall(decorated, c);
    const options = {
      blockHash: c.era ? c.blockHash : c.genesisHash,
      genesisHash: c.genesisHash,
      era: c.era ? registry.createType('ExtrinsicEra', c.era) : registry.createType('ExtrinsicEra'),
      nonce: c.nonce,
      tip: c.tip,
      runtimeVersion: { specVersion: c.specVersion, transactionVersion: c.transactionVersion },
      signedExtensions: registry.signedExtensions
    };
    const ext = registry.createType('Extrinsic', method, { version: 4 });
    ext.sign(pair, options);
    const result = { hex: ext.toHex(), method: method.toHex() };
    // decode ours and check it: the same call, signer, era, nonce and tip, and a signature that verifies
    try {
      const decoded = registry.createType('Extrinsic', c.ours);
      const payload = registry.createType('ExtrinsicPayload', {
        method: decoded.method.toHex(),
        era: decoded.era,
        nonce: decoded.nonce,
        tip: decoded.tip,
        specVersion: c.specVersion,
        transactionVersion: c.transactionVersion,
        genesisHash: c.genesisHash,
        blockHash: decoded.era.isMortalEra ? c.blockHash : c.genesisHash
      }, { version: 4 }).toU8a({ method: true });
      const signed = payload.length > 256 ? blake2AsU8a(payload, 256) : payload;
      result.decoded = {
        method: decoded.method.toHex(),
        section: decoded.method.section,
        callName: decoded.method.method,
        signer: decoded.signer.toString(),
        nonce: decoded.nonce.toNumber(),
        tip: decoded.tip.toString(),
        era: decoded.era.toHex(),
        signatureType: decoded.inner.signature.multiSignature.type,
        signatureValid: signatureVerify(signed, decoded.signature.toU8a(), pair.publicKey).isValid,
        reencoded: decoded.toHex() === c.ours
      };
    } catch (e) {
      result.decoded = { error: e.message };
    }
    return result;
  });
}

// storage values of the tfchain-like runtime, written by polkadot's type registry from JSON: {type: lookup id, value}
function values({ registry }, cases) {
  return cases.map(({ type, value }) => {
    try {
      return u8aToHex(registry.createType(registry.createLookupType(type), value).toU8a());
    } catch (e) {
      return `error: ${e.message}`;
    }
  });
}

// calls of the tfchain-like runtime as @polkadot/api's decorated tx functions encode them: {pallet, call, args}
function calls({ decorated }, cases) {
  return cases.map((c) => {
    try {
      return toCall(decorated, c).toHex();
    } catch (e) {
      return `error: ${e.message}`;
    }
  });
}

function versionOf(name) {
  return JSON.parse(fs.readFileSync(`${__dirname}/node_modules/${name}/package.json`, 'utf8')).version;
}

async function answer() {
  await cryptoWaitReady();
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const runtimes = {};
  for (const chain of SHIPPED) {
    runtimes[chain] = load(shippedMetadata(chain));
  }
  runtimes.tfchain = load(input.runtime);
  const out = {
    versions: {
      api: versionOf('@polkadot/api'),
      types: versionOf('@polkadot/types'),
      typesSupport: versionOf('@polkadot/types-support'),
      utilCrypto: versionOf('@polkadot/util-crypto'),
      keyring: versionOf('@polkadot/keyring'),
      node: process.version
    },
    // which metadata this run read, for the Java side to check it read the same
    shipped: Object.fromEntries(SHIPPED.map((chain) =>
      [chain, u8aToHex(blake2AsU8a(hexToU8a(shippedMetadata(chain)), 256))])),
    keys: keys(input.keys || []),
    validity: (input.phrases || []).map((p) => mnemonicValidate(p)),
    hexSeeds: hexSeeds(input.hexSeeds || []),
    signatures: signatures(input.signatures || []),
    addresses: (input.addresses || []).map((a) => {
      try {
        return u8aToHex(decodeAddress(a));
      } catch (e) {
        return null;
      }
    }),
    hashes: hashes(input.hashes || []),
    scale: scale(runtimes.tfchain.registry, input.scale || []),
    storage: storage(runtimes, input.storage || []),
    metadata: input.metadata
      ? Object.fromEntries(Object.entries(runtimes).map(([name, runtime]) => [name, metadataSummary(runtime)]))
      : null,
    callArgs: input.metadata ? callArgs(runtimes.tfchain) : null,
    extrinsics: extrinsics(runtimes, input.extrinsics || []),
    values: values(runtimes.tfchain, input.values || []),
    calls: calls(runtimes.tfchain, input.calls || [])
  };
  process.stdout.write(JSON.stringify(out));
}

function printShippedMetadata() {
  const out = { typesSupport: versionOf('@polkadot/types-support'), metadata: {} };
  for (const chain of SHIPPED) {
    out.metadata[chain] = shippedMetadata(chain);
  }
  process.stdout.write(JSON.stringify(out));
}

(async () => {
  if (process.argv[2] === 'metadata') {
    printShippedMetadata();
  } else {
    await answer();
  }
})().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});

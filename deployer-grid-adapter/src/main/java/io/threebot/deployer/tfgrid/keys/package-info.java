/**
 * TFGrid v3 keys and accounts: BIP39 mnemonics, Substrate's mini-secret derivation, ed25519 key pairs and SS58
 * addresses, computed exactly as {@code @polkadot/util-crypto} computes them (the tests compare the two). Only
 * ed25519 is supported: tfchain, zos and RMB all accept it.
 */
package io.threebot.deployer.tfgrid.keys;

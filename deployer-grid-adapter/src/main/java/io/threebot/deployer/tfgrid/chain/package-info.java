/**
 * The tfchain codec: SCALE ({@link io.threebot.deployer.tfgrid.chain.ScaleWriter},
 * {@link io.threebot.deployer.tfgrid.chain.ScaleReader}), Substrate's hashes and storage keys
 * ({@link io.threebot.deployer.tfgrid.chain.Hashing}, {@link io.threebot.deployer.tfgrid.chain.StorageHasher}), a
 * runtime metadata v14 reader from which every pallet, call, storage entry, event and error is looked up by name
 * ({@link io.threebot.deployer.tfgrid.chain.RuntimeMetadata}) and its mirror, a writer that describes a runtime in
 * Java and encodes its metadata ({@link io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter}), and signed
 * extrinsics v4 ({@link io.threebot.deployer.tfgrid.chain.ExtrinsicBuilder}). Every byte is checked against
 * {@code @polkadot/api} in the tests.
 */
package io.threebot.deployer.tfgrid.chain;

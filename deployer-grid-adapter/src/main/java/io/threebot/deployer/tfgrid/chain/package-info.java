/**
 * The tfchain codec: SCALE ({@link io.threebot.deployer.tfgrid.chain.ScaleWriter},
 * {@link io.threebot.deployer.tfgrid.chain.ScaleReader}), Substrate's hashes and storage keys
 * ({@link io.threebot.deployer.tfgrid.chain.Hashing}, {@link io.threebot.deployer.tfgrid.chain.StorageHasher}), a
 * runtime metadata v14 reader from which every pallet, call, storage entry, event and error is looked up by name
 * ({@link io.threebot.deployer.tfgrid.chain.RuntimeMetadata}) and its mirror, a writer that describes a runtime in
 * Java and encodes its metadata ({@link io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter}), and signed
 * extrinsics v4 ({@link io.threebot.deployer.tfgrid.chain.ExtrinsicBuilder}). Every byte is checked against
 * {@code @polkadot/api} in the tests.
 *
 * <p>And the client of a tfchain node: {@link io.threebot.deployer.tfgrid.chain.TfchainClient} speaks JSON-RPC over a
 * websocket (the JDK's), with a deadline on every call and a cap on every message. On connecting it reads the
 * runtime metadata, version, genesis hash and chain name; it reads storage into records
 * ({@link io.threebot.deployer.tfgrid.chain.AccountBalance}, {@link io.threebot.deployer.tfgrid.chain.Twin},
 * {@link io.threebot.deployer.tfgrid.chain.Contract}) and submits extrinsics made by
 * {@link io.threebot.deployer.tfgrid.chain.TfgridCalls} (transfers, terms and conditions, twins, node and name
 * contracts, {@code Utility.batch_all}), watching them into a block or to finality and returning their events
 * ({@link io.threebot.deployer.tfgrid.chain.ExtrinsicResult}). Its errors are rooted in
 * {@link io.threebot.deployer.tfgrid.chain.ChainException}: timeouts, lost connections, refused answers, extrinsics
 * rejected or of unknown outcome (never submitted twice), and failed extrinsics whose module errors are typed
 * ({@link io.threebot.deployer.tfgrid.chain.NotEnoughFundsException},
 * {@link io.threebot.deployer.tfgrid.chain.TwinNotFoundException},
 * {@link io.threebot.deployer.tfgrid.chain.NameTakenException}, ...,
 * {@link io.threebot.deployer.tfgrid.chain.ChainModuleException}).
 */
package io.threebot.deployer.tfgrid.chain;

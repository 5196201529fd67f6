/**
 * The TFGrid v3 implementation of core's {@link io.threebot.deployer.spi.ThreebotHosting}:
 * {@link io.threebot.deployer.tfgrid.hosting.TfgridHosting}, built on the v3 engine
 * ({@link io.threebot.deployer.tfgrid.deploy.ThreebotGrid}) and gridproxy. Each 3Bot is a twin of its own paying its
 * contracts; the hosting lists farms and nodes with room, quotes the contracts' cost from the chain's pricing policy,
 * tops up a 3Bot's account from the operator's, plans and deploys with a journal of JSON entries, and reads a 3Bot's
 * state and funding without its keys.
 *
 * <p>Everything has a deadline (the grid's and gridproxy's) and fails with typed exceptions rooted in
 * {@link io.threebot.deployer.errors.DeployerException}, {@link io.threebot.deployer.spi.HostingException} for what
 * the user reads; a transfer is never sent twice.
 */
package io.threebot.deployer.tfgrid.hosting;

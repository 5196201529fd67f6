/**
 * The TFGrid v3 engine behind a 3Bot: its own twin ({@link io.threebot.deployer.tfgrid.deploy.ThreebotGrid#twin}),
 * funding from the operator's account and the time it buys ({@link io.threebot.deployer.tfgrid.deploy.Funding}),
 * placement through gridproxy ({@link io.threebot.deployer.tfgrid.deploy.PlacementPolicy}), and a deploy made of
 * journaled steps (networks, the VM with its disk, the name contract, the gateway name proxy) that cancels what it
 * created when a step fails and finds what exists when it is resumed
 * ({@link io.threebot.deployer.tfgrid.deploy.BotTwin#deploy}), with the lifecycle primitives built on it (state,
 * stop, start, destroy, moving the VM).
 *
 * <p>Everything here has a deadline and fails with typed exceptions rooted in
 * {@link io.threebot.deployer.errors.DeployerException}; no lock is held across a call to the grid; a transfer of
 * TFT is never retried.
 */
package io.threebot.deployer.tfgrid.deploy;

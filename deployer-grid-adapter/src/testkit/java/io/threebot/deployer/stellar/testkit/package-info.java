/**
 * A Horizon double for tests and demos: {@link io.threebot.deployer.stellar.testkit.HorizonDouble} serves, on a
 * loopback port, the Horizon API the Stellar SDK uses, over a ledger of its own.
 */
package io.threebot.deployer.stellar.testkit;

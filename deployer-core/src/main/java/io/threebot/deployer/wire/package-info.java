/** The JSON the deployer writes, for hosts that send its views and messages on as the deployer writes them. */
package io.threebot.deployer.wire;

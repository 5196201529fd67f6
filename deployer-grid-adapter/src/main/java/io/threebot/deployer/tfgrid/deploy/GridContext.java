package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import java.net.URI;
import java.time.Duration;

/**
 * What every part of the engine shares: the chain client (signing with whichever key a call names), gridproxy, the
 * relay, the 3Bot flist and the deadlines.
 *
 * @param chain         the tfchain client
 * @param proxy         the gridproxy client
 * @param relay         the RMB relay
 * @param flist         the flist 3Bot VMs boot
 * @param callDeadline  the deadline of one RMB call
 * @param readyDeadline how long a deployment's workloads may take to be ready
 * @param pollInterval  the longest pause between two polls of a deployment's changes ({@link ReadyWait})
 */
record GridContext(TfchainClient chain, GridProxyClient proxy, URI relay, String flist, Duration callDeadline,
        Duration readyDeadline, Duration pollInterval) {
}

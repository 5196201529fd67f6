package io.threebot.deployer.examples.host;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.testkit.SimulatedConnectService;
import io.threebot.deployer.testkit.LoopbackServers;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * The example host on a free loopback port over a deployer, logging users in through a simulated ThreeFold Connect,
 * with a browser-like client for it: what the host's tests share. Closing it stops the host and the login service,
 * not the deployer.
 */
final class HostUnderTest implements AutoCloseable {
    private final SimulatedConnectService connect;
    private final int port;
    private final HostApp app;
    private final BrowserSession browser;

    private HostUnderTest(SimulatedConnectService connect, int port, HostApp app) {
        this.connect = connect;
        this.port = port;
        this.app = app;
        this.browser = new BrowserSession(URI.create("http://127.0.0.1:" + port));
    }

    /** The host with the default page settings. */
    static HostUnderTest start(ThreebotDeployer deployer) {
        return start(deployer, PageSettings.DEFAULT);
    }

    /** The host with these page settings (terms, demo wallet). */
    static HostUnderTest start(ThreebotDeployer deployer, PageSettings page) {
        SimulatedConnectService connect = SimulatedConnectService.start();
        int port = LoopbackServers.freePort();
        HostApp app = HostApp.start(deployer, new InetSocketAddress("127.0.0.1", port), null,
                BrowserSession.webLogin(connect, "http://127.0.0.1:" + port), page);
        return new HostUnderTest(connect, port, app);
    }

    int port() {
        return port;
    }

    HostApp app() {
        return app;
    }

    SimulatedConnectService connect() {
        return connect;
    }

    BrowserSession browser() {
        return browser;
    }

    @Override
    public void close() {
        app.close();
        connect.close();
    }
}

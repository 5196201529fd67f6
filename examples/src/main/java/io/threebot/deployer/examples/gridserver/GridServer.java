package io.threebot.deployer.examples.gridserver;

import io.threebot.deployer.explorer.ExplorerSimulator;
import io.threebot.deployer.sim.SimulatedDns;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.sim.SimulatedPayments;
import io.threebot.deployer.sim.SimulatedReachability;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The simulated grid as a server of its own, so that it outlives the deployers that use it and several deployer
 * processes can share it: the explorer's v1 API under {@code /api/v1} and the simulation's wallets, DNS,
 * reachability, a state dump and faults to inject under {@code /sim/} ({@link RemoteSimulation} connects to them).
 *
 * <pre>
 * ./scripts/run-example.sh io.threebot.deployer.examples.gridserver.GridServer [PORT] [--users-pay-at-once]
 * </pre>
 *
 * Its first line of output is {@code grid http://127.0.0.1:PORT}; it runs until stopped.
 */
public final class GridServer implements AutoCloseable {
    private final ExplorerSimulator explorer;

    private GridServer(ExplorerSimulator explorer) {
        this.explorer = explorer;
    }

    /**
     * Starts a grid of the sample topology on {@code port} (0 for a free one).
     *
     * @param usersPayAtOnce whether a simulated user pays every payment request as soon as it is made
     */
    public static GridServer start(int port, boolean usersPayAtOnce) throws IOException {
        SimulatedGrid grid = SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ofMillis(200));
        SimulatedLedger users = new SimulatedLedger(Clock.systemUTC());
        if (usersPayAtOnce) {
            users.payRequestsAfter(Duration.ZERO);
        }
        ExplorerSimulator explorer = ExplorerSimulator.start(grid, 100, port);
        explorer.route(SimulationEndpoints.ROOT, new SimulationEndpoints(grid,
                new SimulatedPayments(grid, 10_000_000_000_000L), users, new SimulatedDns(grid),
                new SimulatedReachability(grid, Duration.ofSeconds(1))));
        return new GridServer(explorer);
    }

    /** Where deployers connect: {@link RemoteSimulation#connect(URI)}. */
    public URI url() {
        return explorer.rootUrl();
    }

    @Override
    public void close() {
        explorer.close();
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        boolean payAtOnce = false;
        for (String arg : args) {
            if (arg.equals("--users-pay-at-once")) {
                payAtOnce = true;
            } else if (arg.matches("[0-9]{1,5}")) {
                port = Integer.parseInt(arg);
            } else {
                System.err.println("usage: GridServer [PORT] [--users-pay-at-once]");
                System.exit(2);
            }
        }
        GridServer server = start(port, payAtOnce);
        System.out.println("grid " + server.url());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }
}

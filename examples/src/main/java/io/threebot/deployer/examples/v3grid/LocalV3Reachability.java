package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.spi.ReachabilityProbe;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Whether a 3Bot on a {@link LocalV3Grid} answers on its address, as a browser would find it there: a gateway serves
 * the address's name and forwards it to a running VM of the 3Bot's twin ({@link LocalV3Grid#resolve}). Nothing runs
 * inside a simulated VM, so the 3Bot counts as answering once that path exists.
 */
public final class LocalV3Reachability implements ReachabilityProbe {
    private final LocalV3Grid grid;

    public LocalV3Reachability(LocalV3Grid grid) {
        this.grid = Objects.requireNonNull(grid, "grid");
    }

    @Override
    public boolean isReachable(URI uri, Duration timeout) {
        return uri.getHost() != null && grid.resolve(uri.getHost()).flatMap(LocalV3Grid.NameRoute::machine)
                .isPresent();
    }

    @Override
    public boolean containerAnswers(URI uri, String containerIp, Duration timeout) {
        return uri.getHost() != null && grid.resolve(uri.getHost()).flatMap(LocalV3Grid.NameRoute::machine)
                .filter(m -> m.ip().equals(containerIp)).isPresent();
    }
}

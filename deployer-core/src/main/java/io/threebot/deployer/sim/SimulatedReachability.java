package io.threebot.deployer.sim;

import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.ResultState;
import io.threebot.deployer.model.ReverseProxySpec;
import io.threebot.deployer.model.SubdomainSpec;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.ReachabilityProbe;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A 3Bot on the simulated grid answers once its subdomain, reverse proxy and container are all up, and its
 * container has had {@code bootTime} to start.
 */
public final class SimulatedReachability implements ReachabilityProbe {
    private final SimulatedGrid grid;
    private volatile Duration bootTime;
    private volatile Duration probeLatency = Duration.ZERO;
    private final Set<String> silentDomains = ConcurrentHashMap.newKeySet();
    private volatile Instant silentFrom = Instant.MAX;

    public SimulatedReachability(SimulatedGrid grid, Duration bootTime) {
        this.grid = grid;
        this.bootTime = bootTime;
    }

    public void bootTime(Duration time) {
        this.bootTime = time;
    }

    /** Each probe takes this long, as a real HTTP request would. */
    public void probeLatency(Duration latency) {
        this.probeLatency = latency;
    }

    /** The 3Bot behind this domain never answers, as if it crashed on start. */
    public void silence(String domain) {
        silentDomains.add(domain);
    }

    public void unsilence(String domain) {
        silentDomains.remove(domain);
    }

    /** Containers that come up from now on never answer, as if they crashed on start; those up already do. */
    public void silenceContainersStartedFromNow() {
        silentFrom = grid.clock().instant();
    }

    /** The one container at {@code containerIp} (on its management network) has booted and serves the domain. */
    @Override
    public boolean containerAnswers(URI uri, String containerIp, Duration timeout) {
        String domain = uri.getHost();
        return domain != null && !silentDomains.contains(domain)
                && grid.liveWorkloads(WorkloadType.CONTAINER, domain).stream()
                .anyMatch(w -> answering(w, domain, grid.clock().instant())
                        && ((ContainerSpec) w.spec()).networkConnections().stream()
                        .anyMatch(n -> n.ipAddress().equals(containerIp)));
    }

    @Override
    public boolean isReachable(URI uri, Duration timeout) {
        Duration latency = probeLatency;
        if (!latency.isZero()) {
            try {
                Thread.sleep(Math.min(latency.toMillis(), timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (latency.compareTo(timeout) > 0) {
                return false;
            }
        }
        String domain = uri.getHost();
        if (domain == null || silentDomains.contains(domain)) {
            return false;
        }
        boolean subdomain = grid.liveWorkloads(WorkloadType.SUBDOMAIN, domain).stream()
                .anyMatch(w -> ok(w) && ((SubdomainSpec) w.spec()).domain().equals(domain));
        boolean proxy = grid.liveWorkloads(WorkloadType.REVERSE_PROXY, domain).stream()
                .anyMatch(w -> ok(w) && ((ReverseProxySpec) w.spec()).domain().equals(domain));
        List<Workload> containers = grid.liveWorkloads(WorkloadType.CONTAINER, domain);
        // the time is read after the containers: read before, a probe held up between the two could find a container
        // that came up meanwhile (the one replacing another in a resize, say) not up yet, and the old one gone
        Instant now = grid.clock().instant();
        boolean container = containers.stream().anyMatch(w -> answering(w, domain, now));
        return subdomain && proxy && container;
    }

    /** A container of the domain that is up, has had its boot time, and did not come up silenced. */
    private boolean answering(Workload w, String domain, Instant now) {
        return ok(w) && domain.equals(((ContainerSpec) w.spec()).environment().get("DOMAIN"))
                && !now.isBefore(w.result().get().at().plus(bootTime))
                && w.result().get().at().isBefore(silentFrom);
    }

    private static boolean ok(Workload w) {
        return w.result().map(r -> r.state() == ResultState.OK).orElse(false);
    }
}

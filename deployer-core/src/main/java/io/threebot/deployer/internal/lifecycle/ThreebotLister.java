package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.Expiry;
import io.threebot.deployer.model.Pool;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.ThreebotHosting;
import io.threebot.deployer.internal.deploy.HostedRecords;
import io.threebot.deployer.spi.ReachabilityProbe;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An owner's 3Bots with their live state, all probed at once, so a listing takes about one probe's time however
 * many 3Bots there are. The state is reconciled and saved when the grid shows it changed: a running 3Bot whose
 * pool is idle (its workloads are gone) is STOPPED, an unreachable one ERROR, a reachable ERROR RUNNING again.
 * STOPPED and DELETED 3Bots are left as they are: nothing runs for them.
 */
public final class ThreebotLister {
    private static final Logger LOG = LoggerFactory.getLogger(ThreebotLister.class);

    private final ThreebotRepository threebots;
    private final GridClient grid;
    private final ReachabilityProbe probe;
    private final ExecutorService probes;
    private final Duration probeTimeout;
    private final Duration expiryWarning;
    private final Optional<HostedViews> hosted;

    /** @param expiryWarning a pool lasting less than this is {@link Expiry#EXPIRES_SOON} */
    public ThreebotLister(ThreebotRepository threebots, GridClient grid, ReachabilityProbe probe,
                          ExecutorService probes, Duration probeTimeout, Duration expiryWarning) {
        this(threebots, grid, probe, probes, probeTimeout, expiryWarning, Optional.empty(), null);
    }

    /**
     * A lister that also reads the 3Bots a hosting grid runs (TFGrid v3) from there.
     *
     * @param hosting the hosting grid, when the deployer has one
     * @param records the records of the 3Bots it runs
     */
    public ThreebotLister(ThreebotRepository threebots, GridClient grid, ReachabilityProbe probe,
                          ExecutorService probes, Duration probeTimeout, Duration expiryWarning,
                          Optional<ThreebotHosting> hosting, HostedRecords records) {
        this.hosted = hosting.map(h -> new HostedViews(h, records, probe, probeTimeout, expiryWarning));
        this.expiryWarning = expiryWarning;
        this.threebots = threebots;
        this.grid = grid;
        this.probe = probe;
        this.probes = probes;
        this.probeTimeout = probeTimeout;
    }

    /** The owner's 3Bots with their reconciled live state, all probed at once, oldest first. */
    public List<ThreebotView> list(String owner) {
        List<Threebot> owned = threebots.listByOwner(owner);
        Map<Long, Workload> containers = containers(owned);
        Optional<HostedRecords.Owned> onHosting = hosted.map(h -> h.owned(owner));
        List<CompletableFuture<ThreebotView>> views = new ArrayList<>();
        for (Threebot threebot : owned) {
            Optional<HostedRecords.Stored> onHost = onHosting.flatMap(o -> o.of(threebot.uuid()));
            if (onHost.isPresent()) {
                views.add(CompletableFuture.supplyAsync(() -> hostedView(threebot, onHost.get()), probes));
                continue;
            }
            if (onHosting.filter(o -> o.damaged().contains(threebot.uuid())).isPresent()) {
                // hosted, but its record cannot be read: shown as stored, never read as one of the explorer grid
                views.add(CompletableFuture.completedFuture(hosted.orElseThrow().view(threebot,
                        HostedViews.Reading.asStored(threebot))));
                continue;
            }
            Optional<Workload> container = Optional.ofNullable(containers.get(containerId(threebot)));
            views.add(CompletableFuture.supplyAsync(() -> view(threebot, container), probes));
        }
        return views.stream().map(CompletableFuture::join).toList();
    }

    private Map<Long, Workload> containers(List<Threebot> owned) {
        List<Long> ids = owned.stream().filter(t -> t.state().isLive() && !t.workloadIds().isEmpty())
                .map(ThreebotLister::containerId).toList();
        Map<Long, Workload> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            try {
                grid.getWorkloads(ids).forEach(w -> byId.put(w.id(), w));
            } catch (GridException e) {
                LOG.warn("The grid could not list containers; states are left as stored: {}", e.getMessage());
            }
        }
        return byId;
    }

    private ThreebotView view(Threebot threebot, Optional<Workload> container) {
        PoolReading pool = pool(threebot);
        ThreebotState state = reconcile(threebot, container, pool);
        if (state != threebot.state()) {
            threebots.update(threebot.uuid(), t -> t.state() == threebot.state() ? t.withState(state) : t);
        }
        Optional<Duration> timeLeft = pool.known() ? Optional.of(pool.pool().map(found -> found.lastsFor(
                threebot.flavor().capacity())).orElse(Duration.ZERO)) : Optional.empty();
        Map<String, String> data = container.flatMap(Workload::result).map(r -> r.data()).orElse(Map.of());
        return new ThreebotView(threebot.uuid(), threebot.name(), threebot.domain(), threebot.url(),
                Optional.ofNullable(data.get("ipv4")), Optional.ofNullable(data.get("ipv6")), threebot.ipAddress(),
                threebot.flavor(), threebot.farmName(), threebot.continent(), threebot.nodeId(),
                threebot.expiresAt(), state, threebot.workloadIds(), timeLeft,
                timeLeft.map(left -> Expiry.of(left, expiryWarning)));
    }

    private ThreebotView hostedView(Threebot threebot, HostedRecords.Stored onHost) {
        HostedViews views = hosted.orElseThrow();
        HostedViews.Reading reading = views.read(threebot, onHost);
        if (reading.state() != threebot.state()) {
            threebots.update(threebot.uuid(), t -> t.state() == threebot.state() ? t.withState(reading.state()) : t);
        }
        return views.view(threebot, reading);
    }

    /** What the grid said of a 3Bot's pool: nothing ({@code known} false), no such pool, or the pool. */
    private record PoolReading(boolean known, Optional<Pool> pool) {
        static final PoolReading UNKNOWN = new PoolReading(false, Optional.empty());
    }

    private PoolReading pool(Threebot threebot) {
        if (threebot.state() == ThreebotState.DELETED) {
            return PoolReading.UNKNOWN;
        }
        try {
            return new PoolReading(true, grid.getPool(threebot.poolId()));
        } catch (GridException e) {
            LOG.warn("The grid could not show the pool of 3Bot {}: {}", threebot.name(), e.getMessage());
            return PoolReading.UNKNOWN;
        }
    }

    private ThreebotState reconcile(Threebot threebot, Optional<Workload> container, PoolReading pool) {
        if (!threebot.state().isLive()) {
            return threebot.state();
        }
        if (!pool.known()) {
            LOG.warn("The grid could not say how 3Bot {} is; its state stays {}", threebot.name(), threebot.state());
            return threebot.state();
        }
        boolean gone = container.map(w -> w.nextAction().isGone() || !(w.spec() instanceof ContainerSpec))
                .orElse(true);
        boolean idle = pool.pool().map(Pool::idle).orElse(true);
        if (gone || idle) {
            return ThreebotState.STOPPED;
        }
        return probe.isReachable(URI.create(threebot.url()), probeTimeout) ? ThreebotState.RUNNING
                : ThreebotState.ERROR;
    }

    private static long containerId(Threebot threebot) {
        return threebot.workloadIds().get(threebot.workloadIds().size() - 1);
    }
}

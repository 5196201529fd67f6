package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.model.Expiry;
import io.threebot.deployer.model.ExpiryNotice;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.spi.ExpiryListener;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every running 3Bot's pool and tells once, per pool and expiry, when it runs dry within the warning time and
 * when it ran dry: an event ({@link DeploymentEvent.Kind#EXPIRES_SOON}, {@link DeploymentEvent.Kind#RAN_DRY}) and a
 * call to each {@link ExpiryListener}. What was told is kept in the store per 3Bot identity, so a restart, a second
 * deployer instance on the same store or a redeploy of the 3Bot does not tell it again; buying days (the pool lasts
 * again) re-arms the warning. A 3Bot with auto-renew on is asked for its renewal on every check while it expires
 * soon and has no request open, and a new request is told again.
 */
public final class ExpiryWatch {
    /** The store kind of what was told, one record per 3Bot identity. */
    public static final String KIND = "expiry-notices";
    private static final Logger LOG = LoggerFactory.getLogger(ExpiryWatch.class);

    /** The states of the 3Bots a check reads: all but DELETED. */
    private static final Set<ThreebotState> CHECKED = Set.of(ThreebotState.RUNNING, ThreebotState.ERROR,
            ThreebotState.STOPPED);

    /** What was last told about a 3Bot: the expiry of which pool. */
    record Told(long poolId, Expiry expiry) {
    }

    private final ThreebotRepository threebots;
    private final ThreebotService service;
    private final StateStore store;
    private final DeploymentEvents events;
    private final List<ExpiryListener> listeners;
    private final Clock clock;
    private final Duration warnBefore;

    /** @param service tells how long a 3Bot's pool lasts and asks for auto-renewals of pools that run low */
    public ExpiryWatch(ThreebotRepository threebots, ThreebotService service, StateStore store,
                       DeploymentEvents events, List<ExpiryListener> listeners, Clock clock, Duration warnBefore) {
        this.threebots = threebots;
        this.service = service;
        this.store = store;
        this.events = events;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.warnBefore = warnBefore;
    }

    /**
     * Checks every 3Bot that is not destroyed once (found by state through the store's index, so destroyed ones
     * are not read); returns the notices told this time. A 3Bot the grid cannot show is skipped.
     */
    public List<ExpiryNotice> check() {
        List<ExpiryNotice> told = new ArrayList<>();
        for (Threebot threebot : threebots.listIn(CHECKED)) {
            try {
                Optional<Versioned<Told>> last = store.get(KIND, threebot.identityName(), Told.class);
                if (watched(threebot, last)) {
                    check(threebot, last).ifPresent(told::add);
                }
            } catch (GridException e) {
                LOG.warn("The grid could not show the pool of 3Bot {}; its expiry is checked next time: {}",
                        threebot.name(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("The expiry of 3Bot {} could not be checked; it is checked next time", threebot.name(), e);
            }
        }
        return told;
    }

    /**
     * A running 3Bot is watched; so is one the grid stopped after it was warned about (its pool running dry is then
     * told), but not one its owner stopped or destroyed.
     */
    private static boolean watched(Threebot threebot, Optional<Versioned<Told>> last) {
        return threebot.state().isLive() || threebot.state() == ThreebotState.STOPPED && last.map(Versioned::value)
                .filter(t -> t.poolId() == threebot.poolId() && t.expiry() == Expiry.EXPIRES_SOON).isPresent();
    }

    /** Forgets what was told about a 3Bot identity, when its 3Bot is destroyed. */
    static void forget(StateStore store, String identityName) {
        // told again meanwhile, it stays; the next check finds it destroyed and tells nothing more
        store.get(KIND, identityName, Told.class)
                .ifPresent(v -> Records.deleteUnlessChanged(store, KIND, identityName, v.version()));
    }

    private Optional<ExpiryNotice> check(Threebot threebot, Optional<Versioned<Told>> last) {
        Duration left = service.poolTimeLeft(threebot);
        Expiry expiry = Expiry.of(left, warnBefore);
        if (expiry == Expiry.OK) {
            last.ifPresent(v -> store.delete(KIND, threebot.identityName(), v.version()));
            return Optional.empty();
        }
        Optional<String> renewal = expiry == Expiry.EXPIRES_SOON ? renewal(threebot) : Optional.empty();
        Told now = new Told(threebot.poolId(), expiry);
        if (last.map(Versioned::value).filter(now::equals).isPresent() && renewal.isEmpty()) {
            return Optional.empty();
        }
        try {
            store.put(KIND, threebot.identityName(), now, last.map(Versioned::version).orElse(StateStore.NEW));
        } catch (StaleVersionException e) {
            return Optional.empty();
        }
        ExpiryNotice notice = new ExpiryNotice(threebot.owner(), threebot.uuid(), threebot.name(), expiry,
                expiry == Expiry.RAN_DRY ? Duration.ZERO : left, clock.instant(), renewal);
        tell(notice);
        return Optional.of(notice);
    }

    private Optional<String> renewal(Threebot threebot) {
        try {
            return service.requestRenewal(threebot).map(UserPayment::id);
        } catch (RuntimeException e) {
            LOG.warn("The auto-renewal of 3Bot {} could not ask for its payment: {}", threebot.name(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    private void tell(ExpiryNotice notice) {
        DeploymentEvent.Kind kind = notice.expiry() == Expiry.RAN_DRY ? DeploymentEvent.Kind.RAN_DRY
                : DeploymentEvent.Kind.EXPIRES_SOON;
        events.publish(new DeploymentEvent(notice.uuid(), notice.owner(), notice.name(), kind, "expiry",
                notice.message(), notice.at()));
        for (ExpiryListener listener : listeners) {
            try {
                listener.onExpiry(notice);
            } catch (RuntimeException e) {
                LOG.warn("An expiry listener failed on 3Bot {}", notice.name(), e);
            }
        }
    }
}

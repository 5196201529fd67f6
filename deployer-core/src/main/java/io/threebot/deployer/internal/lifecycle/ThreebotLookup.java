package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.lifecycle.DamagedThreebot;
import io.threebot.deployer.lifecycle.DamagedThreebotException;
import io.threebot.deployer.lifecycle.ThreebotNotFoundException;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an owner's 3Bots and tells their state: the listing with live state, the records that cannot be read, one
 * 3Bot by id or name, and how long its pool lasts. Another owner's 3Bot is not found, as an unknown id is not, so ids
 * reveal nothing. Nothing here changes a 3Bot (but the listing's reconciling of a state the grid shows changed).
 */
final class ThreebotLookup {
    private static final Logger LOG = LoggerFactory.getLogger(ThreebotLookup.class);

    private final ThreebotRepository threebots;
    private final ThreebotLister lister;
    private final GridClient grid;
    private final DeploymentEvents events;
    private final Clock clock;

    ThreebotLookup(ThreebotRepository threebots, ThreebotLister lister, GridClient grid, DeploymentEvents events,
                   Clock clock) {
        this.threebots = threebots;
        this.lister = lister;
        this.grid = grid;
        this.events = events;
        this.clock = clock;
    }

    /** The owner's 3Bots with their live state, oldest first; those whose records cannot be read are left out. */
    List<ThreebotView> list(String owner) {
        return lister.list(owner);
    }

    /**
     * The owner's 3Bots whose records cannot be read, by id; each is logged and published as a
     * {@link DeploymentEvent.Kind#RECORD_DAMAGED} event, so an operator hears of it.
     */
    List<DamagedThreebot> damaged(String owner) {
        List<String> ids = threebots.damagedByOwner(owner);
        for (String uuid : ids) {
            LOG.warn("The record of 3Bot {} of {} cannot be read; its owner sees it as damaged", uuid, owner);
            try {
                events.publish(new DeploymentEvent(uuid, owner, "", DeploymentEvent.Kind.RECORD_DAMAGED,
                        "listing", "the 3Bot's record cannot be read", clock.instant()));
            } catch (RuntimeException e) {
                LOG.debug("A deployment event observer failed", e);
            }
        }
        return ids.stream().map(DamagedThreebot::new).toList();
    }

    /**
     * One 3Bot of the owner, as stored.
     *
     * @throws ThreebotNotFoundException for an unknown id and for another owner's 3Bot alike
     * @throws DamagedThreebotException  when it is the owner's but its record cannot be read
     */
    Threebot get(String owner, String uuid) {
        return owned(owner, uuid)
                .orElseThrow(() -> new ThreebotNotFoundException("No 3Bot has the id '" + uuid + "'."));
    }

    /**
     * One of the owner's 3Bots by its id, or by its name among those not destroyed; empty for unknown ids and names
     * and for other owners' 3Bots alike.
     *
     * @throws DamagedThreebotException when the id is one of the owner's 3Bots whose record cannot be read
     */
    Optional<Threebot> find(String owner, String idOrName) {
        Optional<Threebot> byId = owned(owner, idOrName);
        return byId.isPresent() ? byId : threebots.listByOwner(owner).stream()
                .filter(t -> t.name().equals(idOrName) && t.state() != ThreebotState.DELETED).findFirst();
    }

    /** Whether the owner has a 3Bot that is not destroyed, from the store alone (nothing is probed). */
    boolean hasAny(String owner) {
        return threebots.listByOwner(owner).stream().anyMatch(t -> t.state() != ThreebotState.DELETED);
    }

    /** How long the 3Bot's pool still lasts at its size; zero when the grid has no such pool. */
    Duration poolTimeLeft(Threebot threebot) {
        return grid.getPool(threebot.poolId()).map(p -> p.lastsFor(threebot.flavor().capacity()))
                .orElse(Duration.ZERO);
    }

    /**
     * The owner's 3Bot of this id; empty for an unknown id and for another owner's 3Bot, readable or not, alike.
     *
     * @throws DamagedThreebotException when it is the owner's but its record cannot be read
     */
    private Optional<Threebot> owned(String owner, String uuid) {
        try {
            return threebots.find(uuid).filter(t -> t.owner().equals(owner));
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (StoreException unreadable) {
            if (threebots.damagedByOwner(owner).contains(uuid)) {
                throw new DamagedThreebotException(uuid, unreadable);
            }
            LOG.warn("The record of 3Bot {}, asked for by {}, cannot be read and is not theirs: {}", uuid, owner,
                    unreadable.getMessage());
            return Optional.empty();
        }
    }
}

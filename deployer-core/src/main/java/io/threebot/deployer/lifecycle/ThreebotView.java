package io.threebot.deployer.lifecycle;

import io.threebot.deployer.model.Expiry;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A 3Bot as its owner's list shows it, with its live state.
 *
 * @param poolTimeLeft how long its capacity pool still lasts at its size, when the grid said
 * @param expiry       whether that is running out ({@link Expiry#EXPIRES_SOON} within the deployer's
 *                     {@code expiryWarning}) or ran out, when the grid said
 * @param gridNote     what the grid says of the 3Bot's capacity when its owner should know: its account ran out and
 *                     the grid paused it (a grace period), or the grid deleted it for lack of funds (TFGrid v3)
 */
public record ThreebotView(String uuid, String name, String domain, String url, Optional<String> ipv4,
                           Optional<String> ipv6, String privateIp, Flavor flavor, String farmName, String continent,
                           String nodeId, Optional<Instant> expiresAt, ThreebotState state, List<Long> workloadIds,
                           Optional<Duration> poolTimeLeft, Optional<Expiry> expiry, Optional<String> gridNote) {
    public ThreebotView {
        workloadIds = List.copyOf(workloadIds);
        gridNote = gridNote == null ? Optional.empty() : gridNote;
    }

    /** A view without a grid note. */
    public ThreebotView(String uuid, String name, String domain, String url, Optional<String> ipv4,
                        Optional<String> ipv6, String privateIp, Flavor flavor, String farmName, String continent,
                        String nodeId, Optional<Instant> expiresAt, ThreebotState state, List<Long> workloadIds,
                        Optional<Duration> poolTimeLeft, Optional<Expiry> expiry) {
        this(uuid, name, domain, url, ipv4, ipv6, privateIp, flavor, farmName, continent, nodeId, expiresAt, state,
                workloadIds, poolTimeLeft, expiry, Optional.empty());
    }

    /**
     * A 3Bot as stored, without probing it: its stored state, no public addresses or pool time, and never its
     * password hash.
     */
    public static ThreebotView of(Threebot t) {
        return new ThreebotView(t.uuid(), t.name(), t.domain(), t.url(), Optional.empty(), Optional.empty(),
                t.ipAddress(), t.flavor(), t.farmName(), t.continent(), t.nodeId(), t.expiresAt(), t.state(),
                t.workloadIds(), Optional.empty(),
                Optional.empty());
    }
}

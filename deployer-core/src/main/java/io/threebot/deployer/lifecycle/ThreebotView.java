package io.threebot.deployer.lifecycle;

import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A 3Bot as its owner's list shows it, with its live state. */
public record ThreebotView(String uuid, String name, String domain, String url, Optional<String> ipv4,
                           Optional<String> ipv6, String privateIp, Flavor flavor, String farmName, String continent,
                           String nodeId, Optional<Instant> expiresAt, ThreebotState state, List<Long> workloadIds) {
    public ThreebotView {
        workloadIds = List.copyOf(workloadIds);
    }

    /** A 3Bot as stored, without probing it: its stored state, no public addresses, and never its password hash. */
    public static ThreebotView of(Threebot t) {
        return new ThreebotView(t.uuid(), t.name(), t.domain(), t.url(), Optional.empty(), Optional.empty(),
                t.ipAddress(), t.flavor(), t.farmName(), t.continent(), t.nodeId(), t.expiresAt(), t.state(),
                t.workloadIds());
    }
}

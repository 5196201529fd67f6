package io.threebot.deployer.spi;

import java.util.List;
import java.util.Objects;

/**
 * A 3Bot deployed on a {@link ThreebotHosting}: its plan and what its deploys journaled.
 *
 * @param account   the account its contracts are paid from
 * @param journaled the journal's entries, in order
 */
public record HostedThreebot(String account, HostingPlan plan, List<String> journaled) {
    /** @throws NullPointerException when a part is null */
    public HostedThreebot {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(plan, "plan");
        journaled = List.copyOf(journaled);
    }
}

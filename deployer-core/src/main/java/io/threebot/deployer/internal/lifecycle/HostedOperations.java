package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.internal.deploy.HostedRecords;
import io.threebot.deployer.internal.deploy.HostingCalls;
import io.threebot.deployer.internal.deploy.IdentityService;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.lifecycle.LifecycleException;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.spi.FundedCapacity;
import io.threebot.deployer.spi.HostedThreebot;
import java.math.BigInteger;
import io.threebot.deployer.spi.ThreebotHosting;
import java.time.Duration;
import java.util.Optional;

/**
 * What the owner's operations do for a 3Bot on a hosting grid (TFGrid v3): cancel its contracts, read its network
 * configuration and the time its balance pays for.
 */
final class HostedOperations {
    private final Optional<ThreebotHosting> hosting;
    private final HostedRecords records;
    private final IdentityService identities;

    HostedOperations(Optional<ThreebotHosting> hosting, HostedRecords records, IdentityService identities) {
        this.hosting = hosting;
        this.records = records;
        this.identities = identities;
    }

    /** The hosting grid. */
    ThreebotHosting hosting() {
        return hosting.orElseThrow();
    }

    /**
     * Whether the 3Bot of that id runs on the hosting grid, from its hosted record alone (its own record is not
     * read): which lifecycle an operation takes, before the operation reads the 3Bot, once, under its lease.
     */
    boolean hosts(String uuid) {
        return hosting.isPresent() && records.exists(uuid);
    }

    /** The 3Bot's record on the hosting grid; empty for a 3Bot of the explorer grid. */
    Optional<HostedThreebot> of(Threebot threebot) {
        return hosting.isEmpty() ? Optional.empty() : records.find(threebot.uuid());
    }

    /**
     * Cancels every contract of the hosted 3Bot, then sends what its account still holds back to the operator (the
     * days it was not billed for are not refunded, as a pool's are not on the explorer grid; left there, the money
     * would sit on an account only the deployer signs for).
     *
     * @return what was sent back to the operator, in stroops
     * @throws LifecycleException when the grid cannot cancel them or send the balance now (destroy again to retry)
     */
    long cancelAllAndReclaim(Threebot threebot, HostedThreebot hosted, String password) {
        IdentityKeys keys = identities.keys(threebot.identityName(), password);
        return HostingCalls.interruptible(() -> {
            try {
                hosting.orElseThrow().destroy(keys, hosted.plan(), hosted.journaled());
            } catch (DeployerException e) {
                throw new LifecycleException("The contracts of 3Bot '" + threebot.name()
                        + "' could not be cancelled (" + e.getMessage() + "); destroy it again to retry.", e);
            }
            try {
                return hosting.orElseThrow().reclaim(keys);
            } catch (DeployerException e) {
                throw new LifecycleException("The contracts of 3Bot '" + threebot.name() + "' are cancelled, but "
                        + "its account's balance could not be sent back (" + e.getMessage() + "); destroy it again "
                        + "to retry.", e);
            }
        }, e -> new LifecycleException("The deployer is shutting down; destroy 3Bot '" + threebot.name()
                + "' again once it is back.", e));
    }

    /** The owner's WireGuard configuration of the hosted 3Bot's network. */
    String wireGuardConfig(HostedThreebot hosted) {
        return hosted.plan().wireGuardConfig();
    }

    /**
     * How long the hosted 3Bot's balance pays its contracts: from what the grid billed, or, before it billed them
     * twice, from what the size costs a day.
     *
     * @throws DeployerException when the grid cannot say
     */
    Duration timeLeft(Threebot threebot, HostedThreebot hosted) {
        return timeLeft(hosting.orElseThrow(), threebot, hosted);
    }

    /** {@link #timeLeft(Threebot, HostedThreebot)} on a given hosting grid. */
    static Duration timeLeft(ThreebotHosting grid, Threebot threebot, HostedThreebot hosted) {
        FundedCapacity funding = grid.funding(hosted);
        return funding.timeLeft().orElseGet(() -> {
            long perDay = grid.quote(threebot.flavor(), Duration.ofDays(1));
            return perDay <= 0 ? Duration.ZERO
                    : Duration.ofSeconds(BigInteger.valueOf(funding.spendableStroops()).multiply(
                    BigInteger.valueOf(Duration.ofDays(1).toSeconds())).divide(BigInteger.valueOf(perDay))
                    .min(BigInteger.valueOf(Long.MAX_VALUE / 1_000_000_000L)).longValueExact());
        });
    }
}

package io.threebot.deployer.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a hosted 3Bot's capacity is paid for: what its account can spend, what its contracts cost an hour, and
 * the time that buys.
 *
 * @param spendableStroops what the account can spend
 * @param hourlyStroops    what its contracts cost an hour, once the grid has billed them (empty before)
 * @param timeLeft         how long the balance pays them, when the cost is known and not zero
 */
public record FundedCapacity(long spendableStroops, Optional<Long> hourlyStroops, Optional<Duration> timeLeft) {
    /** @throws NullPointerException when a part is null */
    public FundedCapacity {
        Objects.requireNonNull(hourlyStroops, "hourlyStroops");
        Objects.requireNonNull(timeLeft, "timeLeft");
    }
}

package io.threebot.deployer.tfgrid.deploy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a 3Bot's twin can pay for its contracts: what it can spend, what its contracts cost an hour (from their
 * recent bills), and the time that buys. Time is the grid's: on a real grid it is wall-clock time; a local grid
 * may run its chain's clock faster.
 *
 * @param spendable  the twin's balance it can spend (free less what billing has locked), 10^-7 TFT
 * @param hourlyCost what its live contracts cost an hour, once every one that costs has been billed (empty before)
 * @param timeLeft   the hourly bills the spendable balance pays as its discount falls while it is spent, when the
 *                   cost is known and not zero
 */
public record Funding(BigInteger spendable, Optional<BigInteger> hourlyCost, Optional<Duration> timeLeft) {
    /** @throws NullPointerException when a part is null */
    public Funding {
        Objects.requireNonNull(spendable, "spendable");
        Objects.requireNonNull(hourlyCost, "hourlyCost");
        Objects.requireNonNull(timeLeft, "timeLeft");
    }
}

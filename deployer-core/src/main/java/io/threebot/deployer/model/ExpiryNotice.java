package io.threebot.deployer.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A 3Bot's pool runs dry soon, or ran dry: told once per pool and expiry, so its owner can extend it in time.
 *
 * @param owner    the 3Bot's owner
 * @param uuid     the 3Bot
 * @param name     its name
 * @param expiry   {@link Expiry#EXPIRES_SOON} or {@link Expiry#RAN_DRY}
 * @param timeLeft how long its pool still lasts at the 3Bot's size (zero when dry)
 * @param at       when the check saw it
 */
public record ExpiryNotice(String owner, String uuid, String name, Expiry expiry, Duration timeLeft, Instant at) {
    public ExpiryNotice {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeLeft, "timeLeft");
        Objects.requireNonNull(at, "at");
        if (expiry == null || expiry == Expiry.OK) {
            throw new IllegalArgumentException("a notice is for EXPIRES_SOON or RAN_DRY, not " + expiry);
        }
    }

    /** What the owner should read, e.g. "3Bot 'mybot' runs out of capacity in about 30 hours: extend it to keep it." */
    public String message() {
        return expiry == Expiry.RAN_DRY
                ? "3Bot '" + name + "' ran out of capacity and stops: buy days to start it again."
                : "3Bot '" + name + "' runs out of capacity in about " + Expiry.roughly(timeLeft) + ": extend it to keep it "
                + "running.";
    }
}

package io.threebot.deployer.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A 3Bot's pool runs dry soon, or ran dry: told once per pool and expiry, so its owner can extend it in time.
 *
 * @param owner    the 3Bot's owner
 * @param uuid     the 3Bot
 * @param name     its name
 * @param expiry   {@link Expiry#EXPIRES_SOON} or {@link Expiry#RAN_DRY}
 * @param timeLeft how long its pool still lasts at the 3Bot's size (zero when dry)
 * @param at       when the check saw it
 * @param renewalPayment with auto-renew on, the payment request the owner was asked to pay for the renewal
 */
public record ExpiryNotice(String owner, String uuid, String name, Expiry expiry, Duration timeLeft, Instant at,
                           Optional<String> renewalPayment) {
    public ExpiryNotice {
        renewalPayment = renewalPayment == null ? Optional.empty() : renewalPayment;
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
                : "3Bot '" + name + "' runs out of capacity in about " + Expiry.roughly(timeLeft)
                + renewalPayment.map(id -> ": pay the renewal request " + id + " to keep it running.")
                .orElse(": extend it to keep it running.");
    }
}

package io.threebot.deployer.model;

import java.time.Duration;

/** How close a 3Bot's capacity pool is to running dry. */
public enum Expiry {
    /** The pool lasts longer than the warning time. */
    OK,
    /** The pool runs dry within the warning time: buy days (extend) to keep the 3Bot running. */
    EXPIRES_SOON,
    /** The pool ran dry (less than an hour left): the grid removes the 3Bot's workloads. */
    RAN_DRY;

    /** Less than this left counts as dry: a 3Bot cannot be started on it. */
    public static final Duration DRY = Duration.ofHours(1);

    /** The expiry of a pool that lasts {@code left} more, warned about {@code warnBefore} ahead. */
    public static Expiry of(Duration left, Duration warnBefore) {
        if (left.compareTo(DRY) < 0) {
            return RAN_DRY;
        }
        return left.compareTo(warnBefore) < 0 ? EXPIRES_SOON : OK;
    }

    /** How long a pool lasts, as a person reads it: "5 days" from two days on, else "30 hours". */
    public static String roughly(Duration left) {
        return left.toDays() >= 2 ? left.toDays() + " days" : left.toHours() + " hours";
    }
}

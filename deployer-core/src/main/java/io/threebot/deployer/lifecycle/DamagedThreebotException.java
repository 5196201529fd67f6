package io.threebot.deployer.lifecycle;

import io.threebot.deployer.errors.DeployerException.Reason;

/**
 * The 3Bot's stored record cannot be read ({@link DamagedThreebot}), so nothing can be done with it until an operator
 * repairs the record. Its reason is {@link Reason#CONFLICT}: the 3Bot is in no state to be changed, and the message,
 * which names the id for support, is meant for the user.
 */
public class DamagedThreebotException extends LifecycleException {
    private final String uuid;

    public DamagedThreebotException(String uuid, Throwable cause) {
        super("The record of 3Bot '" + uuid + "' cannot be read, so it cannot be changed. Please contact support "
                + "and give them this id.", cause);
        this.uuid = uuid;
    }

    /** The damaged 3Bot's id. */
    public String uuid() {
        return uuid;
    }

    @Override
    public Reason reason() {
        return Reason.CONFLICT;
    }
}

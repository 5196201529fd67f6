package io.threebot.deployer.tfgrid.zos;

import io.threebot.deployer.errors.DeployerException;

/**
 * A zos node's answer is not what zos sends for the command: not JSON, too large, too deep, a value out of its range
 * or of the wrong type. The cause says what was wrong. Reason {@link Reason#UNAVAILABLE}.
 */
public final class MalformedZosReplyException extends DeployerException {
    private final String command;

    MalformedZosReplyException(String command, String message, Throwable cause) {
        super("the answer to " + command + " is malformed: " + message, cause);
        this.command = command;
    }

    /** The command answered. */
    public String command() {
        return command;
    }

    /** {@link Reason#UNAVAILABLE}. */
    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}

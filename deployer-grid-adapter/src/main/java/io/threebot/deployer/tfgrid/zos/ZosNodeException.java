package io.threebot.deployer.tfgrid.zos;

import io.threebot.deployer.errors.DeployerException;

/**
 * A zos node answered a command with an error: its message says why (a deployment whose hash does not match its
 * contract, a workload it refuses, deletion over the API, ...). Reason {@link Reason#UNAVAILABLE}.
 */
public final class ZosNodeException extends DeployerException {
    private final long nodeTwin;
    private final String command;
    private final String nodeMessage;

    ZosNodeException(long nodeTwin, String command, String nodeMessage, Throwable cause) {
        super("node twin " + nodeTwin + " refused " + command + ": " + nodeMessage, cause);
        this.nodeTwin = nodeTwin;
        this.command = command;
        this.nodeMessage = nodeMessage;
    }

    /** The node's twin. */
    public long nodeTwin() {
        return nodeTwin;
    }

    /** The command refused, such as {@code zos.deployment.deploy}. */
    public String command() {
        return command;
    }

    /** The node's message, as it wrote it. */
    public String nodeMessage() {
        return nodeMessage;
    }

    /** {@link Reason#UNAVAILABLE}. */
    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}

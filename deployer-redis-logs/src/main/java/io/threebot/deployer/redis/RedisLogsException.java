package io.threebot.deployer.redis;

import io.threebot.deployer.errors.DeployerException;

/** Root of the Redis log adapter's errors. */
public class RedisLogsException extends DeployerException {
    public RedisLogsException(String message) {
        super(message);
    }

    public RedisLogsException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}

package io.threebot.deployer.spi;

import io.threebot.deployer.model.LogConfig;
import java.util.Optional;

/**
 * Where containers send their output.
 *
 * <p>Called from several deployments at once.
 */
public interface LogStreams {

    /** The log configuration for a new container, or empty when logging is not configured. */
    Optional<LogConfig> configFor(String owner, String threebotName);
}

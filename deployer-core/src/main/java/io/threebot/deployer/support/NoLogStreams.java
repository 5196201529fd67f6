package io.threebot.deployer.support;

import io.threebot.deployer.model.LogConfig;
import io.threebot.deployer.spi.LogStreams;
import java.util.Optional;

/** Logging not configured: containers get no log channel. */
public final class NoLogStreams implements LogStreams {
    @Override
    public Optional<LogConfig> configFor(String owner, String threebotName) {
        return Optional.empty();
    }
}

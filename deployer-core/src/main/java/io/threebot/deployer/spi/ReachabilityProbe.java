package io.threebot.deployer.spi;

import java.net.URI;
import java.time.Duration;

/**
 * Tells whether a 3Bot answers on its address.
 *
 * <p>Called from many threads at once: a listing probes all of an owner's 3Bots in parallel.
 */
public interface ReachabilityProbe {

    /** True when a GET of {@code uri} returns HTTP 200 within {@code timeout}. Never throws for a failed request. */
    boolean isReachable(URI uri, Duration timeout);
}

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

    /**
     * True when one particular container of the 3Bot at {@code uri} answers by itself: the container at
     * {@code containerIp} on the 3Bot's management network. A resize or move starts the new container while the old
     * one still serves the address, and switches over only once the new one answers, so this must not count the
     * old one's answer. The default asks the public address, which cannot tell two containers apart; a host that
     * reaches the management network (over its WireGuard configuration) overrides it to ask the container itself.
     */
    default boolean containerAnswers(URI uri, String containerIp, Duration timeout) {
        return isReachable(uri, timeout);
    }
}

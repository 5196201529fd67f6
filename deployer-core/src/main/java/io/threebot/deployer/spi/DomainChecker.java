package io.threebot.deployer.spi;

import java.util.List;

/**
 * DNS look-ups the deployer needs when it picks a 3Bot's domain.
 *
 * <p>Called from several deployments at once.
 */
public interface DomainChecker {

    /** True when the name does not resolve yet, so a 3Bot may take it. */
    boolean isFree(String fqdn);

    /** The IPv4 addresses of a host name; empty when it does not resolve. */
    List<String> resolve(String hostName);
}

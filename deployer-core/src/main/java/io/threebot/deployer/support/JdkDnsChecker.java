package io.threebot.deployer.support;

import io.threebot.deployer.spi.DomainChecker;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/** DNS look-ups through the JDK resolver. */
public final class JdkDnsChecker implements DomainChecker {
    @Override
    public boolean isFree(String fqdn) {
        return resolve(fqdn).isEmpty();
    }

    @Override
    public List<String> resolve(String hostName) {
        try {
            return Arrays.stream(InetAddress.getAllByName(hostName)).filter(a -> a instanceof Inet4Address)
                    .map(InetAddress::getHostAddress).toList();
        } catch (UnknownHostException e) {
            return List.of();
        }
    }
}

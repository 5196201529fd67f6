package io.threebot.deployer.internal.deploy;

import java.util.List;

/**
 * The gateway and domain a 3Bot is reached through.
 *
 * @param managedDomain the gateway's parent domain, e.g. {@code 3bot.grid.tf}
 * @param fqdn          the 3Bot's own name under it
 * @param ips           what the subdomain points at: the gateway nameservers' addresses
 * @param remoteHost    the host the 3Bot's TCP router client dials (the first nameserver)
 */
public record GatewayChoice(String gatewayId, long gatewayFarmId, String managedDomain, String fqdn,
                            List<String> ips, String remoteHost, int tcpRouterPort) {
    public GatewayChoice {
        ips = List.copyOf(ips);
    }
}

package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Optional;

/**
 * A node's public network configuration, as {@code zos.network.public_config_get} answers it (zosbase
 * {@code pkg.PublicConfig}): a node with one can serve as a wireguard access node or gateway. Addresses are as the node
 * wrote them, checked to be IP literals and CIDRs; an unset one is empty.
 *
 * @param type   the public interface's kind ({@code macvlan} or {@code vlan})
 * @param ipv4   the public IPv4 with its prefix, or empty
 * @param ipv6   the public IPv6 with its prefix, or empty
 * @param gw4    the IPv4 gateway, or empty
 * @param gw6    the IPv6 gateway, or empty
 * @param domain the node's domain (gateways serve names under it), or empty
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type", "ipv4", "ipv6", "gw4", "gw6", "domain"})
public record PublicConfig(
        @JsonProperty("type") String type,
        @JsonProperty("ipv4") String ipv4,
        @JsonProperty("ipv6") String ipv6,
        @JsonProperty("gw4") String gw4,
        @JsonProperty("gw6") String gw6,
        @JsonProperty("domain") String domain) {

    public PublicConfig {
        type = Check.text("type", type);
        ipv4 = cidrOrEmpty("ipv4", ipv4);
        ipv6 = cidrOrEmpty("ipv6", ipv6);
        gw4 = ipOrEmpty("gw4", gw4);
        gw6 = ipOrEmpty("gw6", gw6);
        domain = Check.text("domain", domain);
        if (domain.length() > 253) {
            throw new InvalidDeploymentException("domain", "a domain is at most 253 characters");
        }
    }

    /** The domain, when the node has one. */
    public Optional<String> domainName() {
        return domain.isEmpty() ? Optional.empty() : Optional.of(domain);
    }

    private static String cidrOrEmpty(String field, String text) {
        return text == null || text.isEmpty() ? "" : IpText.cidr(field, text);
    }

    private static String ipOrEmpty(String field, String text) {
        return text == null || text.isEmpty() ? "" : IpText.ip(field, text);
    }
}

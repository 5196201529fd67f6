package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.internal.grid.Blocklist;
import io.threebot.deployer.model.Gateway;
import io.threebot.deployer.model.Location;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.spi.DomainChecker;
import io.threebot.deployer.spi.GridClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Picks a gateway and a free name for a 3Bot: only up gateways with nameservers, only {@code 3bot*} managed
 * domains that are not blocked, {@code <name>.<domain>} when free, else a bounded number of
 * {@code <name>-<n>.<domain>} tries.
 */
public final class DomainSelector {
    static final int SUFFIX_TRIES = 10;

    private final GridClient grid;
    private final DomainChecker dns;
    private final Blocklist<Blocklist.Domains> blockedDomains;
    private final Clock clock;
    private final Random random;

    public DomainSelector(GridClient grid, DomainChecker dns, Blocklist<Blocklist.Domains> blockedDomains, Clock clock,
                          Random random) {
        this.grid = grid;
        this.dns = dns;
        this.blockedDomains = blockedDomains;
        this.clock = clock;
        this.random = random;
    }

    /** Chooses a gateway and name anywhere; ends the flow with an explanation when none is available. */
    public GatewayChoice choose(String threebotName) {
        return choose(threebotName, Optional.empty());
    }

    /**
     * Chooses a gateway near the 3Bot's node, and a name on it: one on the node's farm first, then in its country,
     * then on its continent, and only when none of those has room one on another continent (at random within
     * each).
     * Ends the flow with an explanation when none is available.
     */
    public GatewayChoice choose(String threebotName, Optional<Node> near) {
        List<Gateway> gateways = new ArrayList<>(grid.listGateways().stream()
                .filter(g -> g.isUp(clock) && !g.dnsNameservers().isEmpty()).toList());
        Collections.shuffle(gateways, random);
        near.ifPresent(node -> gateways.sort(Comparator.comparingInt(g -> Proximity.of(g, node).ordinal())));
        boolean anyManagedDomain = false;
        for (Gateway gateway : gateways) {
            List<String> domains = new ArrayList<>(gateway.managedDomains().stream()
                    .filter(d -> d.startsWith("3bot") && !d.startsWith("vdc")).toList());
            Collections.shuffle(domains, random);
            for (String domain : domains) {
                anyManagedDomain = true;
                if (blockedDomains.isBlocked(domain)) {
                    continue;
                }
                List<String> ips = gateway.dnsNameservers().stream().flatMap(ns -> dns.resolve(ns).stream()).toList();
                if (ips.isEmpty()) {
                    break;
                }
                Optional<String> fqdn = freeName(threebotName, domain);
                if (fqdn.isPresent()) {
                    return new GatewayChoice(gateway.nodeId(), gateway.farmId(), domain, fqdn.get(), ips,
                            gateway.dnsNameservers().get(0), gateway.tcpRouterPort());
                }
            }
        }
        throw new StopFlowException(anyManagedDomain
                ? "No gateway is available for 3Bots right now. Please try again later or contact support."
                : "The grid offers no domains for 3Bots right now. Please contact support.");
    }

    /** How near a gateway is to a node, nearest first. */
    public enum Proximity {
        SAME_FARM("on the 3Bot's farm"),
        SAME_COUNTRY("in the 3Bot's country"),
        SAME_CONTINENT("on the 3Bot's continent"),
        ELSEWHERE("on another continent");

        private final String said;

        Proximity(String said) {
            this.said = said;
        }

        static Proximity of(Gateway gateway, Node node) {
            return of(gateway.farmId(), gateway.location(), node);
        }

        /** How near a gateway on {@code farmId} at {@code location} is to the node. */
        public static Proximity of(long farmId, Location location, Node node) {
            if (farmId == node.farmId()) {
                return SAME_FARM;
            }
            if (!location.country().isEmpty() && location.country().equalsIgnoreCase(node.location().country())) {
                return SAME_COUNTRY;
            }
            if (!location.continent().isEmpty()
                    && location.continent().equalsIgnoreCase(node.location().continent())) {
                return SAME_CONTINENT;
            }
            return ELSEWHERE;
        }

        /** What the user is told: "on the 3Bot's farm" and so on. */
        public String said() {
            return said;
        }
    }

    /** Where the chosen gateway is and why it was chosen, for the user. */
    public String explain(GatewayChoice choice, Node node) {
        Optional<Gateway> gateway = grid.getGateway(choice.gatewayId());
        Location at = gateway.map(Gateway::location).orElse(new Location("", "", ""));
        Proximity proximity = gateway.map(g -> Proximity.of(g, node)).orElse(Proximity.ELSEWHERE);
        String place = at.city().isEmpty() ? at.country() : at.city() + ", " + at.country();
        return "Gateway " + choice.gatewayId() + (place.isBlank() ? "" : " in " + place) + ": " + proximity.said()
                + (proximity == Proximity.ELSEWHERE ? " (no gateway on the 3Bot's continent has room)" : "") + ".";
    }

    private Optional<String> freeName(String threebotName, String domain) {
        String label = threebotName.replace('_', '-');
        String candidate = label + "." + domain;
        for (int attempt = 0; attempt <= SUFFIX_TRIES; attempt++) {
            if (dns.isFree(candidate)) {
                return Optional.of(candidate);
            }
            candidate = label + "-" + (1 + random.nextInt(1000)) + "." + domain;
        }
        return Optional.empty();
    }
}

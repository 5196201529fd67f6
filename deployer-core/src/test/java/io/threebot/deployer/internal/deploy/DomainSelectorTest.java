package io.threebot.deployer.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.internal.grid.Blocklist;
import io.threebot.deployer.model.Gateway;
import io.threebot.deployer.model.Location;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.ResourceUnits;
import io.threebot.deployer.sim.SimulatedDns;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DomainSelectorTest {
    private final SimulatedGrid grid = new SimulatedGrid(Clock.systemUTC(), Duration.ZERO);
    private final Blocklist<Blocklist.Domains> blockedDomains = Blocklist.ofDomains(new InMemoryStateStore(),
            Clock.systemUTC(), Duration.ofHours(4));
    private final DomainSelector selector = new DomainSelector(grid, new SimulatedDns(grid), blockedDomains,
            Clock.systemUTC(), new Random(7));

    private void gateway(String id, List<String> domains) {
        grid.addGateway(new Gateway(id, 1, new Location("", "", ""), domains, List.of("ns." + id), 6060,
                Instant.now(), "00"), "10.0.0.1");
    }

    private void placedGateway(String id, long farm, Location at, String domain) {
        grid.addGateway(new Gateway(id, farm, at, List.of(domain), List.of("ns." + id), 6060, Instant.now(), "00"),
                "10.0.0." + (farm + 1));
    }

    private static Node nodeAt(long farm, Location at) {
        return new Node("node-" + farm, farm, at, ResourceUnits.ZERO, ResourceUnits.ZERO, ResourceUnits.ZERO,
                Instant.now(), Optional.empty(), Optional.empty(),
                "00", false);
    }

    @Test
    void aGatewayNearTheNodeIsPreferredFarmThenCountryThenContinentThenAnyWithRoom() {
        Location ghent = new Location("Europe", "Belgium", "Ghent");
        Location brussels = new Location("Europe", "Belgium", "Brussels");
        Location vienna = new Location("Europe", "Austria", "Vienna");
        Location toronto = new Location("North America", "Canada", "Toronto");
        placedGateway("gw-toronto", 40, toronto, "3bot.toronto.grid.tf");
        placedGateway("gw-vienna", 30, vienna, "3bot.vienna.grid.tf");
        placedGateway("gw-brussels", 20, brussels, "3bot.brussels.grid.tf");
        placedGateway("gw-ghent", 10, ghent, "3bot.ghent.grid.tf");
        Node inGhent = nodeAt(10, ghent);
        for (int i = 0; i < 5; i++) {
            assertThat(selector.choose("bot" + i, Optional.of(inGhent)).gatewayId()).isEqualTo("gw-ghent");
        }
        GatewayChoice sameFarm = selector.choose("bot", Optional.of(inGhent));
        assertThat(selector.explain(sameFarm, inGhent)).isEqualTo("Gateway gw-ghent in Ghent, Belgium: on the 3Bot's "
                + "farm.");

        blockedDomains.block("3bot.ghent.grid.tf");
        GatewayChoice sameCountry = selector.choose("bot", Optional.of(inGhent));
        assertThat(sameCountry.gatewayId()).isEqualTo("gw-brussels");
        assertThat(selector.explain(sameCountry, inGhent)).contains("in the 3Bot's country");

        blockedDomains.block("3bot.brussels.grid.tf");
        assertThat(selector.choose("bot", Optional.of(inGhent)).gatewayId()).isEqualTo("gw-vienna");

        blockedDomains.block("3bot.vienna.grid.tf");
        GatewayChoice far = selector.choose("bot", Optional.of(inGhent));
        assertThat(far.gatewayId()).isEqualTo("gw-toronto");
        assertThat(selector.explain(far, inGhent)).isEqualTo("Gateway gw-toronto in Toronto, Canada: on another "
                + "continent (no gateway on the 3Bot's continent has room).");
    }

    @Test
    void usesOnly3BotDomainsAndPointsAtTheNameserverAddresses() {
        gateway("gw", List.of("webg1.grid.tf", "vdc3bot.grid.tf", "3bot.grid.tf"));
        GatewayChoice choice = selector.choose("my_bot");
        assertThat(choice.fqdn()).isEqualTo("my-bot.3bot.grid.tf");
        assertThat(choice.managedDomain()).isEqualTo("3bot.grid.tf");
        assertThat(choice.ips()).containsExactly("10.0.0.1");
        assertThat(choice.remoteHost()).isEqualTo("ns.gw");
        assertThat(choice.tcpRouterPort()).isEqualTo(6060);
    }

    @Test
    void aTakenNameGetsANumberedSuffixAndTheTriesAreBounded() {
        gateway("gw", List.of("3bot.grid.tf"));
        grid.takeDomain("mybot.3bot.grid.tf");
        assertThat(selector.choose("mybot").fqdn()).matches("mybot-\\d{1,4}\\.3bot\\.grid\\.tf");

        for (int i = 1; i <= 1000; i++) {
            grid.takeDomain("mybot-" + i + ".3bot.grid.tf");
        }
        assertThatThrownBy(() -> selector.choose("mybot")).isInstanceOf(StopFlowException.class)
                .hasMessageContaining("No gateway is available");
    }

    @Test
    void blockedDomainsAndDownGatewaysAreSkipped() {
        gateway("gw1", List.of("3bot.one.tf"));
        gateway("gw2", List.of("3bot.two.tf"));
        blockedDomains.block("3bot.one.tf");
        assertThat(selector.choose("x").managedDomain()).isEqualTo("3bot.two.tf");
        grid.setNodeDown("gw2");
        assertThatThrownBy(() -> selector.choose("x")).isInstanceOf(StopFlowException.class);
    }

    @Test
    void noManagedDomainsAtAllIsReportedAsSuch() {
        gateway("gw", List.of("webg1.grid.tf"));
        assertThatThrownBy(() -> selector.choose("x")).isInstanceOf(StopFlowException.class)
                .hasMessageContaining("offers no domains for 3Bots");
    }
}

package io.threebot.deployer.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.internal.grid.Blocklist;
import io.threebot.deployer.model.Gateway;
import io.threebot.deployer.model.Location;
import io.threebot.deployer.sim.SimulatedDns;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DomainSelectorTest {
    private final SimulatedGrid grid = new SimulatedGrid(Clock.systemUTC(), Duration.ZERO);
    private final Blocklist blocked = new Blocklist(new InMemoryStateStore(), "nodes", Clock.systemUTC(),
            Duration.ofHours(4));
    private final DomainSelector selector = new DomainSelector(grid, new SimulatedDns(grid), blocked,
            Clock.systemUTC(), new Random(7));

    private void gateway(String id, List<String> domains) {
        grid.addGateway(new Gateway(id, 1, new Location("", "", ""), domains, List.of("ns." + id), 6060,
                Instant.now(), "00"), "10.0.0.1");
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
        blocked.block("3bot.one.tf");
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

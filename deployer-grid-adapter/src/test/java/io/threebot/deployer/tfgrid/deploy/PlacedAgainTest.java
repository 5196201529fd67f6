package io.threebot.deployer.tfgrid.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.tfgrid.zos.WorkloadResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A plan whose VM goes to another node keeps the user's WireGuard configuration (the gateway node's end keeps its key
 * and port) whichever of the old and new nodes is the gateway; and which node errors count as a lack of capacity.
 */
class PlacedAgainTest {
    private static final long GATEWAY = 40;
    private final WireguardKey vmKey = WireguardKey.generate();
    private final WireguardKey gatewayKey = WireguardKey.generate();
    private final WireguardKey userKey = WireguardKey.generate();
    private final WireguardKey newKey = WireguardKey.generate();

    private DeploymentPlan planOn(long node) {
        Placement at = new Placement(node, node + 100, 3, GATEWAY, GATEWAY + 100, "185.69.166.10", "3bot.grid.tf");
        return new DeploymentPlan("mybot", 77, BotSize.of(Flavor.SILVER), at, "https://hub.grid.tf/x/y.flist",
                Map.of("K", "v"), 99, vmKey, 4000, gatewayKey, node == GATEWAY ? 4000 : 5000, userKey, 2, 2);
    }

    @Test
    void fromAnotherNodeToAnotherNodeTheGatewayEndStaysAndTheNewNodeGetsItsOwn() {
        DeploymentPlan first = planOn(12);
        DeploymentPlan again = first.placedAgain(first.placement().withNode(13, 113, 4), newKey, 6000);
        assertThat(again.placement().nodeId()).isEqualTo(13);
        assertThat(again.vmNodeKey()).isEqualTo(newKey);
        assertThat(again.vmNodePort()).isEqualTo(6000);
        assertThat(again.gatewayKey()).isEqualTo(gatewayKey);
        assertThat(again.userWireguardConfig()).isEqualTo(first.userWireguardConfig());
        assertThat(again.fqdn()).isEqualTo(first.fqdn());
        assertThat(again.vmIp()).isEqualTo(first.vmIp());
        assertThat(again.env()).isEqualTo(first.env());
    }

    @Test
    void fromTheGatewayNodeItsEndBecomesTheGatewaysEnd() {
        DeploymentPlan first = planOn(GATEWAY);
        assertThat(first.vmOnGateway()).isTrue();
        DeploymentPlan again = first.placedAgain(first.placement().withNode(13, 113, 4), newKey, 6000);
        assertThat(again.vmOnGateway()).isFalse();
        assertThat(again.gatewayKey()).isEqualTo(vmKey);
        assertThat(again.gatewayPort()).isEqualTo(4000);
        assertThat(again.vmNodeKey()).isEqualTo(newKey);
        assertThat(again.userWireguardConfig()).isEqualTo(first.userWireguardConfig());
    }

    @Test
    void toTheGatewayNodeTheVmTakesTheGatewaysEnd() {
        DeploymentPlan first = planOn(12);
        DeploymentPlan again = first.placedAgain(first.placement().withNode(GATEWAY, GATEWAY + 100, 3), newKey, 0);
        assertThat(again.vmOnGateway()).isTrue();
        assertThat(again.vmNodeKey()).isEqualTo(gatewayKey);
        assertThat(again.vmNodePort()).isEqualTo(5000);
        assertThat(again.userWireguardConfig()).isEqualTo(first.userWireguardConfig());
    }

    @Test
    void zosCapacityMessagesAreRefusalsAndOtherErrorsAreNot() {
        assertThat(DeployAttempt.isCapacityRefusal(new ReadyWait.WorkloadErrorException("vm",
                WorkloadResult.State.ERROR, "failed to satisfy required capacity: cannot fulfil required memory "
                + "size 4294967296 bytes out of usable 1073741824 bytes"))).isTrue();
        assertThat(DeployAttempt.isCapacityRefusal(new ReadyWait.WorkloadErrorException("data",
                WorkloadResult.State.ERROR, "failed to allocate resources: not enough capacity on node 7"))).isTrue();
        assertThat(DeployAttempt.isCapacityRefusal(new ReadyWait.WorkloadErrorException("vm",
                WorkloadResult.State.ERROR, "failed to start the VM: out of luck"))).isFalse();
        assertThat(DeployAttempt.isCapacityRefusal(new GridUnavailableException("not enough capacity"))).as(
                "only a node's own answer counts").isFalse();
    }
}

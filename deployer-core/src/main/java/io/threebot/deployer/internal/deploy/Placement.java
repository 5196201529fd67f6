package io.threebot.deployer.internal.deploy;

/**
 * Where a 3Bot's workloads go, and how many attempts it took.
 *
 * @param nodeAttempt   counts the container's nodes tried; part of the container's journal key
 * @param domainAttempt counts the domains tried; part of the gateway workloads' journal keys
 * @param failures      failed attempts so far, node and domain together
 */
public record Placement(long farmId, String farmName, String continent, long poolId, String nodeId, String ipAddress,
                        GatewayChoice gateway, long gatewayPoolId, int nodeAttempt, int domainAttempt, int failures) {

    Placement onNode(String newNodeId, String newIp, int failuresSoFar) {
        return new Placement(farmId, farmName, continent, poolId, newNodeId, newIp, gateway, gatewayPoolId,
                nodeAttempt + 1, domainAttempt, failuresSoFar);
    }

    Placement onGateway(GatewayChoice newGateway, long newGatewayPoolId, int failuresSoFar) {
        return new Placement(farmId, farmName, continent, poolId, nodeId, ipAddress, newGateway, newGatewayPoolId,
                nodeAttempt, domainAttempt + 1, failuresSoFar);
    }
}

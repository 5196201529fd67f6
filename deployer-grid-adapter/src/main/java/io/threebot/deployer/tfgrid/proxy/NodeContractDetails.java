package io.threebot.deployer.tfgrid.proxy;

/**
 * A node contract's details: the deployment it pays for.
 *
 * @param nodeId            the node the deployment is on
 * @param deploymentData    the data the deployer stored with it (often JSON naming the deployment)
 * @param deploymentHash    the deployment's hash as stored on chain
 * @param numberOfPublicIps the public IPs it reserved
 * @param farmName          the node's farm
 * @param farmId            the node's farm id
 */
public record NodeContractDetails(long nodeId, String deploymentData, String deploymentHash, long numberOfPublicIps,
                                  String farmName, long farmId) implements ContractDetails {
    /** {@link ContractType#NODE}. */
    @Override
    public ContractType type() {
        return ContractType.NODE;
    }

    static NodeContractDetails read(JsonFields json) {
        return new NodeContractDetails(json.requiredCount("nodeId"), json.text("deployment_data"),
                json.text("deployment_hash"), json.count("number_of_public_ips"), json.text("farm_name"),
                json.count("farm_id"));
    }
}

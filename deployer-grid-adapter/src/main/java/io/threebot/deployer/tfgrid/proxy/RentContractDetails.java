package io.threebot.deployer.tfgrid.proxy;

/**
 * A rent contract's details: the node rented whole.
 *
 * @param nodeId   the node
 * @param farmName its farm
 * @param farmId   its farm id
 */
public record RentContractDetails(long nodeId, String farmName, long farmId) implements ContractDetails {
    /** {@link ContractType#RENT}. */
    @Override
    public ContractType type() {
        return ContractType.RENT;
    }

    static RentContractDetails read(JsonFields json) {
        return new RentContractDetails(json.requiredCount("nodeId"), json.text("farm_name"), json.count("farm_id"));
    }
}

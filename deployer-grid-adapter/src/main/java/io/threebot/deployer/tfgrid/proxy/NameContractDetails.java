package io.threebot.deployer.tfgrid.proxy;

/**
 * A name contract's details: the gateway name it holds.
 *
 * @param name the name (served as {@code name.<gateway domain>})
 */
public record NameContractDetails(String name) implements ContractDetails {
    /** {@link ContractType#NAME}. */
    @Override
    public ContractType type() {
        return ContractType.NAME;
    }

    static NameContractDetails read(JsonFields json) {
        return new NameContractDetails(json.requiredText("name"));
    }
}

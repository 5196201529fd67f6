package io.threebot.deployer.tfgrid.proxy;

/**
 * What a contract is for, by its {@link ContractType}: a deployment on a node, a gateway name, or a rented node.
 */
public sealed interface ContractDetails permits NodeContractDetails, NameContractDetails, RentContractDetails {
    /** The contract type these details belong to. */
    ContractType type();
}

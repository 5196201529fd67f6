package io.threebot.deployer.tfgrid.proxy;

import java.time.Instant;

/**
 * A contract as {@code /contracts} lists it.
 *
 * @param contractId its id on tfchain
 * @param twinId     the twin that pays for it
 * @param type       node, name or rent
 * @param state      created, in its grace period, or deleted
 * @param createdAt  when it was created
 * @param details    what it is for, of the class its type says
 */
public record GridContract(long contractId, long twinId, ContractType type, ContractState state, Instant createdAt,
                           ContractDetails details) {
    /** {@code contract_id}, {@code twin_id}, {@code type}, {@code state} and {@code details} are required. */
    static GridContract read(JsonFields json) {
        String typeName = json.requiredText("type");
        ContractType type = ContractType.fromWire(typeName).orElseThrow(() -> new GridProxyProtocolException(
                "the gridproxy's answer has an unknown contract type at "
                + (json.path().isEmpty() ? "" : json.path() + ".") + "type"));
        JsonFields details = json.requiredObject("details");
        ContractDetails read = switch (type) {
            case NODE -> NodeContractDetails.read(details);
            case NAME -> NameContractDetails.read(details);
            case RENT -> RentContractDetails.read(details);
        };
        return new GridContract(json.requiredCount("contract_id"), json.requiredCount("twin_id"), type,
                ContractState.fromWire(json.requiredText("state")), json.instant("created_at"), read);
    }
}

package io.threebot.deployer.tfgrid.proxy;

import io.threebot.deployer.errors.InvalidInputException;
import java.util.Arrays;
import java.util.List;

/** Which contracts {@code /contracts} lists. Built with {@link #builder()}; each setter is checked at once. */
public final class ContractFilter extends ProxyFilter {
    private ContractFilter(QueryParams parameters) {
        super(parameters);
    }

    /** A filter with no parameters: every contract. */
    public static ContractFilter any() {
        return builder().build();
    }

    /** The contracts of twin {@code twinId} still in force: created, or in their grace period. */
    public static ContractFilter liveOfTwin(long twinId) {
        return live().twinId(twinId).build();
    }

    /** The contracts of that type of twin {@code twinId} still in force: created, or in their grace period. */
    public static ContractFilter liveOfTwin(long twinId, ContractType type) {
        return live().twinId(twinId).type(type).build();
    }

    private static Builder live() {
        return builder().state(ContractState.CREATED, ContractState.GRACE_PERIOD);
    }

    /** A new builder with no parameters set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ContractFilter}; a parameter set twice keeps its last value. */
    public static final class Builder {
        private final QueryParams params = new QueryParams();

        private Builder() {
        }

        /** {@code contract_id}: the contract of this id. */
        public Builder contractId(long contractId) {
            params.id("contract_id", contractId);
            return this;
        }

        /** {@code twin_id}: the contracts of this twin. */
        public Builder twinId(long twinId) {
            params.id("twin_id", twinId);
            return this;
        }

        /** {@code node_id}: node and rent contracts on this node. */
        public Builder nodeId(long nodeId) {
            params.id("node_id", nodeId);
            return this;
        }

        /** {@code type}: contracts of this type. */
        public Builder type(ContractType type) {
            if (type == null) {
                throw new InvalidInputException("type", "type may not be empty");
            }
            params.text("type", type.wireName());
            return this;
        }

        /** {@code state}: contracts in any of these states. */
        public Builder state(ContractState... states) {
            List<ContractState> list = states == null ? List.of() : Arrays.asList(states);
            params.list("state", list, state -> {
                if (state == ContractState.UNKNOWN) {
                    throw new InvalidInputException("state", "UNKNOWN is not a state to filter by");
                }
                return state.wireName();
            });
            return this;
        }

        /** {@code name}: the name contract of this gateway name. */
        public Builder name(String name) {
            params.text("name", name);
            return this;
        }

        /** {@code number_of_public_ips}: node contracts with at least this many public IPs. */
        public Builder numberOfPublicIps(long count) {
            params.count("number_of_public_ips", count);
            return this;
        }

        /** {@code deployment_data}: node contracts whose deployment data is exactly this. */
        public Builder deploymentData(String data) {
            params.text("deployment_data", data);
            return this;
        }

        /** {@code deployment_hash}: node contracts whose deployment hash is this (hex, as stored on chain). */
        public Builder deploymentHash(String hash) {
            params.text("deployment_hash", hash);
            return this;
        }

        /** {@code farm_name}: node and rent contracts on nodes of this farm. */
        public Builder farmName(String farmName) {
            params.text("farm_name", farmName);
            return this;
        }

        /** {@code farm_id}: node and rent contracts on nodes of this farm. */
        public Builder farmId(long farmId) {
            params.id("farm_id", farmId);
            return this;
        }

        /** The filter. */
        public ContractFilter build() {
            return new ContractFilter(params);
        }
    }
}

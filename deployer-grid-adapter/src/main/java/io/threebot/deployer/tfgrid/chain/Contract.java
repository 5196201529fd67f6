package io.threebot.deployer.tfgrid.chain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A contract as {@code SmartContractModule.Contracts} holds it: id, version, the twin that owns it, its state
 * (created, deleted with a cause, or in its grace period since a block), what it is for (a node, a name, a rented
 * node) and the solution provider, when one is named.
 */
public record Contract(long id, long version, long twinId, State state, Optional<String> deletedCause,
        OptionalLong gracePeriodStart, Type type, Optional<Long> solutionProviderId) {

    /** The contract's state. */
    public enum State {
        /** In force and billed. */
        CREATED,
        /** Ended; {@link #deletedCause()} says why. */
        DELETED,
        /** Out of funds and suspended since block {@link #gracePeriodStart()}; it ends unless the twin is topped up. */
        GRACE_PERIOD
    }

    /** What a contract is for. */
    public sealed interface Type permits NodeContract, NameContract, RentContract {
    }

    /**
     * A deployment on a node: the node, the deployment's hash (the ASCII hex of its MD5, 32 characters), its data
     * (as the deployer wrote it, text) and the public IPs it reserved.
     */
    public record NodeContract(long nodeId, String deploymentHash, String deploymentData, long publicIps,
            List<PublicIp> publicIpList) implements Type {
        /** @throws NullPointerException when a part is null */
        public NodeContract {
            Objects.requireNonNull(deploymentHash, "deploymentHash");
            Objects.requireNonNull(deploymentData, "deploymentData");
            publicIpList = List.copyOf(publicIpList);
        }
    }

    /** A public IP reserved by a node contract: the address with its prefix length, its gateway. */
    public record PublicIp(String ip, String gateway, long contractId) {
        /** @throws NullPointerException when a part is null */
        public PublicIp {
            Objects.requireNonNull(ip, "ip");
            Objects.requireNonNull(gateway, "gateway");
        }
    }

    /** A name reserved on the grid's gateways. */
    public record NameContract(String name) implements Type {
        /** @throws NullPointerException when the name is null */
        public NameContract {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A whole node rented. */
    public record RentContract(long nodeId) implements Type {
    }

    /** @throws NullPointerException when a part is null */
    public Contract {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(deletedCause, "deletedCause");
        Objects.requireNonNull(gracePeriodStart, "gracePeriodStart");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(solutionProviderId, "solutionProviderId");
    }
}

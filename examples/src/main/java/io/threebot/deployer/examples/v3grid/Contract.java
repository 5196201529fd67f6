package io.threebot.deployer.examples.v3grid;

import java.util.List;
import java.util.Objects;

/**
 * A contract ({@code pallet_smart_contract::types::Contract}): a node contract (a deployment on a node, by the hash
 * of the deployment) or a name contract (a gateway name). Fields of the other kind are empty (0, "").
 *
 * @param id               the contract id
 * @param twinId           the owner's twin, whose balance pays it
 * @param type             node or name contract
 * @param state            created, or in its grace period after the balance ran dry
 * @param graceStartBlock  the block its grace period started at; 0 outside of it
 * @param nodeId           a node contract's node
 * @param deploymentHash   a node contract's deployment hash: its 32 bytes in hex (clients put the hex of an MD5 there)
 * @param deploymentData   a node contract's deployment data, hex
 * @param publicIps        how many public IPv4 addresses a node contract reserved
 * @param publicIpsList    the addresses it holds
 * @param name             a name contract's name
 */
public record Contract(long id, long twinId, Type type, State state, long graceStartBlock, long nodeId,
        String deploymentHash, String deploymentData, int publicIps, List<PublicIp> publicIpsList, String name) {

    /** The kind of contract. */
    public enum Type { NODE, NAME }

    /** A contract's state while it exists (a deleted contract is removed). */
    public enum State { CREATED, GRACE_PERIOD }

    /** @throws NullPointerException when a part is null */
    public Contract {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(deploymentHash, "deploymentHash");
        Objects.requireNonNull(deploymentData, "deploymentData");
        Objects.requireNonNull(name, "name");
        publicIpsList = List.copyOf(publicIpsList);
    }

    Contract inState(State newState, long graceStart) {
        return new Contract(id, twinId, type, newState, graceStart, nodeId, deploymentHash, deploymentData,
                publicIps, publicIpsList, name);
    }

    Contract withDeployment(String hash, String data) {
        return new Contract(id, twinId, type, state, graceStartBlock, nodeId, hash, data, publicIps, publicIpsList,
                name);
    }
}

package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.tfgrid.chain.Contract;
import io.threebot.deployer.tfgrid.chain.ContractNotFoundException;
import io.threebot.deployer.tfgrid.chain.ExtrinsicOutcomeUnknownException;
import io.threebot.deployer.tfgrid.chain.ExtrinsicResult;
import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.chain.TfchainClient.Inclusion;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A twin's contracts on the chain: found by deployment hash or name, created, cancelled. A creation whose outcome is
 * unknown is looked for before anything else happens, never submitted again.
 */
final class TwinContracts {
    private static final Logger LOG = LoggerFactory.getLogger(TwinContracts.class);

    private final TfchainClient chain;
    private final Ed25519KeyPair key;
    private final long twinId;

    TwinContracts(TfchainClient chain, Ed25519KeyPair key, long twinId) {
        this.chain = chain;
        this.key = key;
        this.twinId = twinId;
    }

    /** The node contract of this twin holding this hash on this node, when one exists. */
    Optional<Long> findNodeContract(long nodeId, String hash) {
        return chain.nodeContractId(nodeId, hash).filter(this::ours);
    }

    /**
     * The name contract of this name, when this twin holds it.
     *
     * @throws NameTakenException when another twin holds it
     */
    Optional<Long> findNameContract(String name) {
        Optional<Long> id = chain.nameContractId(name);
        if (id.isPresent() && !ours(id.get())) {
            throw new NameTakenException(name);
        }
        return id;
    }

    /** Creates a node contract and returns its id (found by hash when the submission's outcome was unknown). */
    long createNodeContract(long nodeId, String hash, String data) {
        try {
            ExtrinsicResult result = chain.submit(chain.calls().createNodeContract(nodeId, hash, data, 0,
                    Optional.empty()), key, Inclusion.IN_BLOCK);
            return result.contractsCreated().stream().findFirst().map(Contract::id)
                    .or(() -> findNodeContract(nodeId, hash))
                    .orElseThrow(() -> new GridUnavailableException(
                            "the chain made no contract for hash " + hash + " on node " + nodeId));
        } catch (ExtrinsicOutcomeUnknownException e) {
            return findNodeContract(nodeId, hash).orElseThrow(() -> e);
        }
    }

    /** Creates the name contract and returns its id (found by name when the submission's outcome was unknown). */
    long createNameContract(String name) {
        try {
            ExtrinsicResult result = chain.submit(chain.calls().createNameContract(name), key, Inclusion.IN_BLOCK);
            return result.contractsCreated().stream().findFirst().map(Contract::id)
                    .or(() -> findNameContract(name))
                    .orElseThrow(() -> new GridUnavailableException(
                            "the chain made no name contract for " + name));
        } catch (ExtrinsicOutcomeUnknownException e) {
            return findNameContract(name).orElseThrow(() -> e);
        }
    }

    /**
     * Sets a node contract's deployment hash and data ({@code update_node_contract}), unless it holds that hash
     * already; an update whose outcome is unknown counts as made when the contract then holds the hash.
     */
    void updateNodeContract(long contractId, String hash, String data) {
        if (hashOf(contractId).filter(hash::equals).isPresent()) {
            return;
        }
        try {
            chain.submit(chain.calls().updateNodeContract(contractId, hash, data), key, Inclusion.IN_BLOCK);
        } catch (ExtrinsicOutcomeUnknownException e) {
            if (hashOf(contractId).filter(hash::equals).isEmpty()) {
                throw e;
            }
        }
    }

    private Optional<String> hashOf(long contractId) {
        return chain.contract(contractId).map(Contract::type).filter(t -> t instanceof Contract.NodeContract)
                .map(t -> ((Contract.NodeContract) t).deploymentHash());
    }

    /** Cancels a contract; one the chain no longer holds is done already. */
    void cancel(long contractId) {
        try {
            chain.submit(chain.calls().cancelContract(contractId), key, Inclusion.IN_BLOCK);
            LOG.info("twin {} cancelled contract {}", twinId, contractId);
        } catch (ContractNotFoundException e) {
            LOG.debug("contract {} was gone already", contractId);
        }
    }

    /** The contract as the chain holds it, when it does. */
    Optional<Contract> contract(long contractId) {
        return chain.contract(contractId);
    }

    private boolean ours(long contractId) {
        return chain.contract(contractId).map(c -> c.twinId() == twinId).orElse(false);
    }
}

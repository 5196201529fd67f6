package io.threebot.deployer.examples.v3grid;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The chain's mutable state while a block is built: plain maps of immutable records, copied whole to undo a
 * failed call (calls are transactional, as on tfchain). Not thread-safe: only the block producer touches it.
 */
final class ChainState {
    long lastTwinId;
    long lastFarmId;
    long lastNodeId;
    long lastContractId;
    BigInteger totalIssuance = BigInteger.ZERO;
    final TreeMap<String, Account> accounts = new TreeMap<>();
    final TreeMap<String, List<TermsAcceptance>> terms = new TreeMap<>();
    final TreeMap<Long, Twin> twins = new TreeMap<>();
    final TreeMap<Long, Farm> farms = new TreeMap<>();
    final TreeMap<Long, Node> nodes = new TreeMap<>();
    final TreeMap<Long, Contract> contracts = new TreeMap<>();
    final TreeMap<Long, ContractLock> contractLocks = new TreeMap<>();
    final TreeMap<Long, Resources> contractResources = new TreeMap<>();

    static ChainState of(ChainSnapshot snapshot) {
        ChainState state = new ChainState();
        state.lastTwinId = snapshot.lastTwinId();
        state.lastFarmId = snapshot.lastFarmId();
        state.lastNodeId = snapshot.lastNodeId();
        state.lastContractId = snapshot.lastContractId();
        state.totalIssuance = snapshot.totalIssuance();
        state.accounts.putAll(snapshot.accounts());
        snapshot.terms().forEach((k, v) -> state.terms.put(k, List.copyOf(v)));
        state.twins.putAll(snapshot.twins());
        state.farms.putAll(snapshot.farms());
        state.nodes.putAll(snapshot.nodes());
        state.contracts.putAll(snapshot.contracts());
        state.contractLocks.putAll(snapshot.contractLocks());
        state.contractResources.putAll(snapshot.contractResources());
        return state;
    }

    ChainSnapshot snapshot() {
        return new ChainSnapshot(lastTwinId, lastFarmId, lastNodeId, lastContractId, totalIssuance, accounts, terms,
                twins, farms, nodes, contracts, contractLocks, contractResources);
    }

    ChainState copy() {
        return of(snapshot());
    }

    /** Replaces this state's content with another's (undoing a failed call). */
    void restore(ChainState saved) {
        lastTwinId = saved.lastTwinId;
        lastFarmId = saved.lastFarmId;
        lastNodeId = saved.lastNodeId;
        lastContractId = saved.lastContractId;
        totalIssuance = saved.totalIssuance;
        replace(accounts, saved.accounts);
        replace(terms, saved.terms);
        replace(twins, saved.twins);
        replace(farms, saved.farms);
        replace(nodes, saved.nodes);
        replace(contracts, saved.contracts);
        replace(contractLocks, saved.contractLocks);
        replace(contractResources, saved.contractResources);
    }

    private static <K, V> void replace(Map<K, V> target, Map<K, V> source) {
        target.clear();
        target.putAll(source);
    }

    Account account(String id) {
        return accounts.getOrDefault(id, Account.EMPTY);
    }

    Optional<Twin> twinOf(String account) {
        return twins.values().stream().filter(t -> t.account().equals(account)).findFirst();
    }

    Optional<Contract> contractByNodeAndHash(long nodeId, String hash) {
        return contracts.values().stream()
                .filter(c -> c.type() == Contract.Type.NODE && c.nodeId() == nodeId
                        && c.deploymentHash().equals(hash))
                .findFirst();
    }

    Optional<Contract> contractByName(String name) {
        return contracts.values().stream()
                .filter(c -> c.type() == Contract.Type.NAME && c.name().equals(name)).findFirst();
    }

    List<Long> activeNodeContracts(long nodeId) {
        List<Long> ids = new ArrayList<>();
        contracts.values().stream().filter(c -> c.type() == Contract.Type.NODE && c.nodeId() == nodeId)
                .forEach(c -> ids.add(c.id()));
        return ids;
    }
}

package io.threebot.deployer.examples.v3grid;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The local tfchain's state at one block, as plain data: what tests dump and the data directory keeps. Accounts
 * are keyed by their public key in hex.
 *
 * @param lastTwinId        the last twin id given
 * @param lastFarmId        the last farm id given
 * @param lastNodeId        the last node id given
 * @param lastContractId    the last contract id given
 * @param totalIssuance     all TFT in existence, in the smallest unit
 * @param accounts          balances and nonces by account
 * @param terms             terms and conditions accepted, by account
 * @param twins             twins by id
 * @param farms             farms by id
 * @param nodes             nodes by id
 * @param contracts         live contracts by id
 * @param contractLocks     billing locks by contract id
 * @param contractResources resources a node reported as used, by contract id
 */
public record ChainSnapshot(long lastTwinId, long lastFarmId, long lastNodeId, long lastContractId,
        BigInteger totalIssuance, Map<String, Account> accounts, Map<String, List<TermsAcceptance>> terms,
        Map<Long, Twin> twins, Map<Long, Farm> farms, Map<Long, Node> nodes, Map<Long, Contract> contracts,
        Map<Long, ContractLock> contractLocks, Map<Long, Resources> contractResources) {

    /** @throws NullPointerException when a part is null */
    public ChainSnapshot {
        Objects.requireNonNull(totalIssuance, "totalIssuance");
        accounts = Map.copyOf(accounts);
        terms = Map.copyOf(terms);
        twins = Map.copyOf(twins);
        farms = Map.copyOf(farms);
        nodes = Map.copyOf(nodes);
        contracts = Map.copyOf(contracts);
        contractLocks = Map.copyOf(contractLocks);
        contractResources = Map.copyOf(contractResources);
    }
}

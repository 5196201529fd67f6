package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.chain.RuntimeMetadata;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Writes the chain's state as Substrate storage: each entry at the key the metadata gives it (pallet and item
 * prefixes, keys hashed by their hashers), each value SCALE-encoded with the entry's type. Keys and values are hex
 * without 0x, keys sorted, as {@code state_getKeysPaged} pages through them.
 */
final class StorageRenderer {
    private static final HexFormat HEX = HexFormat.of();

    private final RuntimeMetadata metadata;
    private final String foundationAccount;
    private final long billingFrequency;

    StorageRenderer(RuntimeMetadata metadata, String foundationAccount, long billingFrequency) {
        this.metadata = metadata;
        this.foundationAccount = foundationAccount;
        this.billingFrequency = billingFrequency;
    }

    NavigableMap<String, String> render(ChainSnapshot state, long number, String parentHash, long timestampMs,
            byte[] events, Map<Long, String> recentHashes) {
        TreeMap<String, String> out = new TreeMap<>();
        put(out, "System", "Number", number);
        put(out, "System", "ParentHash", HEX.parseHex(parentHash.substring(2)));
        putRaw(out, "System", "Events", events);
        recentHashes.forEach((n, hash) -> put(out, "System", "BlockHash", HEX.parseHex(hash.substring(2)), n));
        state.accounts().forEach((id, account) -> put(out, "System", "Account", ScaleValues.account(account),
                HEX.parseHex(id)));
        put(out, "Timestamp", "Now", BigInteger.valueOf(timestampMs));
        put(out, "Balances", "TotalIssuance", state.totalIssuance());

        put(out, "TfgridModule", "TwinID", state.lastTwinId());
        put(out, "TfgridModule", "FarmID", state.lastFarmId());
        put(out, "TfgridModule", "NodeID", state.lastNodeId());
        put(out, "TfgridModule", "PricingPolicyID", PricingPolicy.ID);
        put(out, "TfgridModule", "ConnectionPrice", 80);
        put(out, "TfgridModule", "PricingPolicies", PricingPolicy.scale(foundationAccount), PricingPolicy.ID);
        put(out, "TfgridModule", "PricingPolicyIdByName",
                PricingPolicy.ID, ScaleValues.text("threefold_default_pricing_policy"));
        state.twins().forEach((id, twin) -> {
            put(out, "TfgridModule", "Twins", ScaleValues.twin(twin), id);
            put(out, "TfgridModule", "TwinIdByAccountID", id, HEX.parseHex(twin.account()));
        });
        state.terms().forEach((account, list) -> put(out, "TfgridModule", "UsersTermsAndConditions",
                list.stream().map(t -> ScaleValues.terms(account, t)).toList(), HEX.parseHex(account)));
        state.farms().forEach((id, farm) -> {
            put(out, "TfgridModule", "Farms", ScaleValues.farm(farm), id);
            put(out, "TfgridModule", "FarmIdByName", id, ScaleValues.text(farm.name()));
            List<Long> nodes = state.nodes().values().stream().filter(n -> n.farmId() == id).map(Node::id).toList();
            put(out, "TfgridModule", "NodesByFarmID", nodes, id);
        });
        state.nodes().forEach((id, node) -> {
            put(out, "TfgridModule", "Nodes", ScaleValues.node(node), id);
            put(out, "TfgridModule", "NodeIdByTwinID", id, node.twinId());
        });

        put(out, "SmartContractModule", "ContractID", state.lastContractId());
        put(out, "SmartContractModule", "BillingFrequency", billingFrequency);
        TreeMap<Long, List<Long>> toBill = new TreeMap<>();
        TreeMap<Long, List<Long>> activeByNode = new TreeMap<>();
        state.contracts().forEach((id, contract) -> {
            put(out, "SmartContractModule", "Contracts", ScaleValues.contract(contract), id);
            toBill.computeIfAbsent(id % billingFrequency, k -> new ArrayList<>()).add(id);
            if (contract.type() == Contract.Type.NODE) {
                put(out, "SmartContractModule", "ContractIDByNodeIDAndHash", id, contract.nodeId(),
                        HEX.parseHex(contract.deploymentHash()));
                activeByNode.computeIfAbsent(contract.nodeId(), k -> new ArrayList<>()).add(id);
                put(out, "SmartContractModule", "ContractBillingInformationByID",
                        ScaleValues.billingInformation(state.contractLocks().containsKey(id)
                                ? state.contractLocks().get(id).lockUpdated() : 0), id);
                Resources used = state.contractResources().getOrDefault(id, Resources.NONE);
                put(out, "SmartContractModule", "NodeContractResources", ScaleValues.contractResources(id, used), id);
            } else {
                put(out, "SmartContractModule", "ContractIDByNameRegistration", id,
                        ScaleValues.text(contract.name()));
            }
        });
        state.contractLocks().forEach((id, lock) -> put(out, "SmartContractModule", "ContractLock",
                ScaleValues.lock(lock), id));
        toBill.forEach((index, ids) -> put(out, "SmartContractModule", "ContractsToBillAt",
                ids.stream().sorted().toList(), index));
        activeByNode.forEach((node, ids) -> put(out, "SmartContractModule", "ActiveNodeContracts",
                ids.stream().sorted().toList(), node));
        return out;
    }

    private void put(Map<String, String> out, String pallet, String item, Object value, Object... keys) {
        RuntimeMetadata.StorageEntry entry = metadata.storage(pallet, item);
        putRaw(out, pallet, item, metadata.encode(entry.valueType(), value), keys);
    }

    private void putRaw(Map<String, String> out, String pallet, String item, byte[] encoded, Object... keys) {
        out.put(HEX.formatHex(metadata.storageKey(pallet, item, keys)), HEX.formatHex(encoded));
    }
}

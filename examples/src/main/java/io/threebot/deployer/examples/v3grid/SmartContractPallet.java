package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SmartContractModule's calls: node contracts (one per node and deployment hash), name contracts (one per name),
 * updates and cancellation by the owner only, and the resources a node reports as used; checks, order of checks and
 * error names as {@code pallet-smart-contract}'s {@code grid_contract.rs} has them.
 */
final class SmartContractPallet {
    static final String NAME = "SmartContractModule";
    private static final int MIN_NAME_LENGTH = 3;
    private static final HexFormat HEX = HexFormat.of();

    private SmartContractPallet() {
    }

    static void createNodeContract(BlockContext ctx, String account, long nodeId, byte[] deploymentHash,
            byte[] deploymentData, long publicIps) {
        Twin twin = ctx.state.twinOf(account).orElseThrow(() -> new ModuleError(NAME, "TwinNotExists"));
        Node node = ctx.state.nodes.get(nodeId);
        if (node == null) {
            throw new ModuleError(NAME, "NodeNotExists");
        }
        Farm farm = ctx.state.farms.get(node.farmId());
        if (farm == null) {
            throw new ModuleError(NAME, "FarmNotExists");
        }
        if (farm.dedicated()) {
            throw new ModuleError(NAME, "NodeNotAvailableToDeploy");
        }
        String hash = HEX.formatHex(deploymentHash);
        if (ctx.state.contractByNodeAndHash(nodeId, hash).isPresent()) {
            throw new ModuleError(NAME, "ContractIsNotUnique");
        }
        long id = ctx.state.lastContractId + 1;
        List<PublicIp> reserved = reserveIps(ctx, farm, id, publicIps);
        Contract contract = new Contract(id, twin.id(), Contract.Type.NODE, Contract.State.CREATED, 0, nodeId, hash,
                HEX.formatHex(deploymentData), (int) publicIps, reserved, "");
        store(ctx, contract);
    }

    private static List<PublicIp> reserveIps(BlockContext ctx, Farm farm, long contractId, long count) {
        if (count == 0) {
            return List.of();
        }
        if (farm.publicIps().size() < count) {
            throw new ModuleError(NAME, "FarmHasNotEnoughPublicIPs");
        }
        List<PublicIp> ips = new ArrayList<>();
        List<PublicIp> reserved = new ArrayList<>();
        for (PublicIp ip : farm.publicIps()) {
            if (ip.contractId() == 0 && reserved.size() < count) {
                PublicIp taken = ip.reservedFor(contractId);
                reserved.add(taken);
                ips.add(taken);
            } else {
                ips.add(ip);
            }
        }
        if (reserved.size() < count) {
            throw new ModuleError(NAME, "FarmHasNotEnoughPublicIPsFree");
        }
        ctx.state.farms.put(farm.id(), farm.withPublicIps(ips));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contract_id", contractId);
        data.put("public_ips", reserved.stream().map(ScaleValues::publicIp).toList());
        ctx.deposit(NAME, "IPsReserved", data);
        return reserved;
    }

    static void createNameContract(BlockContext ctx, String account, byte[] nameBytes) {
        Twin twin = ctx.state.twinOf(account).orElseThrow(() -> new ModuleError(NAME, "TwinNotExists"));
        if (nameBytes.length < MIN_NAME_LENGTH) {
            throw new ModuleError(NAME, "NameContractNameTooShort");
        }
        if (nameBytes.length > TfchainRuntime.MAX_NAME_CONTRACT_NAME_LENGTH) {
            throw new ModuleError(NAME, "NameContractNameTooLong");
        }
        for (byte b : nameBytes) {
            if (!(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '_')) {
                throw new ModuleError(NAME, "NameNotValid");
            }
        }
        String name = new String(nameBytes, StandardCharsets.US_ASCII);
        if (ctx.state.contractByName(name).isPresent()) {
            throw new ModuleError(NAME, "NameExists");
        }
        store(ctx, new Contract(ctx.state.lastContractId + 1, twin.id(), Contract.Type.NAME, Contract.State.CREATED,
                0, 0, "", "", 0, List.of(), name));
    }

    private static void store(BlockContext ctx, Contract contract) {
        ctx.state.lastContractId = contract.id();
        ctx.state.contracts.put(contract.id(), contract);
        ctx.state.contractLocks.put(contract.id(), new ContractLock(BigInteger.ZERO, ctx.nowSeconds, 0));
        ctx.deposit(NAME, "ContractCreated", ScaleValues.contract(contract));
    }

    static void updateNodeContract(BlockContext ctx, String account, long contractId, byte[] deploymentHash,
            byte[] deploymentData) {
        Contract contract = existing(ctx, contractId);
        if (!owner(ctx, contract).equals(account)) {
            throw new ModuleError(NAME, "TwinNotAuthorizedToUpdateContract");
        }
        if (contract.state() == Contract.State.GRACE_PERIOD) {
            throw new ModuleError(NAME, "CannotUpdateContractInGraceState");
        }
        if (contract.type() != Contract.Type.NODE) {
            throw new ModuleError(NAME, "InvalidContractType");
        }
        Contract updated = contract.withDeployment(HEX.formatHex(deploymentHash), HEX.formatHex(deploymentData));
        ctx.state.contracts.put(contractId, updated);
        ctx.deposit(NAME, "ContractUpdated", ScaleValues.contract(updated));
    }

    static void cancelContract(BlockContext ctx, String account, long contractId) {
        Contract contract = existing(ctx, contractId);
        if (!owner(ctx, contract).equals(account)) {
            throw new ModuleError(NAME, "TwinNotAuthorizedToCancelContract");
        }
        Billing.billDeleted(ctx, contract, "CanceledByUser");
    }

    static void reportContractResources(BlockContext ctx, String account, List<Map<String, Object>> reports) {
        Twin twin = ctx.state.twinOf(account).orElseThrow(() -> new ModuleError(NAME, "TwinNotExists"));
        Node node = ctx.state.nodes.values().stream().filter(n -> n.twinId() == twin.id()).findFirst()
                .orElseThrow(() -> new ModuleError(NAME, "NodeNotExists"));
        for (Map<String, Object> report : reports) {
            long contractId = ((Number) report.get("contract_id")).longValue();
            Contract contract = ctx.state.contracts.get(contractId);
            if (contract == null || contract.type() != Contract.Type.NODE || contract.nodeId() != node.id()) {
                continue; // tfchain skips reports for contracts that are not the node's
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> used = (Map<String, Object>) report.get("used");
            Resources resources = new Resources(number(used.get("hru")), number(used.get("sru")),
                    number(used.get("cru")), number(used.get("mru")));
            ctx.state.contractResources.put(contractId, resources);
            ctx.deposit(NAME, "UpdatedUsedResources", ScaleValues.contractResources(contractId, resources));
        }
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Contract existing(BlockContext ctx, long contractId) {
        Contract contract = ctx.state.contracts.get(contractId);
        if (contract == null) {
            throw new ModuleError(NAME, "ContractNotExists");
        }
        return contract;
    }

    static String owner(BlockContext ctx, Contract contract) {
        Twin twin = ctx.state.twins.get(contract.twinId());
        if (twin == null) {
            throw new ModuleError(NAME, "TwinNotExists");
        }
        return twin.account();
    }

    /** Removes a contract and what hangs on it, and deposits its cancellation event. */
    static void remove(BlockContext ctx, Contract contract) {
        if (contract.type() == Contract.Type.NODE) {
            if (!contract.publicIpsList().isEmpty()) {
                Farm farm = ctx.state.farms.get(ctx.state.nodes.get(contract.nodeId()).farmId());
                List<PublicIp> ips = farm.publicIps().stream()
                        .map(ip -> ip.contractId() == contract.id() ? ip.reservedFor(0) : ip).toList();
                ctx.state.farms.put(farm.id(), farm.withPublicIps(ips));
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("contract_id", contract.id());
                data.put("public_ips", contract.publicIpsList().stream().map(ScaleValues::publicIp).toList());
                ctx.deposit(NAME, "IPsFreed", data);
            }
            ctx.state.contractResources.remove(contract.id());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("contract_id", contract.id());
            data.put("node_id", contract.nodeId());
            data.put("twin_id", contract.twinId());
            ctx.deposit(NAME, "NodeContractCanceled", data);
        } else {
            ctx.deposit(NAME, "NameContractCanceled", contract.id());
        }
        ctx.state.contracts.remove(contract.id());
        ctx.state.contractLocks.remove(contract.id());
    }
}

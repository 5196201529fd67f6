package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.chain.EnumValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chain's records as the runtime's codec takes them (maps by field name), for storage and events. */
final class ScaleValues {
    private static final HexFormat HEX = HexFormat.of();

    private ScaleValues() {
    }

    static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hex(String value) {
        return HEX.parseHex(value);
    }

    static Map<String, Object> account(Account account) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("free", account.free());
        data.put("reserved", BigInteger.ZERO);
        data.put("frozen", account.frozen());
        data.put("flags", BigInteger.ONE.shiftLeft(127)); // the "new logic" flag of current pallet_balances
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("nonce", account.nonce());
        info.put("consumers", 0);
        info.put("providers", account.free().signum() > 0 || account.nonce() > 0 ? 1 : 0);
        info.put("sufficients", 0);
        info.put("data", data);
        return info;
    }

    static Map<String, Object> twin(Twin twin) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", twin.id());
        map.put("account_id", hex(twin.account()));
        map.put("relay", twin.relay().map(ScaleValues::text));
        map.put("entities", List.of());
        map.put("pk", twin.publicKey().map(ScaleValues::hex));
        return map;
    }

    static Map<String, Object> terms(String account, TermsAcceptance terms) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("account_id", hex(account));
        map.put("timestamp", terms.timestamp());
        map.put("document_link", text(terms.documentLink()));
        map.put("document_hash", text(terms.documentHash()));
        return map;
    }

    static Map<String, Object> publicIp(PublicIp ip) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ip", text(ip.ip()));
        map.put("gateway", text(ip.gateway()));
        map.put("contract_id", ip.contractId());
        return map;
    }

    static Map<String, Object> farm(Farm farm) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", 4);
        map.put("id", farm.id());
        map.put("name", text(farm.name()));
        map.put("twin_id", farm.twinId());
        map.put("pricing_policy_id", farm.pricingPolicyId());
        map.put("certification", "NotCertified");
        map.put("public_ips", farm.publicIps().stream().map(ScaleValues::publicIp).toList());
        map.put("dedicated_farm", farm.dedicated());
        map.put("farming_policy_limits", Optional.empty());
        return map;
    }

    static Map<String, Object> node(Node node) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("city", text(node.location().city()));
        location.put("country", text(node.location().country()));
        location.put("latitude", text(node.location().latitude()));
        location.put("longitude", text(node.location().longitude()));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", 6);
        map.put("id", node.id());
        map.put("farm_id", node.farmId());
        map.put("twin_id", node.twinId());
        map.put("resources", node.resources().scale());
        map.put("location", location);
        map.put("public_config", node.publicConfig().map(ScaleValues::publicConfig));
        map.put("created", node.created());
        map.put("farming_policy_id", 1);
        map.put("interfaces", List.of());
        map.put("certification", "Diy");
        map.put("secure_boot", false);
        map.put("virtualized", false);
        map.put("serial_number", Optional.of(text(node.serialNumber())));
        map.put("connection_price", 80);
        return map;
    }

    private static Map<String, Object> publicConfig(NodePublicConfig config) {
        Map<String, Object> ip4 = new LinkedHashMap<>();
        ip4.put("ip", text(config.ip4()));
        ip4.put("gw", text(config.gw4()));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ip4", ip4);
        map.put("ip6", config.ip6().map(ip -> {
            Map<String, Object> ip6 = new LinkedHashMap<>();
            ip6.put("ip", text(ip));
            ip6.put("gw", text(config.gw6().orElse("")));
            return ip6;
        }));
        map.put("domain", config.domain().map(ScaleValues::text));
        return map;
    }

    static Map<String, Object> contract(Contract contract) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", 4);
        map.put("state", contract.state() == Contract.State.CREATED ? EnumValue.of("Created")
                : new EnumValue("GracePeriod", BigInteger.valueOf(contract.graceStartBlock())));
        map.put("contract_id", contract.id());
        map.put("twin_id", contract.twinId());
        map.put("contract_type", contractData(contract));
        map.put("solution_provider_id", Optional.empty());
        return map;
    }

    /** A contract as an event reports its deletion: its last state replaced by {@code Deleted(cause)}. */
    static Map<String, Object> deletedContract(Contract contract, String cause) {
        Map<String, Object> map = contract(contract);
        map.put("state", new EnumValue("Deleted", EnumValue.of(cause)));
        return map;
    }

    private static EnumValue contractData(Contract contract) {
        if (contract.type() == Contract.Type.NAME) {
            return new EnumValue("NameContract", Map.of("name", text(contract.name())));
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("node_id", contract.nodeId());
        node.put("deployment_hash", hex(contract.deploymentHash()));
        node.put("deployment_data", hex(contract.deploymentData()));
        node.put("public_ips", contract.publicIps());
        node.put("public_ips_list", contract.publicIpsList().stream().map(ScaleValues::publicIp).toList());
        return new EnumValue("NodeContract", node);
    }

    static Map<String, Object> lock(ContractLock lock) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("amount_locked", lock.amountLocked());
        map.put("extra_amount_locked", BigInteger.ZERO);
        map.put("lock_updated", lock.lockUpdated());
        map.put("cycles", lock.cycles());
        return map;
    }

    static Map<String, Object> contractResources(long contractId, Resources used) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("contract_id", contractId);
        map.put("used", used.scale());
        return map;
    }

    static Map<String, Object> billingInformation(long lastUpdated) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("previous_nu_reported", 0);
        map.put("last_updated", lastUpdated);
        map.put("amount_unbilled", 0);
        return map;
    }
}

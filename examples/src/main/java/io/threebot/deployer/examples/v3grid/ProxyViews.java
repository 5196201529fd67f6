package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.keys.Ss58;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON objects gridproxy answers with (tfgrid-sdk-go {@code grid-proxy/pkg/types}; {@code @threefold/
 * gridproxy_client}'s interfaces), built from the grid index.
 */
final class ProxyViews {
    static final List<String> NODE_FEATURES = List.of("zmount", "zdb", "volume", "ipv4", "ip", "gateway-name-proxy",
            "gateway-fqdn-proxy", "qsfs", "zmachine", "network", "zlogs", "wireguard", "yggdrasil", "mycelium");

    private ProxyViews() {
    }

    static Map<String, Object> node(GridIndex.NodeView view, boolean nestedCapacity, long now) {
        Node node = view.node();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", String.valueOf(node.id()));
        map.put("nodeId", node.id());
        map.put("farmId", node.farmId());
        map.put("farmName", view.farm() == null ? "" : view.farm().name());
        map.put("twinId", node.twinId());
        map.put("country", node.location().country());
        map.put("gridVersion", 3);
        map.put("city", node.location().city());
        map.put("uptime", view.up() ? Math.max(0, now - node.created()) : 0);
        map.put("created", node.created());
        map.put("farmingPolicyId", 1);
        map.put("updatedAt", view.up() ? now : node.created());
        if (nestedCapacity) {
            Map<String, Object> capacity = new LinkedHashMap<>();
            capacity.put("total_resources", capacity(node.resources()));
            capacity.put("used_resources", capacity(view.used()));
            map.put("capacity", capacity);
        } else {
            map.put("total_resources", capacity(node.resources()));
            map.put("used_resources", capacity(view.used()));
        }
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("country", node.location().country());
        location.put("city", node.location().city());
        location.put("longitude", coordinate(node.location().longitude()));
        location.put("latitude", coordinate(node.location().latitude()));
        map.put("location", location);
        map.put("publicConfig", publicConfig(node.publicConfig()));
        map.put("status", view.up() ? "up" : "down");
        map.put("certificationType", "Diy");
        map.put("dedicated", false);
        map.put("inDedicatedFarm", view.farm() != null && view.farm().dedicated());
        map.put("rentContractId", 0);
        map.put("rented", false);
        map.put("rentable", view.farm() != null && view.farm().dedicated());
        map.put("rentedByTwinId", 0);
        map.put("serialNumber", node.serialNumber());
        map.put("power", Map.of("state", view.up() ? "Up" : "Down", "target", "Up"));
        map.put("num_gpu", 0);
        map.put("extraFee", 0);
        map.put("healthy", view.up());
        map.put("gpus", List.of());
        map.put("price_usd", 0);
        map.put("farm_free_ips", view.farm() == null ? 0 : freeIps(view.farm()));
        map.put("features", NODE_FEATURES);
        return map;
    }

    static long freeIps(Farm farm) {
        return farm.publicIps().stream().filter(ip -> ip.contractId() == 0).count();
    }

    static Map<String, Object> capacity(Resources resources) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cru", resources.cru());
        map.put("sru", resources.sru());
        map.put("hru", resources.hru());
        map.put("mru", resources.mru());
        map.put("ipv4u", 0);
        return map;
    }

    private static Double coordinate(String text) {
        try {
            return text.isEmpty() ? null : Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Object> publicConfig(Optional<NodePublicConfig> config) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("domain", config.flatMap(NodePublicConfig::domain).orElse(""));
        map.put("gw4", config.map(NodePublicConfig::gw4).orElse(""));
        map.put("gw6", config.flatMap(NodePublicConfig::gw6).orElse(""));
        map.put("ipv4", config.map(NodePublicConfig::ip4).orElse(""));
        map.put("ipv6", config.flatMap(NodePublicConfig::ip6).orElse(""));
        return map;
    }

    static Map<String, Object> farm(Farm farm) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", farm.name());
        map.put("farmId", farm.id());
        map.put("twinId", farm.twinId());
        map.put("pricingPolicyId", farm.pricingPolicyId());
        map.put("certificationType", "NotCertified");
        map.put("stellarAddress", "");
        map.put("dedicated", farm.dedicated());
        map.put("publicIps", farm.publicIps().stream().map(ip -> publicIp(farm, ip)).toList());
        return map;
    }

    private static Map<String, Object> publicIp(Farm farm, PublicIp ip) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", farm.id() + "-" + ip.ip());
        map.put("ip", ip.ip());
        map.put("farm_id", String.valueOf(farm.id()));
        map.put("contract_id", ip.contractId());
        // grid_client's own farm check (primitives/nodes.ts) reads the camel-case name
        map.put("contractId", ip.contractId());
        map.put("gateway", ip.gateway());
        return map;
    }

    static Map<String, Object> twin(Twin twin) {
        Map<String, Object> map = new LinkedHashMap<>();
        // camel case, as gridproxy_client's Twin and its own node/twin join read it
        map.put("twinId", twin.id());
        map.put("accountId", accountId(twin));
        map.put("relay", twin.relay().orElse(""));
        map.put("publicKey", twin.publicKey().orElse(""));
        return map;
    }

    static String accountId(Twin twin) {
        return Ss58.encode(HexFormat.of().parseHex(twin.account()));
    }

    static Map<String, Object> contract(GridIndex.ContractView view) {
        Contract contract = view.contract();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("contract_id", contract.id());
        map.put("twin_id", contract.twinId());
        map.put("state", view.state());
        map.put("created_at", view.createdAt());
        map.put("type", view.type());
        Map<String, Object> details = new LinkedHashMap<>();
        if (contract.type() == Contract.Type.NODE) {
            details.put("nodeId", contract.nodeId());
            details.put("deployment_data", text(contract.deploymentData()));
            details.put("deployment_hash", text(contract.deploymentHash()));
            details.put("number_of_public_ips", contract.publicIps());
            details.put("farm_name", view.farm().map(Farm::name).orElse(""));
            details.put("farm_id", view.farm().map(Farm::id).orElse(0L));
        } else {
            details.put("name", contract.name());
        }
        map.put("details", details);
        return map;
    }

    /** Bytes the chain keeps in hex, as the text the client put there (deployment data and hash). */
    static String text(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }

    static Map<String, Object> bill(ContractHistory.Bill bill) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("amountBilled", bill.amount());
        map.put("discountReceived", bill.discount());
        map.put("timestamp", bill.timestamp());
        return map;
    }
}

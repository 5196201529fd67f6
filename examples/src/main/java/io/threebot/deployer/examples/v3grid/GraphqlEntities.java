package io.threebot.deployer.examples.v3grid;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The grid's state as the indexer's GraphQL schema (tfgrid's Subsquid processor) names it: {@code Node},
 * {@code Farm}, {@code PublicIp}, {@code Twin}, {@code NodeContract}, {@code NameContract}, {@code RentContract},
 * {@code ContractBillReport}. Each entity is a map from field to value; {@code BigInt} fields are strings, as the
 * indexer serializes them, {@code Int} fields numbers; objects are nested maps. Only the fields listed here exist:
 * asking for another is an error naming it.
 */
final class GraphqlEntities {
    /** The collections served, by their query field name, with their entity type's name. */
    static final Map<String, String> TYPES = Map.of("nodes", "Node", "farms", "Farm", "publicIps", "PublicIp",
            "twins", "Twin", "nodeContracts", "NodeContract", "nameContracts", "NameContract", "rentContracts",
            "RentContract", "contractBillReports", "ContractBillReport");

    private GraphqlEntities() {
    }

    static List<Map<String, Object>> collection(String name, GridIndex index) {
        return switch (name) {
            case "nodes" -> index.nodes().stream().map(GraphqlEntities::node).toList();
            case "farms" -> index.farms().stream().map(f -> farm(f, true)).toList();
            case "publicIps" -> index.farms().stream().flatMap(f -> f.publicIps().stream()
                    .map(ip -> publicIp(f, ip, true))).toList();
            case "twins" -> index.twins().stream().map(GraphqlEntities::twin).toList();
            case "nodeContracts" -> index.contracts().stream()
                    .filter(c -> c.contract().type() == Contract.Type.NODE).map(GraphqlEntities::nodeContract)
                    .toList();
            case "nameContracts" -> index.contracts().stream()
                    .filter(c -> c.contract().type() == Contract.Type.NAME).map(GraphqlEntities::nameContract)
                    .toList();
            case "rentContracts" -> List.of();
            case "contractBillReports" -> {
                int[] n = {0};
                yield index.bills().stream().map(b -> bill(b, ++n[0])).toList();
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String big(long value) {
        return String.valueOf(value);
    }

    private static Map<String, Object> node(GridIndex.NodeView view) {
        Node node = view.node();
        Map<String, Object> map = entity("Node", "node-" + node.id());
        map.put("gridVersion", 3);
        map.put("nodeID", node.id());
        map.put("farmID", node.farmId());
        map.put("twinID", node.twinId());
        map.put("country", node.location().country());
        map.put("city", node.location().city());
        Map<String, Object> location = entity("Location", "location-" + node.id());
        location.put("latitude", node.location().latitude());
        location.put("longitude", node.location().longitude());
        map.put("location", location);
        map.put("publicConfig", node.publicConfig().map(c -> {
            Map<String, Object> config = entity("PublicConfig", "config-" + node.id());
            config.put("ipv4", c.ip4());
            config.put("gw4", c.gw4());
            config.put("ipv6", c.ip6().orElse(null));
            config.put("gw6", c.gw6().orElse(null));
            config.put("domain", c.domain().orElse(null));
            return config;
        }).orElse(null));
        map.put("resourcesTotal", resources("NodeResourcesTotal", "total-" + node.id(), node.resources()));
        map.put("uptime", big(view.up() ? 1 : 0));
        map.put("created", node.created());
        map.put("farmingPolicyId", 1);
        map.put("certification", "Diy");
        map.put("secureBoot", false);
        map.put("virtualized", false);
        map.put("serialNumber", node.serialNumber());
        map.put("createdAt", big(node.created()));
        map.put("updatedAt", big(node.created()));
        map.put("connectionPrice", 800);
        map.put("dedicated", false);
        map.put("extraFee", null);
        Map<String, Object> power = new LinkedHashMap<>();
        power.put("state", view.up() ? "Up" : "Down");
        power.put("target", "Up");
        map.put("power", power);
        map.put("interfaces", List.of());
        return map;
    }

    private static Map<String, Object> resources(String type, String id, Resources resources) {
        Map<String, Object> map = entity(type, id);
        map.put("hru", big(resources.hru()));
        map.put("sru", big(resources.sru()));
        map.put("cru", big(resources.cru()));
        map.put("mru", big(resources.mru()));
        return map;
    }

    private static Map<String, Object> farm(Farm farm, boolean withIps) {
        Map<String, Object> map = entity("Farm", "farm-" + farm.id());
        map.put("gridVersion", 3);
        map.put("farmID", farm.id());
        map.put("name", farm.name());
        map.put("twinID", farm.twinId());
        map.put("pricingPolicyID", farm.pricingPolicyId());
        map.put("certification", "NotCertified");
        map.put("stellarAddress", null);
        map.put("dedicatedFarm", farm.dedicated());
        if (withIps) {
            map.put("publicIPs", farm.publicIps().stream().map(ip -> publicIp(farm, ip, false)).toList());
        }
        return map;
    }

    private static Map<String, Object> publicIp(Farm farm, PublicIp ip, boolean withFarm) {
        Map<String, Object> map = entity("PublicIp", "ip-" + farm.id() + "-" + ip.ip());
        if (withFarm) {
            map.put("farm", farm(farm, false));
        }
        map.put("gateway", ip.gateway());
        map.put("ip", ip.ip());
        map.put("contractId", big(ip.contractId()));
        return map;
    }

    private static Map<String, Object> twin(Twin twin) {
        Map<String, Object> map = entity("Twin", "twin-" + twin.id());
        map.put("gridVersion", 3);
        map.put("twinID", twin.id());
        map.put("accountID", ProxyViews.accountId(twin));
        map.put("relay", twin.relay().orElse(null));
        map.put("publicKey", twin.publicKey().orElse(null));
        return map;
    }

    private static Map<String, Object> contract(String type, GridIndex.ContractView view) {
        Contract contract = view.contract();
        Map<String, Object> map = entity(type, "contract-" + contract.id());
        map.put("gridVersion", 4);
        map.put("contractID", big(contract.id()));
        map.put("twinID", contract.twinId());
        map.put("state", view.state());
        map.put("createdAt", big(view.createdAt()));
        map.put("solutionProviderID", null);
        return map;
    }

    private static Map<String, Object> nodeContract(GridIndex.ContractView view) {
        Contract contract = view.contract();
        Map<String, Object> map = contract("NodeContract", view);
        map.put("nodeID", contract.nodeId());
        map.put("deploymentData", ProxyViews.text(contract.deploymentData()));
        map.put("deploymentHash", ProxyViews.text(contract.deploymentHash()));
        map.put("numberOfPublicIPs", contract.publicIps());
        map.put("resourcesUsed", null);
        return map;
    }

    private static Map<String, Object> nameContract(GridIndex.ContractView view) {
        Map<String, Object> map = contract("NameContract", view);
        map.put("name", view.contract().name());
        return map;
    }

    private static Map<String, Object> bill(ContractHistory.Bill bill, int sequence) {
        Map<String, Object> map = entity("ContractBillReport", "bill-" + sequence);
        map.put("contractID", big(bill.contractId()));
        map.put("discountReceived", bill.discount());
        map.put("amountBilled", bill.amount().toString());
        map.put("timestamp", big(bill.timestamp()));
        return map;
    }

    private static Map<String, Object> entity(String type, String id) {
        Map<String, Object> map = new HashMap<>();
        map.put("__typename", type);
        map.put("id", id);
        return map;
    }

    /** The type name of an entity map. */
    static Optional<String> typeOf(Map<String, Object> entity) {
        return Optional.ofNullable((String) entity.get("__typename"));
    }
}

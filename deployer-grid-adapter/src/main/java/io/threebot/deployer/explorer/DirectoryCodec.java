package io.threebot.deployer.explorer;

import static io.threebot.deployer.explorer.WireJson.decimal;
import static io.threebot.deployer.explorer.WireJson.flag;
import static io.threebot.deployer.explorer.WireJson.number;
import static io.threebot.deployer.explorer.WireJson.optionalText;
import static io.threebot.deployer.explorer.WireJson.text;
import static io.threebot.deployer.explorer.WireJson.texts;
import static io.threebot.deployer.explorer.WireJson.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.model.Farm;
import io.threebot.deployer.model.Gateway;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.Location;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.ResourceUnits;
import java.util.Optional;

/** Farms, nodes, gateways and users in the explorer's JSON, both ways. */
final class DirectoryCodec {
    private DirectoryCodec() {
    }

    static Farm farm(JsonNode n) {
        return new Farm(number(n, "id"), text(n, "name"), location(n.path("location")));
    }

    static ObjectNode farm(Farm f) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", f.id()).put("name", f.name()).put("threebot_id", 0);
        n.set("location", location(f.location()));
        return n;
    }

    static Node node(JsonNode n) {
        JsonNode config = n.path("public_config");
        Optional<String> ipv4 = nonBlank(config.isMissingNode() || config.isNull() ? "" : optionalText(config, "ipv4"));
        Optional<String> ipv6 = nonBlank(config.isMissingNode() || config.isNull() ? "" : optionalText(config, "ipv6"));
        return new Node(text(n, "node_id"), number(n, "farm_id"), location(n.path("location")),
                units(n.path("total_resources")), units(n.path("used_resources")),
                units(n.path("reserved_resources")), time(n, "updated"), ipv4, ipv6, optionalText(n, "public_key_hex"),
                flag(n, "free_to_use"));
    }

    static ObjectNode node(Node node) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("node_id", node.nodeId()).put("farm_id", node.farmId()).put("updated", node.updated().getEpochSecond())
                .put("public_key_hex", node.publicKeyHex()).put("free_to_use", node.freeToUse());
        n.set("location", location(node.location()));
        n.set("total_resources", units(node.total()));
        n.set("used_resources", units(node.used()));
        n.set("reserved_resources", units(node.reserved()));
        ObjectNode config = n.putObject("public_config");
        config.put("master", node.publicIpv4().isPresent() ? "eth0" : "");
        config.put("ipv4", node.publicIpv4().orElse("")).put("ipv6", node.publicIpv6().orElse(""));
        return n;
    }

    static Gateway gateway(JsonNode n) {
        return new Gateway(text(n, "node_id"), number(n, "farm_id"), location(n.path("location")),
                texts(n, "managed_domains"), texts(n, "dns_nameserver"), (int) number(n, "tcp_router_port"),
                time(n, "updated"), optionalText(n, "public_key_hex"));
    }

    static ObjectNode gateway(Gateway g) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("node_id", g.nodeId()).put("farm_id", g.farmId()).put("tcp_router_port", g.tcpRouterPort())
                .put("updated", g.updated().getEpochSecond()).put("public_key_hex", g.publicKeyHex());
        n.set("location", location(g.location()));
        g.managedDomains().forEach(n.putArray("managed_domains")::add);
        g.dnsNameservers().forEach(n.putArray("dns_nameserver")::add);
        return n;
    }

    static GridUser user(JsonNode n) {
        return new GridUser(number(n, "id"), text(n, "name"), optionalText(n, "email"), text(n, "pubkey"));
    }

    static ObjectNode user(GridUser u) {
        ObjectNode n = Json.mapper().createObjectNode();
        return n.put("id", u.id()).put("name", u.name()).put("email", u.email()).put("pubkey", u.pubkeyHex())
                .put("host", "").put("description", "").put("signature", "");
    }

    private static Location location(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? new Location("", "", "")
                : new Location(optionalText(n, "continent"), optionalText(n, "country"), optionalText(n, "city"));
    }

    private static ObjectNode location(Location l) {
        ObjectNode n = Json.mapper().createObjectNode();
        return n.put("continent", l.continent()).put("country", l.country()).put("city", l.city())
                .put("latitude", 0.0).put("longitude", 0.0);
    }

    private static ResourceUnits units(JsonNode n) {
        return new ResourceUnits(decimal(n, "cru"), decimal(n, "mru"), decimal(n, "sru"), decimal(n, "hru"));
    }

    private static ObjectNode units(ResourceUnits u) {
        ObjectNode n = Json.mapper().createObjectNode();
        return n.put("cru", u.cru()).put("mru", u.mru()).put("sru", u.sru()).put("hru", u.hru()).put("ipv4u", 0);
    }

    private static Optional<String> nonBlank(String s) {
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}

package io.threebot.deployer.explorer;

import static io.threebot.deployer.explorer.WireJson.field;
import static io.threebot.deployer.explorer.WireJson.flag;
import static io.threebot.deployer.explorer.WireJson.number;
import static io.threebot.deployer.explorer.WireJson.optionalText;
import static io.threebot.deployer.explorer.WireJson.text;
import static io.threebot.deployer.explorer.WireJson.texts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.model.Capacity;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.DiskType;
import io.threebot.deployer.model.NetworkConnection;
import io.threebot.deployer.model.NetworkResourceSpec;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.ResultState;
import io.threebot.deployer.model.ReverseProxySpec;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.SubdomainSpec;
import io.threebot.deployer.model.WireGuardPeer;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadResult;
import io.threebot.deployer.model.WorkloadSpec;
import io.threebot.deployer.model.WorkloadType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Workloads in the explorer's flattened JSON: the reservation info merged into the type's fields, enums as
 * integers, times as Unix seconds. Secret values travel as the ciphertext the workload holds.
 */
final class WorkloadCodec {
    private WorkloadCodec() {
    }

    /**
     * The body of a create request for a sealed workload.
     *
     * @param encryptLogUrl encrypts a container's log URLs for its node (they are not part of the signature)
     */
    static ObjectNode toWire(Workload w, String customerSignature, UnaryOperator<String> encryptLogUrl) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", w.id()).put("workload_id", WorkloadChallenge.WORKLOAD_ID).put("node_id", w.nodeId())
                .put("pool_id", w.poolId()).put("description", w.description()).put("reference", w.reference())
                .put("customer_tid", w.customerTid()).put("customer_signature", customerSignature)
                .put("next_action", w.nextAction().ordinal()).put("epoch", w.epoch().getEpochSecond())
                .put("metadata", w.metadata()).put("workload_type", w.type().wireValue());
        n.putArray("signatures_provision");
        n.putObject("signing_request_provision").put("quorum_min", 0).putArray("signers");
        ObjectNode delete = n.putObject("signing_request_delete");
        delete.put("quorum_min", 1).putArray("signers").add(w.customerTid());
        n.putArray("signatures_farmer");
        n.putArray("signatures_delete");
        spec(n, w.spec(), encryptLogUrl);
        w.result().ifPresent(r -> n.set("result", result(r)));
        return n;
    }

    static Workload fromWire(JsonNode n) {
        int type = (int) number(n, "workload_type");
        WorkloadSpec spec = spec(n, type);
        int action = (int) number(n, "next_action");
        if (action < 0 || action >= NextAction.values().length) {
            throw new ExplorerProtocolException("unknown next_action " + action);
        }
        JsonNode result = n.get("result");
        Optional<WorkloadResult> parsed = result == null || result.isNull()
                || optionalText(result, "workload_id").isEmpty() ? Optional.empty() : Optional.of(result(result));
        return new Workload(number(n, "id"), text(n, "node_id"), number(n, "pool_id"), number(n, "customer_tid"),
                optionalText(n, "reference"), optionalText(n, "description"), optionalText(n, "metadata"),
                Instant.ofEpochSecond(number(n, "epoch")), NextAction.values()[action], spec, parsed);
    }

    private static void spec(ObjectNode n, WorkloadSpec spec, UnaryOperator<String> encryptLogUrl) {
        if (spec instanceof SubdomainSpec s) {
            n.put("domain", s.domain());
            s.ips().forEach(n.putArray("ips")::add);
        } else if (spec instanceof ReverseProxySpec p) {
            n.put("domain", p.domain()).put("secret", p.secret().value());
        } else if (spec instanceof ContainerSpec c) {
            container(n, c, encryptLogUrl);
        } else if (spec instanceof NetworkResourceSpec r) {
            n.put("name", r.name()).put("network_iprange", r.networkIpRange()).put("iprange", r.ipRange())
                    .put("wireguard_private_key_encrypted", r.wireguardPrivateKey().value())
                    .put("wireguard_public_key", r.wireguardPublicKey())
                    .put("wireguard_listen_port", r.wireguardListenPort());
            ArrayNode peers = n.putArray("peers");
            for (WireGuardPeer p : r.peers()) {
                ObjectNode peer = peers.addObject().put("public_key", p.publicKey()).put("endpoint", p.endpoint())
                        .put("iprange", p.ipRange());
                p.allowedIpRanges().forEach(peer.putArray("allowed_iprange")::add);
            }
        }
    }

    private static void container(ObjectNode n, ContainerSpec c, UnaryOperator<String> encryptLogUrl) {
        n.put("flist", c.flist()).put("hub_url", "").put("storage_url", "zdb://hub.grid.tf:9900")
                .put("entrypoint", c.entrypoint()).put("interactive", c.interactive()).put("farmer_tid", 0);
        ObjectNode env = n.putObject("environment");
        c.sortedEnvironment().forEach(env::put);
        ObjectNode secrets = n.putObject("secret_environment");
        new java.util.TreeMap<>(c.secretEnvironment()).forEach((k, v) -> secrets.put(k, v.value()));
        n.putArray("volumes");
        n.putArray("stats");
        ArrayNode connections = n.putArray("network_connection");
        c.networkConnections().forEach(nc -> connections.addObject().put("network_id", nc.networkName())
                .put("ipaddress", nc.ipAddress()).put("public_ip6", nc.publicIpv6()));
        ArrayNode logs = n.putArray("logs");
        c.logs().ifPresent(l -> logs.addObject().put("type", l.channelType()).putObject("data")
                .put("stdout", "").put("stderr", "").put("secret_stdout", encryptLogUrl.apply(l.stdoutUrl()))
                .put("secret_stderr", encryptLogUrl.apply(l.stderrUrl())));
        n.putObject("capacity").put("cpu", c.capacity().cpu()).put("memory", c.capacity().memoryMib())
                .put("disk_size", c.capacity().diskMib()).put("disk_type", c.capacity().diskType().ordinal());
    }

    private static WorkloadSpec spec(JsonNode n, int type) {
        if (type == WorkloadType.SUBDOMAIN.wireValue()) {
            return new SubdomainSpec(text(n, "domain"), texts(n, "ips"));
        }
        if (type == WorkloadType.REVERSE_PROXY.wireValue()) {
            return new ReverseProxySpec(text(n, "domain"), Secret.of(text(n, "secret")));
        }
        if (type == WorkloadType.CONTAINER.wireValue()) {
            return container(n);
        }
        if (type == WorkloadType.NETWORK_RESOURCE.wireValue()) {
            List<WireGuardPeer> peers = new ArrayList<>();
            n.path("peers").forEach(p -> peers.add(new WireGuardPeer(text(p, "public_key"),
                    optionalText(p, "endpoint"), text(p, "iprange"), texts(p, "allowed_iprange"))));
            return new NetworkResourceSpec(text(n, "name"), text(n, "network_iprange"), text(n, "iprange"),
                    Secret.of(text(n, "wireguard_private_key_encrypted")), text(n, "wireguard_public_key"),
                    (int) number(n, "wireguard_listen_port"), peers);
        }
        throw new ExplorerProtocolException("workload type " + type + " is not one the deployer uses");
    }

    private static ContainerSpec container(JsonNode n) {
        Map<String, String> env = new LinkedHashMap<>();
        n.path("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        Map<String, Secret> secrets = new LinkedHashMap<>();
        n.path("secret_environment").properties()
                .forEach(e -> secrets.put(e.getKey(), Secret.of(e.getValue().asText())));
        List<NetworkConnection> connections = new ArrayList<>();
        n.path("network_connection").forEach(c -> connections.add(new NetworkConnection(text(c, "network_id"),
                text(c, "ipaddress"), flag(c, "public_ip6"))));
        JsonNode capacity = field(n, "capacity");
        int diskType = (int) number(capacity, "disk_type");
        return new ContainerSpec(text(n, "flist"), env, secrets, optionalText(n, "entrypoint"),
                flag(n, "interactive"), new Capacity((int) number(capacity, "cpu"), (int) number(capacity, "memory"),
                (int) number(capacity, "disk_size"), diskType == 0 ? DiskType.HDD : DiskType.SSD), connections,
                Optional.empty());
    }

    private static WorkloadResult result(JsonNode n) {
        int state = (int) number(n, "state");
        Map<String, String> data = new LinkedHashMap<>();
        String dataJson = optionalText(n, "data_json");
        if (!dataJson.isBlank()) {
            try {
                Json.mapper().readTree(dataJson).properties()
                        .forEach(e -> data.put(e.getKey(), e.getValue().asText()));
            } catch (JsonProcessingException e) {
                throw new ExplorerProtocolException("a workload result's data_json is not JSON", e);
            }
        }
        return new WorkloadResult(state == 1 ? ResultState.OK : state == 2 ? ResultState.DELETED : ResultState.ERROR,
                optionalText(n, "message"), data, Instant.ofEpochSecond(n.path("epoch").asLong()));
    }

    private static ObjectNode result(WorkloadResult r) {
        ObjectNode n = Json.mapper().createObjectNode();
        try {
            n.put("category", 0).put("workload_id", "1-1").put("signature", "")
                    .put("state", r.state() == ResultState.OK ? 1 : r.state() == ResultState.DELETED ? 2 : 0)
                    .put("message", r.message()).put("epoch", r.at().getEpochSecond())
                    .put("data_json", Json.mapper().writeValueAsString(r.data()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return n;
    }
}

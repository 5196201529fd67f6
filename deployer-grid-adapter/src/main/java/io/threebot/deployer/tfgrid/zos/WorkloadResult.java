package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Optional;

/**
 * What a node reports of a workload (zosbase {@code gridtypes.Result}): when, in which state, the error message, and
 * type-specific data, read by {@link #dataOf(String)} into one of the {@link Data} records.
 *
 * @param created unix seconds of the report
 * @param state   the workload's state
 * @param message the error, when the state is {@link State#ERROR}
 * @param data    the type-specific data as it came (JSON null when none)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"created", "state", "message", "data"})
public record WorkloadResult(
        @JsonProperty("created") long created,
        @JsonProperty("state") State state,
        @JsonProperty("message") String message,
        @JsonProperty("data") JsonNode data) {

    public WorkloadResult {
        state = state == null ? State.NONE : state;
        message = Check.text("result.message", message);
        data = data == null ? NullNode.getInstance() : data.deepCopy();
    }

    /** A copy of the type-specific data as it came. */
    @Override
    public JsonNode data() {
        return data.deepCopy();
    }

    /** A workload's state, as zos names it. */
    public enum State {
        /** No result yet (Go's zero value, {@code ""}). */
        NONE(""),
        /** Stored, not yet processed. */
        INIT("init"),
        /** An update failed without breaking the previous state. */
        UNCHANGED("unchanged"),
        /** Failed; the message says why. */
        ERROR("error"),
        /** Running as asked. */
        OK("ok"),
        /** Deleted. */
        DELETED("deleted"),
        /** Paused (the contract is in its grace period). */
        PAUSED("paused");

        private final String wire;

        State(String wire) {
            this.wire = wire;
        }

        /** The name zos uses. */
        @JsonValue
        public String wire() {
            return wire;
        }

        /** The state zos names so; an unknown name is an {@link InvalidDeploymentException}. */
        @JsonCreator
        public static State of(String wire) {
            for (State s : values()) {
                if (s.wire.equals(wire == null ? "" : wire)) {
                    return s;
                }
            }
            throw new InvalidDeploymentException("result.state", "unknown workload state");
        }
    }

    /**
     * The result data of the workload type named (the workload's {@code type}): empty when there is none (no data, a
     * network, an fqdn gateway, or a type not modelled here). Data not of that type's shape is an
     * {@link InvalidDeploymentException}.
     */
    public Optional<Data> dataOf(String workloadType) {
        if (data.isNull() || data.isMissingNode()) {
            return Optional.empty();
        }
        Class<? extends Data> type;
        switch (workloadType) {
            case ZMachine.TYPE -> type = ZMachineResult.class;
            case ZMount.TYPE -> type = ZMountResult.class;
            case PublicIp.TYPE -> type = PublicIpResult.class;
            case GatewayNameProxy.TYPE -> type = GatewayNameResult.class;
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(ZosJson.convert(data, type, "result.data"));
    }

    /** Result data of one workload type. */
    public sealed interface Data permits ZMachineResult, ZMountResult, PublicIpResult, GatewayNameResult {
    }

    /**
     * What a {@code zmachine} reports.
     *
     * @param id          the machine's id on the node
     * @param ip          its IP on its user network
     * @param planetaryIp its planetary (yggdrasil) address; older nodes call it {@code ygg_ip}
     * @param myceliumIp  its mycelium address
     * @param consoleUrl  where its console is reached
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ZMachineResult(
            @JsonProperty("id") String id,
            @JsonProperty("ip") String ip,
            @JsonProperty("planetary_ip") @JsonAlias("ygg_ip") String planetaryIp,
            @JsonProperty("mycelium_ip") String myceliumIp,
            @JsonProperty("console_url") String consoleUrl) implements Data {
        public ZMachineResult {
            id = Check.text("result.data.id", id);
            ip = Check.text("result.data.ip", ip);
            planetaryIp = Check.text("result.data.planetary_ip", planetaryIp);
            myceliumIp = Check.text("result.data.mycelium_ip", myceliumIp);
            consoleUrl = Check.text("result.data.console_url", consoleUrl);
        }
    }

    /**
     * What a {@code zmount} reports.
     *
     * @param volumeId the volume's id on the node
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ZMountResult(@JsonProperty("volume_id") String volumeId) implements Data {
        public ZMountResult {
            volumeId = Check.text("result.data.volume_id", volumeId);
        }
    }

    /**
     * What an {@code ip} workload reports.
     *
     * @param ip      the public IPv4 as a CIDR, or empty
     * @param ip6     the public IPv6 as a CIDR, or empty
     * @param gateway the IPv4 gateway, or empty
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PublicIpResult(
            @JsonProperty("ip") String ip,
            @JsonProperty("ip6") String ip6,
            @JsonProperty("gateway") String gateway) implements Data {
        public PublicIpResult {
            ip = Check.text("result.data.ip", ip);
            ip6 = Check.text("result.data.ip6", ip6);
            gateway = Check.text("result.data.gateway", gateway);
        }
    }

    /**
     * What a {@code gateway-name-proxy} reports.
     *
     * @param fqdn the name it serves, {@code name.<gateway domain>}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GatewayNameResult(@JsonProperty("fqdn") String fqdn) implements Data {
        public GatewayNameResult {
            fqdn = Check.text("result.data.fqdn", fqdn);
        }
    }
}

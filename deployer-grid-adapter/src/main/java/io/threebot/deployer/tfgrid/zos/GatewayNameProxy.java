package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A {@code gateway-name-proxy} workload: serves {@code name.<gateway domain>} (the name held by a name contract)
 * from the backends.
 *
 * @param name           the name, as its name contract holds it
 * @param tlsPassthrough whether TLS passes through to the backends (then backends are {@code ip:port})
 * @param backends       {@code http://ip[:port]} (or {@code ip:port} with TLS passthrough)
 * @param network        optional name of the network workload the gateway joins to reach private backends
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"name", "tls_passthrough", "backends", "network"})
public record GatewayNameProxy(
        @JsonProperty("name") String name,
        @JsonProperty("tls_passthrough") boolean tlsPassthrough,
        @JsonProperty("backends") List<String> backends,
        @JsonProperty("network") @JsonInclude(JsonInclude.Include.NON_NULL) String network)
        implements WorkloadData {
    /** The workload type, {@code gateway-name-proxy}. */
    public static final String TYPE = "gateway-name-proxy";

    public GatewayNameProxy {
        name = Check.text("data.name", name);
        backends = Check.texts("data.backends", backends);
        network = network == null ? null : Check.text("data.network", network);
    }

    @Override
    @JsonIgnore
    public String workloadType() {
        return TYPE;
    }
}

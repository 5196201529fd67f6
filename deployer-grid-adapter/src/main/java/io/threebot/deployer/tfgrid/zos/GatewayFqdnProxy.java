package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A {@code gateway-fqdn-proxy} workload: serves a domain of the user's own (pointed at the gateway) from the
 * backends.
 *
 * @param fqdn           the fully qualified domain name
 * @param tlsPassthrough whether TLS passes through to the backends (then backends are {@code ip:port})
 * @param backends       {@code http://ip[:port]} (or {@code ip:port} with TLS passthrough)
 * @param network        optional name of the network workload the gateway joins to reach private backends
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"fqdn", "tls_passthrough", "backends", "network"})
public record GatewayFqdnProxy(
        @JsonProperty("fqdn") String fqdn,
        @JsonProperty("tls_passthrough") boolean tlsPassthrough,
        @JsonProperty("backends") List<String> backends,
        @JsonProperty("network") @JsonInclude(JsonInclude.Include.NON_NULL) String network)
        implements WorkloadData {
    /** The workload type, {@code gateway-fqdn-proxy}. */
    public static final String TYPE = "gateway-fqdn-proxy";

    public GatewayFqdnProxy {
        fqdn = Check.text("data.fqdn", fqdn);
        backends = Check.texts("data.backends", backends);
        network = network == null ? null : Check.text("data.network", network);
    }

    @Override
    @JsonIgnore
    public String workloadType() {
        return TYPE;
    }
}

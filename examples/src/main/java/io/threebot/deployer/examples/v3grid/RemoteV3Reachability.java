package io.threebot.deployer.examples.v3grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.spi.ReachabilityProbe;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a 3Bot on a {@link V3GridServer} in another process answers on its address: asks the server's gateway
 * ({@code gateway http://...} it prints) whether the address's name leads to a running VM, as
 * {@link LocalV3Reachability} asks a grid in the same process. Every request has a deadline (the probe's timeout, at
 * most {@link #MAX_DEADLINE}); a failed, late, oversized or malformed answer counts as not answering, never as an
 * exception.
 */
public final class RemoteV3Reachability implements ReachabilityProbe {
    /** The longest a single question to the gateway may take, whatever timeout a caller gives. */
    public static final Duration MAX_DEADLINE = Duration.ofSeconds(10);
    private static final int MAX_BODY = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI gateway;
    private final HttpClient http;

    /**
     * A probe asking the gateway at {@code gateway}.
     *
     * @throws IllegalArgumentException when it is not an http URL with a host
     */
    public RemoteV3Reachability(URI gateway) {
        Objects.requireNonNull(gateway, "gateway");
        if (!"http".equals(gateway.getScheme()) || gateway.getHost() == null) {
            throw new IllegalArgumentException("the gateway is an http:// URL, not " + gateway);
        }
        String base = gateway.toString();
        this.gateway = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.http = HttpClient.newBuilder().connectTimeout(MAX_DEADLINE).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public boolean isReachable(URI uri, Duration timeout) {
        return route(uri, timeout).isPresent();
    }

    @Override
    public boolean containerAnswers(URI uri, String containerIp, Duration timeout) {
        return route(uri, timeout).filter(r -> r.path("ip").asText("").equals(containerIp)).isPresent();
    }

    /** Where the gateway says the address's name leads, when it leads to a running VM. */
    private Optional<JsonNode> route(URI uri, Duration timeout) {
        if (uri == null || uri.getHost() == null || timeout == null || timeout.isNegative() || timeout.isZero()) {
            return Optional.empty();
        }
        Duration deadline = timeout.compareTo(MAX_DEADLINE) < 0 ? timeout : MAX_DEADLINE;
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/names/"
                        + URLEncoder.encode(uri.getHost(), StandardCharsets.UTF_8) + "/")).timeout(deadline).GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return Optional.empty();
                }
                byte[] bytes = body.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    return Optional.empty();
                }
                JsonNode route = JSON.readTree(bytes);
                return route != null && route.isObject() ? Optional.of(route) : Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

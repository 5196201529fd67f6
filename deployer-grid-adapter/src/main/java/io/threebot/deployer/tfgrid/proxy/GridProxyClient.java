package io.threebot.deployer.tfgrid.proxy;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.TfgridNetwork;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A client of the ThreeFold Grid v3 gridproxy, the REST service that lists what is on the grid: nodes (with their
 * free resources, status, health, farm, place and public configuration), gateways, farms, twins and contracts, a page
 * at a time, filtered as the proxy allows (tfgrid-sdk-go {@code grid-proxy/docs/swagger.yaml}).
 *
 * <pre>{@code
 * GridProxyClient proxy = GridProxyClient.builder().network(TfgridNetwork.MAIN).build();
 * Page<GridNode> nodes = proxy.nodes(NodeFilter.builder().status(NodeStatus.UP).healthy(true)
 *         .availableFor(twinId).freeMru(4L << 30).build(), PageRequest.first(20).withCount());
 * }</pre>
 *
 * <p>Every call has a deadline that covers its attempts and its reading; answers longer than
 * {@code maxAnswerBytes} are abandoned as they come. Calls fail only with {@link GridProxyException}s:
 * {@link GridProxyTimeoutException} past the deadline, {@link GridProxyUnavailableException} when the proxy cannot be
 * reached, {@link GridProxyErrorException} for a non-2xx answer (with the proxy's error text), and
 * {@link GridProxyProtocolException} for an answer that is not what the API describes. A failed connection and a
 * 502, 503 or 504 are tried again (these GETs change nothing), up to {@code maxAttempts}, never past the deadline;
 * nothing else is. Bad arguments are
 * {@link InvalidInputException}s before anything is sent. Thread-safe; it holds no lock while it waits.
 */
public final class GridProxyClient {
    private final URI baseUrl;
    private final ProxyHttp http;

    private GridProxyClient(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.http = new ProxyHttp(builder.baseUrl, builder.deadline, builder.connectTimeout, builder.maxAnswerBytes,
                builder.maxAttempts, builder.retryBackoff);
    }

    /** A builder: a base URL or a network is required; the rest has defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The proxy this client asks. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** A page of the nodes that match ({@code GET /nodes}). */
    public Page<GridNode> nodes(NodeFilter filter, PageRequest page) {
        return page("/nodes", filter, page, GridNode::read);
    }

    /** A page of the gateway nodes that match ({@code GET /gateways}: nodes with a domain and a public IP). */
    public Page<GridNode> gateways(NodeFilter filter, PageRequest page) {
        return page("/gateways", filter, page, GridNode::read);
    }

    /** One node by id ({@code GET /nodes/{id}}), empty when the proxy knows none of that id (404). */
    public Optional<GridNode> node(long nodeId) {
        return one("/nodes/", "nodeId", nodeId, GridNode::read);
    }

    /** A page of the farms that match ({@code GET /farms}). */
    public Page<Farm> farms(FarmFilter filter, PageRequest page) {
        return page("/farms", filter, page, Farm::read);
    }

    /** A page of the twins that match ({@code GET /twins}). */
    public Page<GridTwin> twins(TwinFilter filter, PageRequest page) {
        return page("/twins", filter, page, GridTwin::read);
    }

    /** A page of the contracts that match ({@code GET /contracts}). */
    public Page<GridContract> contracts(ContractFilter filter, PageRequest page) {
        return page("/contracts", filter, page, GridContract::read);
    }

    /** One contract by id ({@code GET /contracts/{id}}), empty when the proxy knows none of that id (404). */
    public Optional<GridContract> contract(long contractId) {
        return one("/contracts/", "contractId", contractId, GridContract::read);
    }

    /**
     * A page of a contract's bills, newest first ({@code GET /contracts/{id}/bills}); an unknown contract is a
     * {@link GridProxyErrorException} with status 404.
     */
    public Page<ContractBill> bills(long contractId, PageRequest page) {
        if (contractId < 1) {
            throw new InvalidInputException("contractId", "contractId must be an id of 1 or more, not " + contractId);
        }
        return page("/contracts/" + contractId + "/bills", ContractFilter.any(), page, ContractBill::read);
    }

    private <T> Page<T> page(String path, ProxyFilter filter, PageRequest page, Function<JsonFields, T> reader) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(page, "page");
        Map<String, String> query = new TreeMap<>(filter.queryParameters());
        query.putAll(page.queryParameters());
        ProxyHttp.Answer answer = http.get(path, query);
        List<T> items = ProxyJson.list(answer.body(), "GET " + path, reader);
        return new Page<>(items, page, page.countTotal() ? answer.count() : Optional.empty());
    }

    private <T> Optional<T> one(String path, String field, long id, Function<JsonFields, T> reader) {
        if (id < 1) {
            throw new InvalidInputException(field, field + " must be an id of 1 or more, not " + id);
        }
        try {
            ProxyHttp.Answer answer = http.get(path + id, Map.of());
            return Optional.of(ProxyJson.one(answer.body(), "GET " + path + id, reader));
        } catch (GridProxyErrorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Configures a {@link GridProxyClient}. */
    public static final class Builder {
        private URI baseUrl;
        private Duration deadline = Duration.ofSeconds(15);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private long maxAnswerBytes = 16L << 20;
        private int maxAttempts = 3;
        private Duration retryBackoff = Duration.ofMillis(250);

        private Builder() {
        }

        /** The proxy's base URL, {@code http} or {@code https}, e.g. {@code https://gridproxy.grid.tf}. */
        public Builder baseUrl(URI url) {
            if (url == null || url.getHost() == null
                    || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                    || url.getRawQuery() != null || url.getRawFragment() != null) {
                throw new InvalidInputException("baseUrl", "the gridproxy URL must be an http or https URL with a "
                        + "host and no query: " + url);
            }
            this.baseUrl = url;
            return this;
        }

        /** The proxy's base URL as text. */
        public Builder baseUrl(String url) {
            try {
                return baseUrl(URI.create(Objects.requireNonNull(url, "url")));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("baseUrl", "not a URL: " + url);
            }
        }

        /** The network's primary gridproxy ({@link TfgridNetwork#gridproxyUrls()}). */
        public Builder network(TfgridNetwork network) {
            return baseUrl(Objects.requireNonNull(network, "network").gridproxyUrls().get(0));
        }

        /** How long a call may take in all, attempts, pauses and reading included (default 15 s). */
        public Builder deadline(Duration deadline) {
            this.deadline = positive("deadline", deadline);
            return this;
        }

        /** How long connecting may take, each attempt (default 5 s; never more than the deadline left). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive("connectTimeout", connectTimeout);
            return this;
        }

        /** The longest answer read, in bytes (default 16 MiB); a longer one is a protocol error. */
        public Builder maxAnswerBytes(long bytes) {
            if (bytes < 1024) {
                throw new InvalidInputException("maxAnswerBytes", "maxAnswerBytes must be at least 1024");
            }
            this.maxAnswerBytes = bytes;
            return this;
        }

        /** How many times a GET is tried when the proxy cannot be reached or answers 502/503/504 (default 3). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 10) {
                throw new InvalidInputException("maxAttempts", "maxAttempts must be 1 to 10");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** The pause before the second attempt, growing by as much before each next one (default 250 ms). */
        public Builder retryBackoff(Duration pause) {
            this.retryBackoff = positive("retryBackoff", pause);
            return this;
        }

        /** The client; {@link InvalidInputException} when no base URL or network was given. */
        public GridProxyClient build() {
            if (baseUrl == null) {
                throw new InvalidInputException("baseUrl", "a gridproxy URL or a network is required");
            }
            return new GridProxyClient(this);
        }

        private static Duration positive(String field, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new InvalidInputException(field, field + " must be positive");
            }
            return value;
        }
    }
}

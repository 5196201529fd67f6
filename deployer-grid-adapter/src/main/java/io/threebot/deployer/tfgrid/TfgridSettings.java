package io.threebot.deployer.tfgrid;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import io.threebot.deployer.tfgrid.rmb.RmbClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the deployer reaches a TFGrid v3 network: the network ({@link TfgridNetwork}: its substrate, relay, gridproxy,
 * GraphQL and activation endpoints, each list replaceable, e.g. by a local grid's), the operator's key
 * ({@link OperatorKey}) and the deadlines of the grid's calls. Built with {@link #builder()}, or read from the
 * environment with {@link #fromEnvironment(Map)}; {@link #tfchainClient()}, {@link #rmbClient()} and
 * {@link #gridProxyClient()} configure the v3 clients from them. {@link #toString()} never shows the secret.
 *
 * <p>There is no default network: a deployer names the one it pays on.
 */
public final class TfgridSettings {
    /** The network: {@code dev}, {@code qa}, {@code test} or {@code main}. */
    public static final String NETWORK_VARIABLE = "THREEBOT_TFGRID_NETWORK";
    /** The operator's mnemonic (or hex seed). */
    public static final String MNEMONIC_VARIABLE = "THREEBOT_TFGRID_MNEMONIC";
    /** A file of mode 600 holding the operator's mnemonic (or hex seed), in place of {@link #MNEMONIC_VARIABLE}. */
    public static final String MNEMONIC_FILE_VARIABLE = "THREEBOT_TFGRID_MNEMONIC_FILE";
    /** Substrate (tfchain) endpoints replacing the network's, separated by commas. */
    public static final String SUBSTRATE_VARIABLE = "THREEBOT_TFGRID_SUBSTRATE";
    /** RMB relay endpoints replacing the network's, separated by commas. */
    public static final String RELAY_VARIABLE = "THREEBOT_TFGRID_RELAY";
    /** Gridproxy endpoints replacing the network's, separated by commas. */
    public static final String GRIDPROXY_VARIABLE = "THREEBOT_TFGRID_GRIDPROXY";
    /** GraphQL endpoints replacing the network's, separated by commas. */
    public static final String GRAPHQL_VARIABLE = "THREEBOT_TFGRID_GRAPHQL";
    /** Activation service endpoints (the full {@code .../activation/activate} URLs) replacing the network's. */
    public static final String ACTIVATION_VARIABLE = "THREEBOT_TFGRID_ACTIVATION";

    private static final Set<String> WEBSOCKET = Set.of("ws", "wss");
    private static final Set<String> HTTP = Set.of("http", "https");

    private final TfgridNetwork network;
    private final List<URI> substrateUrls;
    private final List<URI> relayUrls;
    private final List<URI> gridproxyUrls;
    private final List<URI> graphqlUrls;
    private final List<URI> activationUrls;
    private final OperatorKey operator;
    private final Duration callTimeout;
    private final Duration inclusionTimeout;
    private final Duration rmbCallTimeout;
    private final Duration changesPollInterval;
    private final Duration changesDeadline;

    private TfgridSettings(Builder b, TfgridNetwork network, OperatorKey operator) {
        this.network = network;
        this.substrateUrls = b.substrateUrls.orElse(network.substrateUrls());
        this.relayUrls = b.relayUrls.orElse(network.relayUrls());
        this.gridproxyUrls = b.gridproxyUrls.orElse(network.gridproxyUrls());
        this.graphqlUrls = b.graphqlUrls.orElse(network.graphqlUrls());
        this.activationUrls = b.activationUrls.orElse(network.activationUrls());
        this.operator = operator;
        this.callTimeout = b.callTimeout;
        this.inclusionTimeout = b.inclusionTimeout;
        this.rmbCallTimeout = b.rmbCallTimeout;
        this.changesPollInterval = b.changesPollInterval;
        this.changesDeadline = b.changesDeadline;
    }

    /** A builder; name the network and the operator's key. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The settings the environment gives, with the default deadlines: see {@link Builder#fromEnvironment(Map)}.
     *
     * @throws InvalidInputException when the network or the operator's key is missing or invalid, or an override
     *                               is not a URL of its kind (field: the variable's name)
     */
    public static TfgridSettings fromEnvironment(Map<String, String> environment) {
        return builder().fromEnvironment(environment).build();
    }

    /** The network whose endpoints are taken unless replaced. */
    public TfgridNetwork network() {
        return network;
    }

    /** tfchain's websocket endpoints, the primary first. */
    public List<URI> substrateUrls() {
        return substrateUrls;
    }

    /** The RMB relays' websocket endpoints, the primary first. */
    public List<URI> relayUrls() {
        return relayUrls;
    }

    /** The gridproxy's endpoints, the primary first. */
    public List<URI> gridproxyUrls() {
        return gridproxyUrls;
    }

    /** The GraphQL indexer's endpoints, the primary first. */
    public List<URI> graphqlUrls() {
        return graphqlUrls;
    }

    /** The activation service's endpoints, the primary first. */
    public List<URI> activationUrls() {
        return activationUrls;
    }

    /** The operator's key: it signs the operator's extrinsics and RMB envelopes. */
    public OperatorKey operator() {
        return operator;
    }

    /** Deadline of one read: a chain query, a gridproxy or GraphQL call. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** How long a submitted extrinsic is waited for until it is in a block. */
    public Duration inclusionTimeout() {
        return inclusionTimeout;
    }

    /** Deadline of one RMB call to a node (the reply included). */
    public Duration rmbCallTimeout() {
        return rmbCallTimeout;
    }

    /**
     * The longest pause between two polls of a deployment's changes while its workloads come up: they are polled at
     * a tenth of how long the wait has lasted, from 100 ms up to this
     * ({@link io.threebot.deployer.support.PollPacing}).
     */
    public Duration changesPollInterval() {
        return changesPollInterval;
    }

    /** How long a deployment's workloads are polled before they are taken as failed. */
    public Duration changesDeadline() {
        return changesDeadline;
    }

    /**
     * A chain client's builder for the primary substrate endpoint, with the call deadline, the inclusion deadline
     * and the operator's key as signer; {@code connect()} it.
     */
    public TfchainClient.Builder tfchainClient() {
        return TfchainClient.builder(substrateUrls.get(0).toString())
                .callTimeout(callTimeout)
                .submitTimeout(inclusionTimeout)
                .signer(operator.keyPair());
    }

    /**
     * An RMB client's builder with the relays (tried in turn) and the operator's key; give it the operator's twin
     * id and a twin key lookup before {@code build()}.
     */
    public RmbClient.Builder rmbClient() {
        return RmbClient.builder().relays(relayUrls).key(operator.keyPair());
    }

    /** A gridproxy client's builder for the primary gridproxy endpoint, with the call deadline. */
    public GridProxyClient.Builder gridProxyClient() {
        return GridProxyClient.builder().baseUrl(gridproxyUrls.get(0)).deadline(callTimeout);
    }

    /** Names the network, the endpoints in use and the operator's address; never the secret. */
    @Override
    public String toString() {
        return "TfgridSettings[" + network.networkName() + ", substrate " + substrateUrls + ", relay " + relayUrls
                + ", gridproxy " + gridproxyUrls + ", graphql " + graphqlUrls + ", operator " + operator + "]";
    }

    /** Builds {@link TfgridSettings}. */
    public static final class Builder {
        private TfgridNetwork network;
        private OperatorKey operator;
        private Optional<List<URI>> substrateUrls = Optional.empty();
        private Optional<List<URI>> relayUrls = Optional.empty();
        private Optional<List<URI>> gridproxyUrls = Optional.empty();
        private Optional<List<URI>> graphqlUrls = Optional.empty();
        private Optional<List<URI>> activationUrls = Optional.empty();
        private Duration callTimeout = Duration.ofSeconds(30);
        private Duration inclusionTimeout = Duration.ofMinutes(3);
        private Duration rmbCallTimeout = Duration.ofMinutes(1);
        private Duration changesPollInterval = Duration.ofSeconds(3);
        private Duration changesDeadline = Duration.ofMinutes(4);

        private Builder() {
        }

        /** The network (required): its endpoints are taken unless replaced. */
        public Builder network(TfgridNetwork value) {
            this.network = Objects.requireNonNull(value, "network");
            return this;
        }

        /** The operator's key (required). */
        public Builder operator(OperatorKey value) {
            this.operator = Objects.requireNonNull(value, "operator");
            return this;
        }

        /**
         * tfchain endpoints ({@code ws://} or {@code wss://}) in place of the network's, e.g. a local grid's.
         *
         * @throws InvalidInputException for an empty list or another kind of URL (field {@code substrateUrls})
         */
        public Builder substrateUrls(List<URI> urls) {
            this.substrateUrls = Optional.of(checked(urls, "substrateUrls", WEBSOCKET));
            return this;
        }

        /**
         * RMB relay endpoints ({@code ws://} or {@code wss://}) in place of the network's.
         *
         * @throws InvalidInputException for an empty list or another kind of URL (field {@code relayUrls})
         */
        public Builder relayUrls(List<URI> urls) {
            this.relayUrls = Optional.of(checked(urls, "relayUrls", WEBSOCKET));
            return this;
        }

        /**
         * Gridproxy endpoints ({@code http://} or {@code https://}) in place of the network's.
         *
         * @throws InvalidInputException for an empty list or another kind of URL (field {@code gridproxyUrls})
         */
        public Builder gridproxyUrls(List<URI> urls) {
            this.gridproxyUrls = Optional.of(checked(urls, "gridproxyUrls", HTTP));
            return this;
        }

        /**
         * GraphQL endpoints ({@code http://} or {@code https://}) in place of the network's.
         *
         * @throws InvalidInputException for an empty list or another kind of URL (field {@code graphqlUrls})
         */
        public Builder graphqlUrls(List<URI> urls) {
            this.graphqlUrls = Optional.of(checked(urls, "graphqlUrls", HTTP));
            return this;
        }

        /**
         * Activation service endpoints ({@code http://} or {@code https://}) in place of the network's.
         *
         * @throws InvalidInputException for an empty list or another kind of URL (field {@code activationUrls})
         */
        public Builder activationUrls(List<URI> urls) {
            this.activationUrls = Optional.of(checked(urls, "activationUrls", HTTP));
            return this;
        }

        /** Deadline of one chain query, gridproxy or GraphQL call (default 30 s). */
        public Builder callTimeout(Duration value) {
            this.callTimeout = positive(value, "callTimeout");
            return this;
        }

        /** How long a submitted extrinsic is waited for until it is in a block (default 3 minutes). */
        public Builder inclusionTimeout(Duration value) {
            this.inclusionTimeout = positive(value, "inclusionTimeout");
            return this;
        }

        /** Deadline of one RMB call to a node (default 1 minute). */
        public Builder rmbCallTimeout(Duration value) {
            this.rmbCallTimeout = positive(value, "rmbCallTimeout");
            return this;
        }

        /**
         * The longest pause between polls of a deployment's changes (default 3 s) and how long they are polled before
         * the workloads are taken as failed (default 4 minutes, as the Go grid client waits).
         *
         * @throws InvalidInputException when either is not positive, or the pause is not shorter than the deadline
         */
        public Builder changesPolling(Duration interval, Duration deadline) {
            Duration pause = positive(interval, "changesPollInterval");
            Duration limit = positive(deadline, "changesDeadline");
            if (pause.compareTo(limit) >= 0) {
                throw new InvalidInputException("changesPollInterval", "the pause between polls of a deployment's"
                        + " changes (" + pause + ") must be shorter than their deadline (" + limit + ")");
            }
            this.changesPollInterval = pause;
            this.changesDeadline = limit;
            return this;
        }

        /**
         * Takes what the environment gives: the network from {@value #NETWORK_VARIABLE} ({@code dev}, {@code qa},
         * {@code test} or {@code main}), the operator's key from {@value #MNEMONIC_VARIABLE} or from the file that
         * {@value #MNEMONIC_FILE_VARIABLE} names (mode 600, the user's own; one of the two, not both), and endpoint
         * overrides, each a comma-separated list of URLs, from {@value #SUBSTRATE_VARIABLE},
         * {@value #RELAY_VARIABLE}, {@value #GRIDPROXY_VARIABLE}, {@value #GRAPHQL_VARIABLE} and
         * {@value #ACTIVATION_VARIABLE}.
         *
         * @throws InvalidInputException when the network or the key is missing or invalid, both key variables are
         *                               set, or an override is not a URL of its kind (field: the variable's name)
         */
        public Builder fromEnvironment(Map<String, String> environment) {
            Objects.requireNonNull(environment, "environment");
            String name = environment.get(NETWORK_VARIABLE);
            if (name == null || name.isBlank()) {
                throw new InvalidInputException(NETWORK_VARIABLE, "The environment variable " + NETWORK_VARIABLE
                        + " does not name the TFGrid network; set it to one of " + networkNames() + ".");
            }
            try {
                network(TfgridNetwork.byName(name));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(NETWORK_VARIABLE, "The environment variable " + NETWORK_VARIABLE
                        + " names no TFGrid network (\"" + name.strip() + "\"); set it to one of " + networkNames()
                        + ".");
            }
            operator(operatorFrom(environment));
            urlsFrom(environment, SUBSTRATE_VARIABLE, WEBSOCKET).ifPresent(urls -> substrateUrls = Optional.of(urls));
            urlsFrom(environment, RELAY_VARIABLE, WEBSOCKET).ifPresent(urls -> relayUrls = Optional.of(urls));
            urlsFrom(environment, GRIDPROXY_VARIABLE, HTTP).ifPresent(urls -> gridproxyUrls = Optional.of(urls));
            urlsFrom(environment, GRAPHQL_VARIABLE, HTTP).ifPresent(urls -> graphqlUrls = Optional.of(urls));
            urlsFrom(environment, ACTIVATION_VARIABLE, HTTP).ifPresent(urls -> activationUrls = Optional.of(urls));
            return this;
        }

        /**
         * The settings.
         *
         * @throws InvalidInputException when no network (field {@code network}) or no operator's key (field
         *                               {@code operator}) was given
         */
        public TfgridSettings build() {
            if (network == null) {
                throw new InvalidInputException("network", "The TFGrid network is missing: name one of "
                        + networkNames() + " (network(...) or " + NETWORK_VARIABLE + ").");
            }
            if (operator == null) {
                throw new InvalidInputException("operator", "The operator's TFGrid key is missing: set "
                        + MNEMONIC_VARIABLE + " or " + MNEMONIC_FILE_VARIABLE + ", or give operator(...).");
            }
            return new TfgridSettings(this, network, operator);
        }

        private static OperatorKey operatorFrom(Map<String, String> environment) {
            String file = environment.get(MNEMONIC_FILE_VARIABLE);
            boolean inFile = file != null && !file.isBlank();
            String phrase = environment.get(MNEMONIC_VARIABLE);
            boolean inVariable = phrase != null && !phrase.isBlank();
            if (inFile && inVariable) {
                throw new InvalidInputException(MNEMONIC_VARIABLE, "Both " + MNEMONIC_VARIABLE + " and "
                        + MNEMONIC_FILE_VARIABLE + " are set; set only one, so it is clear which key the operator"
                        + " pays with.");
            }
            if (inFile) {
                return OperatorKey.fromFile(Path.of(file.strip()));
            }
            if (!inVariable) {
                throw new InvalidInputException(MNEMONIC_VARIABLE, "The operator's TFGrid key is missing: set "
                        + MNEMONIC_VARIABLE + " to its mnemonic, or " + MNEMONIC_FILE_VARIABLE
                        + " to a file of mode 600 holding it.");
            }
            return OperatorKey.fromEnvironment(environment, MNEMONIC_VARIABLE);
        }

        private static Optional<List<URI>> urlsFrom(Map<String, String> environment, String variable,
                Set<String> schemes) {
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            List<URI> urls = new ArrayList<>();
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    urls.add(new URI(part.strip()));
                } catch (URISyntaxException e) {
                    throw new InvalidInputException(variable, "The environment variable " + variable
                            + " holds \"" + part.strip() + "\", which is not a URL.");
                }
            }
            return Optional.of(checked(urls, variable, schemes));
        }

        private static List<URI> checked(List<URI> urls, String field, Set<String> schemes) {
            if (urls == null || urls.isEmpty()) {
                throw new InvalidInputException(field, field + " needs at least one URL");
            }
            String allowed = schemes.stream().sorted().map(s -> s + "://").collect(Collectors.joining(" or "));
            for (URI url : urls) {
                boolean fits = url != null && url.getScheme() != null && url.getHost() != null
                        && schemes.contains(url.getScheme().toLowerCase(Locale.ROOT))
                        && url.getRawQuery() == null && url.getRawFragment() == null;
                if (!fits) {
                    throw new InvalidInputException(field, field + ": \"" + url + "\" is not a " + allowed
                            + " URL with a host and no query");
                }
            }
            return List.copyOf(urls);
        }

        private static Duration positive(Duration value, String field) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new InvalidInputException(field, field + " must be a positive duration");
            }
            return value;
        }

        private static String networkNames() {
            return Arrays.stream(TfgridNetwork.values()).map(TfgridNetwork::networkName)
                    .collect(Collectors.joining(", "));
        }
    }
}

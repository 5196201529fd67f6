package io.threebot.deployer.tfgrid;

import io.threebot.deployer.errors.InvalidInputException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The four public ThreeFold Grid v3 networks and their public endpoints, so a host picks a network by name. Each list
 * holds the primary endpoint first and its second instance ({@code .02.}) after it. Substrate (tfchain), relay,
 * gridproxy and GraphQL endpoints are those of tfgrid-sdk-go {@code grid-client/deployer/stacks.go} (the substrate
 * endpoints in their {@code /ws} form); the activation service's are those of tfgrid-sdk-ts
 * {@code packages/playground/scripts/build-env.sh}.
 */
public enum TfgridNetwork {
    /** The development network ({@code dev}), reset from time to time. */
    DEV("dev", "dev."),
    /** The quality-assurance network ({@code qa}). */
    QA("qa", "qa."),
    /** The test network ({@code test}): real nodes, test tokens. */
    TEST("test", "test."),
    /** The main network ({@code main}): real nodes, real TFT. */
    MAIN("main", "");

    private final String wireName;
    private final String infix;

    TfgridNetwork(String wireName, String infix) {
        this.wireName = wireName;
        this.infix = infix;
    }

    /** The network's name as the SDKs spell it: {@code dev}, {@code qa}, {@code test} or {@code main}. */
    public String networkName() {
        return wireName;
    }

    /**
     * The network of that name ({@code dev}, {@code qa}, {@code test}, {@code main}; case ignored).
     *
     * @throws InvalidInputException for any other name (field {@code network})
     */
    public static TfgridNetwork byName(String name) {
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (TfgridNetwork network : values()) {
                if (network.wireName.equals(wanted)) {
                    return network;
                }
            }
        }
        throw new InvalidInputException("network", "unknown TFGrid network \"" + name
                + "\"; one of dev, qa, test, main");
    }

    /** tfchain's websocket JSON-RPC endpoints ({@code wss://tfchain.<net>grid.tf/ws}). */
    public List<URI> substrateUrls() {
        return both("wss://tfchain.", "grid.tf/ws");
    }

    /** The RMB relay's websocket endpoints ({@code wss://relay.<net>grid.tf}). */
    public List<URI> relayUrls() {
        return both("wss://relay.", "grid.tf");
    }

    /** The gridproxy's REST endpoints ({@code https://gridproxy.<net>grid.tf}). */
    public List<URI> gridproxyUrls() {
        return both("https://gridproxy.", "grid.tf");
    }

    /** The GraphQL indexer's endpoints ({@code https://graphql.<net>grid.tf/graphql}). */
    public List<URI> graphqlUrls() {
        return both("https://graphql.", "grid.tf/graphql");
    }

    /**
     * The activation service, which deposits a little TFT on a new account
     * ({@code https://activation.<net>grid.tf/activation/activate}).
     */
    public List<URI> activationUrls() {
        return both("https://activation.", "grid.tf/activation/activate");
    }

    private List<URI> both(String scheme, String tail) {
        return List.of(URI.create(scheme + infix + tail), URI.create(scheme + "02." + infix + tail));
    }
}

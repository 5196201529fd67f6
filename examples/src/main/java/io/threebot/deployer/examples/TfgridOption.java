package io.threebot.deployer.examples;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code --tfgrid} names for the demo and the example host: a local TFGrid v3 embedded in the process
 * ({@code v3}), or a {@code V3GridServer} of one's own, given as the endpoints it printed
 * ({@code substrate=ws://...,relay=ws://...,gridproxy=http://...,gateway=http://...}).
 */
public sealed interface TfgridOption {
    /** How the option is written, for {@code --help}. */
    String USAGE = "--tfgrid v3 | --tfgrid substrate=ws://H:P,relay=ws://H:P,gridproxy=http://H:P,gateway=http://H:P";

    /** A local v3 grid started in the process, with the sample topology's funded operator. */
    record Embedded() implements TfgridOption {
    }

    /**
     * A {@code V3GridServer} in another process, by the endpoints it printed.
     *
     * @param substrate its tfchain websocket
     * @param relay     its RMB relay websocket
     * @param gridproxy its gridproxy
     * @param gateway   its gateway, which says whether a 3Bot's name leads to a running VM
     */
    record Server(URI substrate, URI relay, URI gridproxy, URI gateway) implements TfgridOption {
        /** @throws NullPointerException when an endpoint is missing */
        public Server {
            Objects.requireNonNull(substrate, "substrate");
            Objects.requireNonNull(relay, "relay");
            Objects.requireNonNull(gridproxy, "gridproxy");
            Objects.requireNonNull(gateway, "gateway");
        }

        /** The value {@link #parse} reads back to this server. */
        public String argument() {
            return "substrate=" + substrate + ",relay=" + relay + ",gridproxy=" + gridproxy + ",gateway=" + gateway;
        }
    }

    /**
     * Reads the option's value.
     *
     * @throws IllegalArgumentException saying what is wrong and how it is written, for anything else
     */
    static TfgridOption parse(String value) {
        Objects.requireNonNull(value, "value");
        if (value.strip().toLowerCase(Locale.ROOT).equals("v3")) {
            return new Embedded();
        }
        if (!value.contains("=")) {
            throw new IllegalArgumentException("--tfgrid must be v3 (a local TFGrid v3 in this process) or the "
                    + "endpoints a V3GridServer printed, e.g. substrate=ws://127.0.0.1:9944,relay=ws://127.0.0.1:"
                    + "9945,gridproxy=http://127.0.0.1:9946,gateway=http://127.0.0.1:9947; not " + value);
        }
        Map<String, URI> endpoints = new LinkedHashMap<>();
        for (String part : value.split(",", -1)) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.strip() : part.substring(0, eq).strip();
            if (eq < 0 || !List.of("substrate", "relay", "gridproxy", "gateway").contains(key)) {
                throw new IllegalArgumentException("--tfgrid takes substrate=, relay=, gridproxy= and gateway=, "
                        + "separated by commas; '" + part + "' is none of them");
            }
            if (endpoints.containsKey(key)) {
                throw new IllegalArgumentException("--tfgrid names " + key + "= twice");
            }
            boolean websocket = key.equals("substrate") || key.equals("relay");
            endpoints.put(key, url(key, part.substring(eq + 1).strip(), websocket ? "ws" : "http"));
        }
        for (String key : List.of("substrate", "relay", "gridproxy", "gateway")) {
            if (!endpoints.containsKey(key)) {
                throw new IllegalArgumentException("--tfgrid lacks " + key + "=: give all four endpoints the "
                        + "V3GridServer printed (substrate, relay, gridproxy, gateway)");
            }
        }
        return new Server(endpoints.get("substrate"), endpoints.get("relay"), endpoints.get("gridproxy"),
                endpoints.get("gateway"));
    }

    private static URI url(String key, String value, String scheme) {
        try {
            URI uri = new URI(value);
            if (scheme.equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new IllegalArgumentException("--tfgrid " + key + "= must be a " + scheme + "://HOST:PORT URL, not '"
                + value + "'");
    }
}

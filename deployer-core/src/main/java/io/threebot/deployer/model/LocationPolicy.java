package io.threebot.deployer.model;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a 3Bot may run: anywhere with room ({@link Automatic}), on a continent, on a farm, or on one node. Written as
 * text {@code automatic}, {@code continent:NAME}, {@code farm:NAME} or {@code node:ID} (see {@link #parse}).
 */
public sealed interface LocationPolicy {

    /** Any farm with room; the deployer chooses. */
    record Automatic() implements LocationPolicy {
        @Override
        public String toString() {
            return "automatic";
        }
    }

    /** A farm on this continent (e.g. {@code Europe}). */
    record InContinent(String continent) implements LocationPolicy {
        public InContinent {
            continent = requireText(continent, "continent");
        }

        @Override
        public String toString() {
            return "continent:" + continent;
        }
    }

    /** This farm, by name. */
    record OnFarm(String farm) implements LocationPolicy {
        public OnFarm {
            farm = requireText(farm, "farm");
        }

        @Override
        public String toString() {
            return "farm:" + farm;
        }
    }

    /** This node, by id. */
    record OnNode(String nodeId) implements LocationPolicy {
        public OnNode {
            nodeId = requireText(nodeId, "nodeId");
        }

        @Override
        public String toString() {
            return "node:" + nodeId;
        }
    }

    static LocationPolicy automatic() {
        return new Automatic();
    }

    static LocationPolicy continent(String name) {
        return new InContinent(name);
    }

    static LocationPolicy farm(String name) {
        return new OnFarm(name);
    }

    static LocationPolicy node(String nodeId) {
        return new OnNode(nodeId);
    }

    /**
     * Reads {@code automatic}, {@code continent:NAME}, {@code farm:NAME} or {@code node:ID} (the kind in any case).
     *
     * @throws IllegalArgumentException naming what was expected
     */
    static LocationPolicy parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.strip().split(":", 2);
        String kind = parts[0].toLowerCase(Locale.ROOT);
        String argument = parts.length > 1 ? parts[1].strip() : "";
        if (kind.equals("automatic") && parts.length == 1) {
            return automatic();
        }
        if (argument.isEmpty() && (kind.equals("continent") || kind.equals("farm") || kind.equals("node"))) {
            throw new IllegalArgumentException("location '" + text + "' needs a name after the colon");
        }
        return switch (kind) {
            case "continent" -> continent(argument);
            case "farm" -> farm(argument);
            case "node" -> node(argument);
            default -> throw new IllegalArgumentException("a location is automatic, continent:NAME, farm:NAME or "
                    + "node:ID, not '" + text + "'");
        };
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > 128) {
            throw new IllegalArgumentException(name + " must be 1 to 128 characters");
        }
        return value.strip();
    }
}

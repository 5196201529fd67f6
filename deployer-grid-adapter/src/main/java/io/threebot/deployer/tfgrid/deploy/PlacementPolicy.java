package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.errors.InvalidInputException;

/**
 * Where a 3Bot may run, as the deploy chat asks it: anywhere, on a continent, in a farm or on one node. Every policy
 * takes only nodes that are up, healthy, available to the 3Bot's twin and with enough free resources.
 */
public sealed interface PlacementPolicy {
    /** Any node that fits. */
    record Automatic() implements PlacementPolicy {
    }

    /**
     * A node on this continent, as gridproxy names regions ({@code Europe}, {@code North America}, ...).
     *
     * @param name the continent
     */
    record Continent(String name) implements PlacementPolicy {
        /** @throws InvalidInputException when the name is blank */
        public Continent {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("continent", "a continent is named");
            }
        }
    }

    /**
     * A node of the farm of this name.
     *
     * @param name the farm's name
     */
    record Farm(String name) implements PlacementPolicy {
        /** @throws InvalidInputException when the name is blank */
        public Farm {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("farm", "a farm is named");
            }
        }
    }

    /**
     * This node only.
     *
     * @param nodeId the node's id on tfchain
     */
    record Node(long nodeId) implements PlacementPolicy {
        /** @throws InvalidInputException when the id is not positive */
        public Node {
            if (nodeId < 1) {
                throw new InvalidInputException("node", "a node id is 1 or more, not " + nodeId);
            }
        }
    }

    /** Any node. */
    static PlacementPolicy automatic() {
        return new Automatic();
    }
}

package io.threebot.deployer.tfgrid.hosting;

import java.util.Objects;

/**
 * Where a resize's or move's new VM may go when the node planned for it refuses it for capacity, kept in the change's
 * plan: for a resize, another node of the 3Bot's own farm; for a move, another node of the farms the user chose (a node
 * the user chose is not left).
 *
 * @param resize whether the change is a resize (the 3Bot was to stay on its node)
 * @param where  the farms (or the one node) the new VM may go to
 */
record ChangeScope(boolean resize, PlacementChoice where) {
    ChangeScope {
        Objects.requireNonNull(where, "where");
    }
}

package io.threebot.deployer.tfgrid.hosting;

import java.util.List;
import java.util.Optional;

/**
 * Where the user let a 3Bot go, kept in its plan so that a VM its node refuses for capacity is placed again only
 * there: one node (then nowhere else), the farms named (in the order given), or anywhere when neither is.
 *
 * @param farmIds the farms, in order; empty for anywhere
 * @param nodeId  the one node, when the user chose it
 */
record PlacementChoice(List<Long> farmIds, Optional<Long> nodeId) {
    PlacementChoice {
        farmIds = List.copyOf(farmIds);
    }
}

package io.threebot.deployer;

import io.threebot.deployer.internal.flows.MaintenanceFlows;
import io.threebot.deployer.internal.flows.ThreebotDeployFlow;

/** The chats a host offers its users. */
public enum Flow {
    /** Deploy a new 3Bot. */
    DEPLOY(ThreebotDeployFlow.ID),
    /** Start or restart a 3Bot, buying days if its pool needs them. */
    RESTART(MaintenanceFlows.RESTART),
    /** Run a 3Bot at another size. */
    CHANGE_SIZE(MaintenanceFlows.CHANGE_SIZE),
    /** Move a 3Bot elsewhere: any farm with room, a continent, a farm or a node. */
    CHANGE_LOCATION(MaintenanceFlows.CHANGE_LOCATION),
    /** Buy more days for a 3Bot. */
    EXTEND(MaintenanceFlows.EXTEND);

    private final String id;

    Flow(String id) {
        this.id = id;
    }

    /** The flow's id in stored sessions and on the wire. */
    public String id() {
        return id;
    }
}

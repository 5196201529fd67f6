package io.threebot.deployer;

import io.threebot.deployer.internal.lifecycle.ThreebotService;

/** What the core's own tests reach behind the facade, and hosts cannot. */
public final class Internals {
    private Internals() {
    }

    /** The deployer's lifecycle service, which takes the owner as a string. */
    public static ThreebotService lifecycle(ThreebotDeployer deployer) {
        return deployer.lifecycle();
    }
}

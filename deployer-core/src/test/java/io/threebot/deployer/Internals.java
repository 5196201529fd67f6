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

    /** How many chats' long steps wait for their next run without a thread. */
    public static int pausedSteps(ThreebotDeployer deployer) {
        return deployer.pausedSteps();
    }

    /** The owner's 3Bots as stored, password hashes and all, where a host sees views. */
    public static java.util.List<io.threebot.deployer.model.Threebot> storedThreebots(ThreebotDeployer deployer,
                                                                                      String principal) {
        return deployer.storedThreebots(principal);
    }
}

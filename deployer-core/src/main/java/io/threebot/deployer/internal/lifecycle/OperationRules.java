package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import java.util.function.Predicate;

/** What an operation requires of a 3Bot before it begins, and the names it finds the 3Bot's parts by. */
final class OperationRules {
    /** Every state but destroyed. */
    static final Predicate<ThreebotState> NOT_DELETED = state -> state != ThreebotState.DELETED;

    private OperationRules() {
    }

    /**
     * Refuses an operation on a 3Bot in a state that does not allow it, saying why.
     *
     * @throws InvalidStateException when {@code allowed} refuses the 3Bot's state
     */
    static void requireState(Threebot threebot, Predicate<ThreebotState> allowed, String operation) {
        if (!allowed.test(threebot.state())) {
            String why = switch (threebot.state()) {
                case DELETED -> "it was destroyed; deploy a new 3Bot instead";
                case STOPPED -> "it is stopped already";
                case RUNNING -> "it is running; stop it first";
                case ERROR -> "it is in error; restart it instead";
            };
            throw new InvalidStateException("3Bot '" + threebot.name() + "' cannot " + operation + ": " + why + ".");
        }
    }

    /**
     * Refuses a change of size to the size the 3Bot has.
     *
     * @throws InvalidStateException when the 3Bot is of that size already
     */
    static void requireOtherSize(Threebot threebot, Flavor flavor) {
        if (flavor == threebot.flavor()) {
            throw new InvalidStateException("3Bot '" + threebot.name() + "' is " + flavor.displayName()
                    + " already.");
        }
    }

    /** The farm the 3Bot runs on, as a farm to deploy it on again. */
    static EligibleFarm sameFarm(Threebot threebot) {
        return new EligibleFarm(threebot.farmId(), threebot.farmName(), threebot.continent());
    }

    /** The id of the deployment journal of the 3Bot's current deployment. */
    static String deploymentOf(Threebot threebot) {
        return threebot.deploymentId().isEmpty() ? threebot.uuid() : threebot.deploymentId();
    }
}

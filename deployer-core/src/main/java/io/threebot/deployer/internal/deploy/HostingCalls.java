package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.errors.DeployerException;
import java.util.function.Function;

/**
 * Runs a call to a hosting grid (TFGrid v3) that may wait, turning its interruption into the project's typed error:
 * the thread stays marked interrupted and the caller's exception says what was left undone, so a deployment step
 * and an owner's operation end alike at shutdown.
 */
public final class HostingCalls {
    private HostingCalls() {
    }

    /** A call that may wait and be interrupted. */
    @FunctionalInterface
    public interface Call<T> {
        /**
         * Makes the call.
         *
         * @throws InterruptedException when the thread is interrupted while it waits
         */
        T call() throws InterruptedException;
    }

    /**
     * The call's result.
     *
     * @param interrupted what the caller throws when the call is interrupted (given the interruption as cause)
     * @throws DeployerException what {@code interrupted} made of an interruption; the thread stays interrupted
     */
    public static <T> T interruptible(Call<T> call, Function<InterruptedException, ? extends DeployerException>
            interrupted) {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted.apply(e);
        }
    }
}

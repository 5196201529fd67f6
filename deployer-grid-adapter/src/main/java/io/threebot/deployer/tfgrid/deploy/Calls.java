package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.grid.GridUnavailableException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for an asynchronous grid call within its deadline, turning its failure into a typed exception. */
final class Calls {
    /** Time given past a call's own deadline for its failure to arrive. */
    private static final long GRACE_MILLIS = 2_000;

    private Calls() {
    }

    /**
     * The call's result.
     *
     * @throws DeployerException         the call's own typed failure
     * @throws GridUnavailableException  when it neither succeeded nor failed within its deadline, or failed untyped
     */
    static <T> T await(CompletableFuture<T> call, Duration deadline, String what) throws InterruptedException {
        try {
            return call.get(deadline.toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeployerException d) {
                throw d;
            }
            throw new GridUnavailableException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException | CancellationException e) {
            call.cancel(true);
            throw new GridUnavailableException(what + " got no answer within " + deadline.toSeconds() + " s", e);
        }
    }
}

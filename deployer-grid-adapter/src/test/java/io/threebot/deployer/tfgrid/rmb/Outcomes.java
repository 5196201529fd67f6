package io.threebot.deployer.tfgrid.rmb;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** How the RMB and zos tests wait for a call: its value, or the typed failure it ended with (within 30 s). */
public final class Outcomes {
    private Outcomes() {
    }

    /** The call's value. */
    public static <T> T done(CompletableFuture<T> call) {
        return call.orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** The exception the call failed with (unwrapped); an AssertionError when it succeeded. */
    public static Throwable failure(CompletableFuture<?> call) {
        try {
            done(call);
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }
}

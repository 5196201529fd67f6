package io.threebot.deployer.internal.grid;

import io.threebot.deployer.errors.DeployerException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for futures and rethrows what they failed with, unwrapped. */
public final class Futures {
    private Futures() {
    }

    public static <T> T await(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (CancellationException e) {
            throw new DeployerException("the operation was cancelled", e);
        }
    }

    /** Completes once every future completed, or fails with the first failure as soon as one fails. */
    public static CompletableFuture<Void> allOrFirstFailure(List<? extends CompletableFuture<?>> futures) {
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        for (CompletableFuture<?> future : futures) {
            future.whenComplete((value, failure) -> {
                if (failure != null) {
                    firstFailure.completeExceptionally(failure);
                }
            });
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .whenComplete((value, failure) -> firstFailure.complete(null));
        return firstFailure;
    }

    private static RuntimeException rethrow(Throwable cause) {
        Throwable root = cause;
        while ((root instanceof CompletionException || root instanceof ExecutionException) && root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof RuntimeException runtime) {
            return runtime;
        }
        if (root instanceof Error error) {
            throw error;
        }
        return new DeployerException(root.getMessage(), root);
    }
}

package io.threebot.deployer.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An answer's body read into memory up to a cap and a deadline: a longer one (by its {@code Content-Length}, or as
 * its bytes come) is abandoned at once, the connection's reading cancelled, and the answer fails with
 * {@link TooLong}; one not whole by the deadline is abandoned the same way and fails with an
 * {@link HttpTimeoutException}. Nothing is read beyond the cap plus one buffer.
 *
 * <p>The deadline lets a caller use {@link java.net.http.HttpClient#send}, whose request timeout ends when the
 * answer's headers arrive, and still bound the whole answer: {@code sendAsync} bounds it too, but completes each
 * answer on a new thread when the JVM's common pool has a single thread (two cores or fewer).
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body is longer than the cap. */
    public static final class TooLong extends IOException {
        TooLong(long cap) {
            super("the answer is longer than " + cap + " bytes");
        }
    }

    private final long cap;
    private final long deadline;
    private final OptionalLong declared;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private BoundedBody(long cap, long deadline, OptionalLong declared) {
        this.cap = cap;
        this.deadline = deadline;
        this.declared = declared;
    }

    /**
     * A handler whose bodies are capped at {@code cap} bytes and must be whole by {@code deadline} (a
     * {@link System#nanoTime()} value).
     */
    public static HttpResponse.BodyHandler<byte[]> handler(long cap, long deadline) {
        return info -> new BoundedBody(cap, deadline, info.headers().firstValueAsLong("content-length"));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declared.isPresent() && declared.getAsLong() > cap) {
            subscription.cancel();
            result.completeExceptionally(new TooLong(cap));
            return;
        }
        // the timer fires on the JDK's delay thread; the body whole, it is completed and its timeout cancelled
        CompletableFuture<Void> timer = new CompletableFuture<>();
        timer.orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).whenComplete((v, e) -> {
            if (e instanceof TimeoutException
                    && result.completeExceptionally(new HttpTimeoutException("the answer was not whole in time"))) {
                subscription.cancel();
            }
        });
        result.whenComplete((b, e) -> timer.complete(null));
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (bytes.size() + (long) buffer.remaining() > cap) {
                subscription.cancel();
                result.completeExceptionally(new TooLong(cap));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }
}

package io.threebot.deployer.tfgrid.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer's body read into memory up to a cap: a longer one (by its {@code Content-Length}, or as its bytes come)
 * is abandoned at once, the connection's reading cancelled, and the answer fails with {@link TooLong}. Nothing is
 * read beyond the cap plus one buffer.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body is longer than the cap. */
    static final class TooLong extends IOException {
        TooLong(long cap) {
            super("the answer is longer than " + cap + " bytes");
        }
    }

    private final long cap;
    private final OptionalLong declared;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private CappedBody(long cap, OptionalLong declared) {
        this.cap = cap;
        this.declared = declared;
    }

    /** A handler whose bodies are capped at {@code cap} bytes. */
    static HttpResponse.BodyHandler<byte[]> handler(long cap) {
        return info -> new CappedBody(cap, info.headers().firstValueAsLong("content-length"));
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

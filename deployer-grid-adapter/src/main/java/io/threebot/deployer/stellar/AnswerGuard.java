package io.threebot.deployer.stellar;

import java.io.IOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Stands between the SDK and Horizon's answers: a 429 becomes {@link RateLimited} with its {@code Retry-After}
 * (the SDK's submission would drop the header), and an answer larger than the limit becomes {@link Oversized}
 * before the SDK reads it into memory. Event streams pass untouched (they are read event by event).
 */
final class AnswerGuard implements Interceptor {
    /** Horizon answered 429. */
    static final class RateLimited extends IOException {
        private static final long serialVersionUID = 1L;
        final transient Duration retryAfter;

        RateLimited(Duration retryAfter) {
            super("Horizon answered 429 Too Many Requests");
            this.retryAfter = retryAfter;
        }
    }

    /** Horizon's answer was larger than the limit. */
    static final class Oversized extends IOException {
        private static final long serialVersionUID = 1L;

        Oversized(long limit) {
            super("Horizon's answer is larger than " + limit + " bytes");
        }
    }

    private final long maxBytes;

    AnswerGuard(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.code() == 429) {
            Duration retryAfter = retryAfter(response.header("Retry-After"));
            response.close();
            throw new RateLimited(retryAfter);
        }
        ResponseBody body = response.body();
        if (body == null) {
            return response;
        }
        MediaType type = body.contentType();
        if (type != null && "event-stream".equals(type.subtype())) {
            return response;
        }
        if (body.contentLength() > maxBytes) {
            response.close();
            throw new Oversized(maxBytes);
        }
        BufferedSource source = body.source();
        if (source.request(maxBytes + 1)) {
            response.close();
            throw new Oversized(maxBytes);
        }
        return response;
    }

    /** Seconds, as Horizon sends them; null when absent or not a number of seconds. */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 || seconds > 86_400 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

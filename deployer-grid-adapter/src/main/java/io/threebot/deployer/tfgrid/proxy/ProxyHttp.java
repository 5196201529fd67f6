package io.threebot.deployer.tfgrid.proxy;

import io.threebot.deployer.internal.http.BoundedBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gridproxy GET within its deadline: the deadline covers every attempt, the wait between them and the reading of
 * the body; the body is capped; a refused or reset connection and a 502, 503 or 504 are tried again (a GET changes
 * nothing) up to the attempts allowed, a little later each time, never past the deadline. Anything else fails at once
 * with its typed exception. No lock is held; the waiting thread is the caller's.
 */
final class ProxyHttp {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyHttp.class);

    /** A 2xx answer: its body and its {@code count} header, when there was one. */
    record Answer(byte[] body, Optional<Long> count) {
    }

    /** A failure worth another attempt, with what to throw when there is none. */
    private static final class Retryable extends Exception {
        private final GridProxyException failure;

        Retryable(GridProxyException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    private final String base;
    private final Duration deadline;
    private final long maxBytes;
    private final int maxAttempts;
    private final Duration backoff;
    private final HttpClient client;

    ProxyHttp(URI baseUrl, Duration deadline, Duration connectTimeout, long maxBytes, int maxAttempts,
              Duration backoff) {
        String text = baseUrl.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.deadline = deadline;
        this.maxBytes = maxBytes;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** GETs {@code path} with the query; {@code what} names it in messages (e.g. {@code GET /nodes}). */
    Answer get(String path, Map<String, String> query) {
        String what = "GET " + path;
        URI uri = URI.create(base + path + (query.isEmpty() ? "" : "?" + QueryParams.encode(query)));
        long end = System.nanoTime() + deadline.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(uri, what, end);
            } catch (Retryable e) {
                Duration pause = backoff.multipliedBy(attempt);
                if (attempt >= maxAttempts || System.nanoTime() + pause.toNanos() >= end) {
                    throw e.failure;
                }
                LOG.debug("{} failed ({}); attempt {} of {} in {} ms", what, e.getMessage(), attempt + 1,
                        maxAttempts, pause.toMillis());
                sleep(pause, what);
            }
        }
    }

    private Answer attempt(URI uri, String what, long end) throws Retryable {
        long left = end - System.nanoTime();
        if (left <= 0) {
            throw timeout(what);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofNanos(left))
                .header("Accept", "application/json").build();
        HttpResponse<byte[]> response;
        try {
            // send, not sendAsync: the body's own deadline bounds the whole answer without a thread per answer
            response = client.send(request, BoundedBody.handler(maxBytes, end));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // send cancelled the exchange
            throw new GridProxyUnavailableException(what + " was interrupted");
        } catch (IOException e) {
            GridProxyException failure = failed(what, e);
            if (failure.getClass() == GridProxyUnavailableException.class
                    && failure.getCause() instanceof IOException) {
                throw new Retryable(failure);
            }
            throw failure;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Answer(response.body(), count(response, what));
        }
        GridProxyErrorException refused = new GridProxyErrorException(what, status,
                ProxyJson.errorText(response.body()), retryAfter(response).orElse(null));
        if (status == 502 || status == 503 || status == 504) {
            throw new Retryable(refused);
        }
        throw refused;
    }

    private GridProxyTimeoutException timeout(String what) {
        return new GridProxyTimeoutException(what + " got no whole answer within " + deadline.toMillis() + " ms",
                deadline);
    }

    /** What a failed exchange means: an oversized body, the deadline, or a connection worth another attempt. */
    private GridProxyException failed(String what, IOException cause) {
        for (Throwable error = cause; error != null; error = error.getCause()) {
            if (error instanceof BoundedBody.TooLong) {
                return new GridProxyProtocolException("the gridproxy answered " + what + " with more than " + maxBytes
                        + " bytes");
            }
        }
        if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
            return timeout(what);
        }
        return new GridProxyUnavailableException("the gridproxy could not be reached for " + what + ": "
                + cause.getClass().getSimpleName(), cause);
    }

    private static Optional<Long> count(HttpResponse<?> response, String what) {
        Optional<String> header = response.headers().firstValue("count");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            long count = Long.parseLong(header.get().strip());
            if (count >= 0) {
                return Optional.of(count);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new GridProxyProtocolException("the gridproxy answered " + what + " with a count header that is not "
                + "a count");
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("retry-after").map(String::strip).map(Long::parseLong)
                    .filter(seconds -> seconds >= 0 && seconds <= 86_400).map(Duration::ofSeconds);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void sleep(Duration pause, String what) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridProxyUnavailableException(what + " was interrupted");
        }
    }
}

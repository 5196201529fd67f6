package io.threebot.deployer.explorer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import io.threebot.deployer.grid.GridConflictException;
import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.grid.GridNotFoundException;
import io.threebot.deployer.grid.GridPaymentRequiredException;
import io.threebot.deployer.grid.GridUnauthorizedException;
import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.internal.http.BoundedBody;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.spi.GridIdentity;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One explorer request: signed, timed out, retried as the settings say, and its answer mapped to JSON or to a
 * typed error. Log lines and error messages name the method and path, never headers or bodies sent.
 */
final class ExplorerHttp {
    private static final Logger LOG = LoggerFactory.getLogger(ExplorerHttp.class);

    /** An answer: its status, its {@code Pages} header and its JSON body. */
    record Answer(int status, int pages, JsonNode body) {
    }

    private final ExplorerSettings settings;
    private final HttpClient client;

    ExplorerHttp(ExplorerSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Answer get(String path) {
        return send("GET", path, Optional.empty(), false, settings.reader(), true);
    }

    /** A JSON write, signed by {@code signer} when given. */
    Answer post(String path, String json, Optional<GridIdentity> signer) {
        return send("POST", path, Optional.of(json), true, signer, false);
    }

    /** A write whose body the explorer decodes itself (sent without a JSON content type). */
    Answer postRaw(String path, String body, Optional<GridIdentity> signer) {
        return send("POST", path, Optional.of(body), false, signer, false);
    }

    private Answer send(String method, String path, Optional<String> body, boolean json,
                        Optional<GridIdentity> signer, boolean idempotent) {
        URI uri = URI.create(settings.baseUrl() + path);
        try {
            HttpResponse<String> response = Failsafe.with(retryPolicy(method, path, idempotent))
                    .get(() -> exchange(request(method, uri, body, json, signer), idempotent));
            return answer(method, path, response);
        } catch (FailsafeException e) {
            throw unavailable(method, path, e.getCause() == null ? e : e.getCause());
        }
    }

    /**
     * When to try again (Failsafe): a refused connection always, since the explorer did nothing; a 5xx answer, a
     * timeout or a broken connection only for reads, since a write may have been acted on. Exponential backoff from
     * {@code backoff} with jitter, at most {@code retries} more tries, and an overall budget of all tries' timeouts.
     */
    private RetryPolicy<HttpResponse<String>> retryPolicy(String method, String path, boolean idempotent) {
        RetryPolicyBuilder<HttpResponse<String>> policy = RetryPolicy.<HttpResponse<String>>builder()
                .handleIf((response, failure) -> failure instanceof ConnectException
                        || idempotent && (failure instanceof IOException
                        || failure == null && response != null && response.statusCode() >= 500))
                .withMaxRetries(settings.retries())
                .withMaxDuration(settings.requestTimeout().plus(settings.backoff())
                        .multipliedBy(2 * (settings.retries() + 1L)))
                .onRetry(e -> LOG.debug("{} {} failed ({}); trying again", method, path,
                        e.getLastException() != null ? e.getLastException().toString()
                                : "status " + e.getLastResult().statusCode()));
        Duration backoff = settings.backoff();
        if (!backoff.isZero() && !backoff.isNegative()) {
            Duration cap = backoff.multipliedBy(1L << Math.min(settings.retries() + 1, 16));
            policy.withBackoff(backoff, cap).withJitter(0.25);
        }
        return policy.build();
    }

    private GridUnavailableException unavailable(String method, String path, Throwable failure) {
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new GridUnavailableException("interrupted while calling the explorer", failure);
        }
        if (failure instanceof HttpTimeoutException) {
            return new GridUnavailableException("the explorer did not answer " + method + " " + path + " within "
                    + settings.requestTimeout().toMillis() + " ms", failure);
        }
        if (failure instanceof ConnectException) {
            return new GridUnavailableException("the explorer at " + settings.baseUrl() + " cannot be reached",
                    failure);
        }
        return new GridUnavailableException("the connection to the explorer failed during " + method + " " + path
                + ": " + failure.getMessage(), failure);
    }

    /**
     * Sends and reads the whole answer within the request timeout. The JDK client's own timeout stops at the
     * response headers, so the body has a deadline of its own ({@link BoundedBody}); a body cut short would otherwise
     * hang forever.
     *
     * <p>An interrupt stops a read at once. A write goes on to its answer (within the same deadline) and the interrupt
     * is kept: the request may be on its way already, and the caller must learn what it made (a workload's id, say)
     * to undo it, rather than have the explorer make it unseen a moment later. Reads go through {@code send}, which
     * the interrupt cancels; writes through {@code sendAsync}, which completes each answer on a new thread when the
     * JVM's common pool has one thread (two cores or fewer), a cost paid by writes alone.
     */
    private HttpResponse<String> exchange(HttpRequest request, boolean idempotent)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        HttpResponse.BodyHandler<String> handler = info -> HttpResponse.BodySubscribers.mapping(
                BoundedBody.handler(Long.MAX_VALUE, deadline).apply(info),
                bytes -> new String(bytes, StandardCharsets.UTF_8));
        if (idempotent) {
            return client.send(request, handler);
        }
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, handler);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true; // a write: its answer says what it made
                }
            }
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete answer in time");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "the request failed" : cause.getMessage(), cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private HttpRequest request(String method, URI uri, Optional<String> body, boolean json,
                                Optional<GridIdentity> signer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header("Accept", "application/json");
        signer.ifPresent(identity -> {
            HttpSignature signature = HttpSignature.sign(identity.keys(), identity.tid(), settings.clock().instant());
            builder.header("Date", signature.date()).header("Authorization", signature.authorization())
                    .header("threebot-id", signature.threebotId());
        });
        if (json) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, body.map(HttpRequest.BodyPublishers::ofString)
                .orElse(HttpRequest.BodyPublishers.noBody()));
        return builder.build();
    }

    private static Answer answer(String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        Optional<JsonNode> parsed = parse(response.body());
        if (status >= 200 && status < 300) {
            if (parsed.isEmpty()) {
                throw new ExplorerProtocolException("the explorer answered " + method + " " + path + " with "
                        + describe(contentType, response.body()) + " instead of JSON");
            }
            int pages = response.headers().firstValue("Pages").map(ExplorerHttp::integer).orElse(0);
            return new Answer(status, pages, parsed.get());
        }
        String reason = parsed.map(n -> n.path("error").asText("")).filter(s -> !s.isBlank())
                .orElse(describe(contentType, response.body()));
        String message = "the explorer refused " + method + " " + path + " (" + status + "): " + reason;
        throw switch (status) {
            case 401, 403 -> new GridUnauthorizedException(message);
            case 402 -> new GridPaymentRequiredException(message);
            case 404 -> new GridNotFoundException(message);
            case 409 -> new GridConflictException(message);
            default -> status >= 500 ? new GridUnavailableException(message) : new GridException(message);
        };
    }

    private static Optional<JsonNode> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String describe(String contentType, String body) {
        String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "an empty body";
        }
        String kind = contentType.contains("html") || text.startsWith("<") ? "an HTML page" : "a "
                + (contentType.isBlank() ? "text" : contentType) + " body";
        return kind + " starting '" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "'";
    }

    private static int integer(String header) {
        try {
            return Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            throw new ExplorerProtocolException("the explorer's Pages header is not a number: " + header);
        }
    }
}

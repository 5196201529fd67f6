package io.threebot.deployer.tfgrid.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client's connection to its node, opened again when it was lost: one connection at a time, opened by the first
 * caller that finds none (the others wait for it, each within its own deadline; no lock is held while connecting).
 * {@link #read} calls a method that changes nothing and, when the connection is lost under it or stops answering (a
 * half-open socket, a stalled peer), calls it once more on a new connection within the same deadline; anything that
 * could pay is called on {@link #connection} and never repeated.
 */
final class ChainConnections implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChainConnections.class);
    private final URI url;
    private final HttpClient http;
    private final Duration connectTimeout;
    private final int maxMessageChars;
    private final AtomicReference<CompletableFuture<JsonRpcConnection>> current = new AtomicReference<>();
    private volatile boolean closed;

    ChainConnections(URI url, Duration connectTimeout, int maxMessageChars) {
        this.url = url;
        this.connectTimeout = connectTimeout;
        this.maxMessageChars = maxMessageChars;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    URI url() {
        return url;
    }

    /**
     * Calls a read-only method, on a new connection once more when the connection is lost meanwhile.
     *
     * @throws ChainException as {@link JsonRpcConnection#call}
     */
    JsonNode read(String method, List<?> params, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ChainException lost = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            JsonRpcConnection connection = connection(remaining(deadline));
            // the first attempt leaves half the time to a second one, on a new connection if this one stops answering
            Duration budget = attempt == 0 ? remaining(deadline).dividedBy(2) : remaining(deadline);
            try {
                return connection.call(method, params, budget);
            } catch (ChainConnectionException e) {
                lost = e;
            } catch (ChainTimeoutException e) {
                lost = e;
                if (attempt == 0) {
                    LOG.warn("the chain node at {} did not answer {} within {} ms; reading again on a new connection",
                            url, method, budget.toMillis());
                    replace(connection);
                }
            }
            if (closed || remaining(deadline).isZero()) {
                break;
            }
        }
        if (lost instanceof ChainTimeoutException) {
            throw new ChainTimeoutException("the chain node at " + url + " did not answer " + method + " within "
                    + timeout.toMillis() + " ms (on two connections)");
        }
        throw (ChainConnectionException) lost;
    }

    /** Drops a connection that stopped answering: the next caller opens a new one; calls waiting on it fail. */
    private void replace(JsonRpcConnection stalled) {
        CompletableFuture<JsonRpcConnection> seen = current.get();
        if (seen != null && seen.isDone() && !seen.isCompletedExceptionally() && seen.join() == stalled) {
            current.compareAndSet(seen, null);
        }
        stalled.close();
    }

    /**
     * The open connection, or a new one.
     *
     * @throws ChainTimeoutException    when none is open before the deadline
     * @throws ChainConnectionException when the node cannot be reached or the client is closed
     */
    JsonRpcConnection connection(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (closed) {
                throw new ChainConnectionException("the tfchain client for " + url + " is closed");
            }
            CompletableFuture<JsonRpcConnection> seen = current.get();
            if (seen != null && seen.isDone() && !seen.isCompletedExceptionally() && seen.join().isOpen()) {
                return seen.join();
            }
            if (seen == null || seen.isDone()) {
                CompletableFuture<JsonRpcConnection> mine = new CompletableFuture<>();
                if (current.compareAndSet(seen, mine)) {
                    return open(mine, deadline);
                }
                continue;
            }
            await(seen, deadline);
        }
    }

    private JsonRpcConnection open(CompletableFuture<JsonRpcConnection> mine, long deadline) {
        Duration budget = remaining(deadline);
        try {
            JsonRpcConnection connection = JsonRpcConnection.open(http, url,
                    budget.compareTo(connectTimeout) < 0 ? budget : connectTimeout, maxMessageChars);
            mine.complete(connection);
            if (closed) {
                connection.close();
            }
            return connection;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            current.compareAndSet(mine, null);
            throw e;
        }
    }

    private void await(CompletableFuture<JsonRpcConnection> opening, long deadline) {
        try {
            opening.get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ChainTimeoutException("no connection to the chain node at " + url + " within the deadline");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ChainTimeoutException t) {
                throw new ChainTimeoutException(t.getMessage());
            }
            throw new ChainConnectionException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainConnectionException("interrupted while connecting to " + url, e);
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** Closes the connection; calls waiting on it fail. */
    @Override
    public void close() {
        closed = true;
        CompletableFuture<JsonRpcConnection> seen = current.getAndSet(null);
        if (seen != null) {
            seen.thenAccept(JsonRpcConnection::close);
        }
    }
}

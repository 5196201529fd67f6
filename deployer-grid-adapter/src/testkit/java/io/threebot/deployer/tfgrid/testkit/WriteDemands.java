package io.threebot.deployer.tfgrid.testkit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.server.WebSocketServer;

/**
 * Asks again for the writing of what a Java-WebSocket server's connections still hold to send. In Java-WebSocket
 * 1.6.0 the selector thread, once it has written a connection's queue out, sets the connection back to reading only;
 * a message queued by another thread between the two has its demand for a write overwritten, and it waits unsent
 * until something else is sent on that connection (a client waiting for the answer times out). Every
 * {@link #PERIOD} a connection whose queue holds data is asked again ({@link WebSocketServer#onWriteDemand}, which
 * only sets the write interest and wakes the selector), so such a message goes out that late at most. The local v3
 * grid's chain and relay servers and the adapter's test doubles of them all run it.
 */
public final class WriteDemands implements AutoCloseable {
    /** How late a message whose write demand was lost goes out at most. */
    public static final Duration PERIOD = Duration.ofMillis(20);

    private final ScheduledExecutorService timer;

    private WriteDemands(WebSocketServer server, String name) {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, name + "-write-demands");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            for (WebSocket connection : server.getConnections()) {
                if (connection.isOpen() && connection.hasBufferedData()) {
                    server.onWriteDemand(connection);
                }
            }
        }, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts asking again for {@code server}'s connections until {@link #close}. */
    public static WriteDemands watch(WebSocketServer server, String name) {
        return new WriteDemands(server, name);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

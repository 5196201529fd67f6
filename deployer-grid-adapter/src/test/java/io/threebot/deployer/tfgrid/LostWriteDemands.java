package io.threebot.deployer.tfgrid;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.server.WebSocketServer;

/**
 * Works around a lost write in the test doubles' Java-WebSocket 1.6.0 servers: the selector thread, having written a
 * connection's queue out, sets it back to reading only, which overwrites the write demand of a message another thread
 * queued in between; that message then waits unsent until something else is sent on the connection, and the client
 * under test times out waiting for an answer the double gave. (The examples' local grid servers do the same in
 * their {@code WriteDemands}.)
 */
public final class LostWriteDemands {
    private LostWriteDemands() {
    }

    /**
     * Every 20 ms, asks again for the writing of each of {@code server}'s connections that still holds data to send;
     * shut the returned timer down with the server.
     */
    public static ScheduledExecutorService repeat(WebSocketServer server) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "lost-write-demands");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> server.getConnections().stream()
                .filter(c -> c.isOpen() && c.hasBufferedData()).forEach(server::onWriteDemand),
                20, 20, TimeUnit.MILLISECONDS);
        return timer;
    }
}

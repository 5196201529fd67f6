package io.threebot.deployer.redis.testkit;

import io.threebot.deployer.testkit.LocalServer;
import io.threebot.deployer.testkit.LoopbackServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real {@code redis-server} on a free loopback port without persistence, for tests and benchmarks. It can be
 * killed and started again on the same port.
 */
public final class LocalRedis extends LocalServer {
    private final Path log;

    private LocalRedis(int port, Path log) {
        super(port);
        this.log = log;
    }

    /** True when redis-server is on the PATH. */
    public static boolean available() {
        return LoopbackServers.onPath("redis-server");
    }

    public static LocalRedis start() {
        try {
            LocalRedis redis = new LocalRedis(LoopbackServers.freePort(), Files.createTempFile("redis-", ".log"));
            redis.startServer();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file left behind
        }
    }

    @Override
    protected Process startProcess() {
        Process process = LoopbackServers.start(List.of("redis-server", "--port", String.valueOf(port()), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no",
                "--client-output-buffer-limit", "pubsub 256mb 128mb 60"), log);
        LoopbackServers.awaitPort(port(), List.of(process), log);
        return process;
    }
}

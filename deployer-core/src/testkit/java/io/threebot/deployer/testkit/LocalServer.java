package io.threebot.deployer.testkit;

/**
 * A real server program on a loopback port, for tests and benchmarks: it can be killed at once, as a crash would
 * kill it, and started again on the same port.
 */
public abstract class LocalServer implements AutoCloseable {
    private final int port;
    private Process process;

    protected LocalServer(int port) {
        this.port = port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Starts the server's process and returns it once the server takes connections. */
    protected abstract Process startProcess();

    /** Starts the server. */
    protected final void startServer() {
        process = startProcess();
    }

    /** Kills the server at once, as a crash would; {@link #restart()} starts it again on the same port. */
    public void kill() {
        if (process != null) {
            LoopbackServers.stop(process);
            process = null;
        }
    }

    /** Starts the server again on the same port. */
    public void restart() {
        kill();
        startServer();
    }
}

package io.threebot.deployer.examples;

import io.threebot.deployer.acme.ChallengeResponder;
import io.threebot.deployer.acme.Http01Responder;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * An {@link Http01Responder} on a fixed loopback port that can let go of the port, so that another ACME client
 * (lego, certbot) answers the CA's HTTP-01 requests on it in between. Publishing needs it to be listening.
 */
final class PortSharingResponder implements ChallengeResponder, AutoCloseable {
    private final int port;
    private Http01Responder listening;

    PortSharingResponder(int port) {
        this.port = port;
    }

    /** Starts answering on the port, unless it already does. */
    synchronized void listen() {
        if (listening == null) {
            listening = Http01Responder.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    /** Stops answering and frees the port. */
    synchronized void release() {
        if (listening != null) {
            listening.close();
            listening = null;
        }
    }

    @Override
    public synchronized void publish(String token, String content) {
        if (listening == null) {
            throw new IllegalStateException("the responder on port " + port + " is not listening");
        }
        listening.publish(token, content);
    }

    @Override
    public synchronized void remove(String token) {
        if (listening != null) {
            listening.remove(token);
        }
    }

    @Override
    public void close() {
        release();
    }
}

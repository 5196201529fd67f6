package io.threebot.deployer.acme;

/**
 * Serves HTTP-01 challenge answers at {@code http://<domain>/.well-known/acme-challenge/<token>}. Use the built-in
 * {@link Http01Responder}, or implement this for a host that serves that path itself.
 */
public interface ChallengeResponder {

    /** Starts answering {@code token} with {@code content} (as {@code text/plain}). */
    void publish(String token, String content);

    /** Stops answering {@code token}. */
    void remove(String token);
}

package io.threebot.deployer.spi;

/**
 * Where the deployer sends its own progress and error events. Implementations must return at once and never
 * throw: a deployment does not wait for, or fail because of, its observers.
 *
 * <p>Called from several deployments at once, on their own threads: implementations must be fast and must not throw
 * (a failure is logged and ignored).
 */
@FunctionalInterface
public interface DeploymentEvents {

    void publish(DeploymentEvent event);

    /** Events go nowhere. */
    static DeploymentEvents none() {
        return event -> {
        };
    }

    /** Every event to each of these observers in turn (Redis and metrics, say); one that throws stops no other. */
    static DeploymentEvents all(DeploymentEvents... observers) {
        java.util.List<DeploymentEvents> list = java.util.List.of(observers);
        return event -> {
            for (DeploymentEvents observer : list) {
                try {
                    observer.publish(event);
                } catch (RuntimeException e) {
                    // an observer must not throw; the others still hear the event
                }
            }
        };
    }
}

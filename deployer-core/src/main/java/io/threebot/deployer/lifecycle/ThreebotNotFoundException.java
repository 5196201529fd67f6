package io.threebot.deployer.lifecycle;

/** No 3Bot has this id. */
public class ThreebotNotFoundException extends LifecycleException {
    public ThreebotNotFoundException(String message) {
        super(message);
    }

    public ThreebotNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}

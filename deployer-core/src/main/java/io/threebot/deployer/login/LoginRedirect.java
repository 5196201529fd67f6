package io.threebot.deployer.login;

import java.net.URI;
import java.util.Objects;

/**
 * Where to send the browser to log in, and the state to keep in the user's session for the callback.
 *
 * @param location the login service's page, with state, appid, scope, redirecturl and publickey
 * @param state    the random state of this attempt: keep it in the server-side session, pass it to
 *                 {@link ConnectLogin#finish}
 */
public record LoginRedirect(URI location, String state) {
    public LoginRedirect {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(state, "state");
    }
}

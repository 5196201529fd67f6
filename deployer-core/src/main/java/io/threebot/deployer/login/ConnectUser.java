package io.threebot.deployer.login;

import java.util.Objects;
import java.util.Optional;

/**
 * A user the login service vouched for.
 *
 * @param doubleName    the user's name, lower-cased ({@code alice.3bot}): the principal to give the deployer
 * @param email         the user's email address
 * @param emailVerifier the signed email identifier the service sent, for a host that checks it with a KYC service
 */
public record ConnectUser(String doubleName, String email, Optional<String> emailVerifier) {
    public ConnectUser {
        Objects.requireNonNull(doubleName, "doubleName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(emailVerifier, "emailVerifier");
    }
}
